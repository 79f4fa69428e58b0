import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeApiServer } from '../../tools/fake-apiserver/index';
import { pod } from '../../tools/fake-apiserver/index';
import { connect, loadSnapshot, clusterCertificates, readIstioSvid, watchSnapshot, ClusterError } from '../../src/cluster/index';
import { formatChain } from '../../src/core/x509/index';
import { startSeeded, privateKeyMaterial, assertNoKeyMaterial, NOW } from './helpers-certs';

let api: FakeApiServer;
before(async () => {
  api = await startSeeded();
});
after(() => api?.close());

test('a workload SVID read by exec into istio-proxy: chain, SPIFFE ID, serial, validity, verified against the mesh root', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const certs = clusterCertificates(await loadSnapshot(client, { parts: ['certificates'] }), NOW);
  const svid = await readIstioSvid(client.config, 'shop', 'cart-1', { meshRoots: certs.rootsByMesh.istio, now: NOW });
  assert.equal(svid.source, 'config_dump');
  assert.deepEqual(svid.chain[0].spiffeIds, ['spiffe://cluster.local/ns/shop/sa/cart']);
  assert.equal(svid.summary[0].serial.replace(/^0+/, ''), svid.chain[0].serial);
  assert.equal(svid.summary[0].notAfter, svid.chain[0].notAfter);
  assert.equal(svid.verification?.status, 'valid', svid.verification?.message);
  assert.ok(svid.chain[0].issuer.length > 0);
  const exec = api.requests.filter((r) => r.resource === 'pods/exec');
  assert.deepEqual(exec.map((r) => r.query.command), [['pilot-agent', 'request', 'GET', 'certs'], ['pilot-agent', 'request', 'GET', 'config_dump?resource=dynamic_active_secrets']]);
  assert.deepEqual(api.requests.filter((r) => r.mutating), []);
  const details = formatChain('shop/cart-1', svid.chain, svid.verification, NOW, { pem: true });
  assertNoKeyMaterial(details, privateKeyMaterial(api));
  assert.ok(!details.includes('redacted'));
});

test('exec failures say what went wrong: non-zero exit, rejected container, no sidecar', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  api.setFault({ exec: { exitCode: 1, stderr: 'pilot-agent: connection refused' } });
  try {
    await assert.rejects(readIstioSvid(client.config, 'shop', 'cart-1', { timeoutMs: 5000 }), (e: ClusterError) => e.kind === 'exec' && /exit code 1: pilot-agent: connection refused/.test(e.message));
    api.setFault({ exec: { rejectStatus: 400 } });
    await assert.rejects(readIstioSvid(client.config, "shop", "cart-1", { timeoutMs: 5000 }), /refused the exec into shop\/cart-1 \(container istio-proxy\) \(400: wrong container name/);
    api.setFault({ exec: { rejectStatus: 403 } });
    await assert.rejects(readIstioSvid(client.config, 'shop', 'cart-1', { timeoutMs: 5000 }), (e: ClusterError) => e.kind === 'forbidden' && /pods\/exec/.test(e.message));
  } finally {
    api.setFault(undefined);
  }
  await assert.rejects(readIstioSvid(client.config, 'shop', 'legacy-1', { timeoutMs: 5000 }), ClusterError);
});

test('watches debounce changes, and resume after the connection is dropped', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client, { parts: ['workloads'] });
  const calls: string[][] = [];
  api.setFault({ dropWatchAfterMs: 300 });
  const w = watchSnapshot(client, { '/api/v1/pods': snap.resourceVersions['/api/v1/pods'] }, (c) => calls.push(c), { debounceMs: 150, backoffMs: 50 });
  try {
    await sleep(200);
    api.store.put(pod('shop', 'new-1', { istio: true }));
    api.store.put(pod('shop', 'new-2', { istio: true }));
    await sleep(400);
    assert.equal(calls.length, 1, 'two quick changes → one debounced call');
    assert.deepEqual(calls[0], ['/api/v1/pods']);
    await sleep(700); // the watch has been dropped at least once by now
    assert.ok(w.reconnects >= 1);
    api.store.put(pod('shop', 'new-3', { istio: true }));
    await sleep(900);
    assert.equal(calls.length, 2, 'a change after the reconnect is still seen');
  } finally {
    w.dispose();
    api.setFault(undefined);
    for (const n of ['new-1', 'new-2', 'new-3']) api.store.delete({ kind: 'Pod', namespace: 'shop', name: n });
  }
});

test('410 Expired on a watch: a fresh resourceVersion is taken and a relist is asked for', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client, { parts: ['workloads'] });
  api.store.put(pod('shop', 'tmp-1'));
  api.store.compact(); // the snapshot's resourceVersion is now too old
  const calls: string[][] = [];
  const w = watchSnapshot(client, { '/api/v1/pods': snap.resourceVersions['/api/v1/pods'] }, (c) => calls.push(c), { debounceMs: 50, backoffMs: 50 });
  try {
    await sleep(600);
    assert.ok(calls.length >= 1, 'the consumer is told to relist');
    const fresh = api.requests.filter((r) => r.path === '/api/v1/pods' && r.query.limit === '1');
    assert.equal(fresh.length, 1);
  } finally {
    w.dispose();
    api.store.delete({ kind: 'Pod', namespace: 'shop', name: 'tmp-1' });
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
