// Watch and exec through the real client-node 2.x: event types, resourceVersion semantics, bookmarks,
// 410, timeouts; exec of `pilot-agent request GET certs|config_dump`, non-zero exit, bad container.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, Exec, Watch, type V1Status } from '@kubernetes/client-node';
import { X509Certificate } from 'node:crypto';
import { pod, startFakeApiServer, type FakeApiServer } from '../../tools/fake-apiserver/index.js';
import { kubeConfigFor, smallCluster } from './fake-apiserver.fixture.js';

interface Seen { type: string; obj: any }

/** Watch until `until` says stop (or the server ends it); resolves with events and the done() error. */
function collectWatch(api: FakeApiServer, path: string, query: Record<string, string | number | boolean>, until: (seen: Seen[]) => boolean, act?: () => void) {
  return new Promise<{ seen: Seen[]; err: unknown }>((resolve, reject) => {
    const seen: Seen[] = [];
    let ctl: AbortController | undefined;
    let finished = false;
    const finish = (err: unknown) => {
      if (finished) return;
      finished = true;
      ctl?.abort();
      resolve({ seen, err });
    };
    new Watch(kubeConfigFor(api))
      .watch(path, query, (type, obj) => {
        seen.push({ type, obj });
        if (until(seen)) finish(null);
      }, (err) => finish(err))
      .then((c) => {
        ctl = c;
        if (finished) c.abort();
        act?.();
      }, reject);
  });
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return { stream: new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) }), text: () => Buffer.concat(chunks).toString() };
}

function exec(api: FakeApiServer, ns: string, name: string, container: string, command: string[]) {
  const out = sink();
  const err = sink();
  return new Promise<{ stdout: string; stderr: string; status: V1Status }>((resolve, reject) => {
    new Exec(kubeConfigFor(api))
      .exec(ns, name, container, command, out.stream, err.stream, null, false, (status) => resolve({ stdout: out.text(), stderr: err.text(), status }))
      .catch(reject);
  });
}

describe('fake API server watch', () => {
  let api: FakeApiServer;
  before(async () => (api = await startFakeApiServer({ objects: smallCluster(), bookmarkIntervalMs: 100 })));
  after(() => api.close());

  it('sends ADDED for the current state, then MODIFIED and DELETED from store changes', async () => {
    const { seen } = await collectWatch(api, '/api/v1/namespaces/shop/pods', {}, (s) => s.some((e) => e.type === 'DELETED'), () => {
      const p = api.store.get({ kind: 'Pod', namespace: 'shop', name: 'plain-1' })!;
      api.store.put({ ...p, metadata: { ...p.metadata, labels: { app: 'plain', v: '2' } } });
      api.store.delete({ kind: 'pods', namespace: 'shop', name: 'plain-1' });
    });
    assert.deepEqual(seen.map((e) => `${e.type} ${e.obj.metadata.name}`), ['ADDED plain-1', 'ADDED reviews-1', 'MODIFIED plain-1', 'DELETED plain-1']);
    assert.equal(seen[2].obj.kind, 'Pod', 'watch objects carry kind');
    assert.ok(Number(seen[3].obj.metadata.resourceVersion) > Number(seen[2].obj.metadata.resourceVersion));
    api.store.put(pod('shop', 'plain-1', { labels: { app: 'plain' } }));
  });

  it('from a list resourceVersion sends only later changes, and bookmarks when asked', async () => {
    const core = kubeConfigFor(api).makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: 'bulk' });
    api.store.put(pod('bulk', 'late-1', { labels: { app: 'late' } }));
    const { seen } = await collectWatch(api, '/api/v1/namespaces/bulk/pods', { resourceVersion: list.metadata!.resourceVersion!, allowWatchBookmarks: true }, (s) => s.some((e) => e.type === 'BOOKMARK'));
    assert.deepEqual(seen.map((e) => e.type), ['ADDED', 'BOOKMARK']);
    assert.equal(seen[0].obj.metadata.name, 'late-1');
    assert.equal(seen[1].obj.metadata.resourceVersion, api.store.resourceVersion);
  });

  it('filters by label selector and reports objects leaving it as DELETED', async () => {
    const { seen } = await collectWatch(api, '/api/v1/pods', { labelSelector: 'app=late', sendInitialEvents: true, allowWatchBookmarks: true }, (s) => s.some((e) => e.type === 'DELETED'), () => {
      const p = api.store.get({ kind: 'Pod', namespace: 'bulk', name: 'late-1' })!;
      api.store.put({ ...p, metadata: { ...p.metadata, labels: { app: 'moved' } } });
    });
    assert.deepEqual(seen.map((e) => e.type), ['ADDED', 'BOOKMARK', 'DELETED']);
    assert.equal(seen[1].obj.metadata.annotations['k8s.io/initial-events-end'], 'true');
  });

  it('answers a too-old resourceVersion with an in-stream 410 ERROR, then ends', async () => {
    const { seen, err } = await collectWatch(api, '/api/v1/pods', { resourceVersion: '1' }, () => false);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].type, 'ERROR');
    assert.deepEqual([seen[0].obj.code, seen[0].obj.reason], [410, 'Expired']);
    assert.equal(err, null);
  });

  it('expires older resourceVersions after store.compact()', async () => {
    const rv = api.store.resourceVersion;
    api.store.put(pod('bulk', 'late-2'));
    api.store.compact();
    const { seen } = await collectWatch(api, '/api/v1/pods', { resourceVersion: rv }, () => false);
    assert.equal(seen[0].obj.code, 410);
  });

  it('ends the stream after timeoutSeconds (client-node then calls done(null))', async () => {
    const t0 = Date.now();
    const { err } = await collectWatch(api, '/api/v1/namespaces', { timeoutSeconds: 1, resourceVersion: api.store.resourceVersion }, () => false);
    assert.equal(err, null);
    assert.ok(Date.now() - t0 >= 900);
  });
});

describe('fake API server exec', () => {
  let api: FakeApiServer;
  before(async () => (api = await startFakeApiServer({ objects: smallCluster(), trustDomain: 'example.org' })));
  after(() => api.close());

  it('returns Envoy /certs with the workload SVID from pilot-agent in istio-proxy', async () => {
    const r = await exec(api, 'shop', 'reviews-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'certs']);
    assert.equal(r.status.status, 'Success');
    const certs = JSON.parse(r.stdout).certificates;
    const chain = certs.flatMap((c: any) => c.cert_chain ?? []);
    const roots = certs.flatMap((c: any) => c.ca_cert ?? []);
    assert.deepEqual(chain[0].subject_alt_names, [{ uri: 'spiffe://example.org/ns/shop/sa/reviews' }]);
    assert.equal(chain[0].days_until_expiration, '0', 'a 24 h SVID has less than a whole day left');
    assert.ok(Date.parse(chain[0].expiration_time) - Date.parse(chain[0].valid_from) === 86_400_000);
    assert.equal(roots.length, 1);
    assert.equal(new X509Certificate(api.meshRootPem).serialNumber.toLowerCase(), roots[0].serial_number);
  });

  it('returns the SecretsConfigDump with a verifiable chain from config_dump', async () => {
    const r = await exec(api, 'shop', 'reviews-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'config_dump?resource=dynamic_active_secrets']);
    const secrets = JSON.parse(r.stdout).configs;
    const def = secrets.find((s: any) => s.name === 'default');
    const root = secrets.find((s: any) => s.name === 'ROOTCA');
    const leaf = new X509Certificate(Buffer.from(def.secret.tls_certificate.certificate_chain.inline_bytes, 'base64').toString());
    const rootCert = new X509Certificate(Buffer.from(root.secret.validation_context.trusted_ca.inline_bytes, 'base64').toString());
    assert.ok(leaf.verify(rootCert.publicKey), 'the SVID is signed by the mesh root');
    assert.ok(!leaf.subject, 'an Istio SVID has an empty subject');
    const full = JSON.parse((await exec(api, 'shop', 'reviews-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'config_dump'])).stdout);
    assert.ok(full.configs.some((c: any) => c['@type'] === 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump' && c.dynamic_active_secrets.length === 2));
  });

  it('reports a non-zero exit as a NonZeroExitCode status', async () => {
    const r = await exec(api, 'shop', 'reviews-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'no_such_page']);
    assert.equal(r.status.status, 'Failure');
    assert.equal(r.status.reason, 'NonZeroExitCode');
    assert.equal(r.status.details?.causes?.[0].message, '1');
    assert.match(r.stderr, /no_such_page/);
    const missing = await exec(api, 'shop', 'plain-1', 'app', ['ls']);
    assert.equal(missing.status.details?.causes?.[0].message, '127');
  });

  it('rejects a bad container or pod before the upgrade, and records it', async () => {
    await assert.rejects(exec(api, 'shop', 'plain-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'certs']), (e: any) => /Unexpected server response: 400/.test(e.message));
    await assert.rejects(exec(api, 'shop', 'ghost', 'istio-proxy', ['true']), (e: any) => /Unexpected server response: 404/.test(e.message));
    const execs = api.requests.filter((r) => r.resource === 'pods/exec');
    assert.deepEqual(execs.slice(-2).map((r) => [r.verb, r.status, r.mutating]), [['connect', 400, false], ['connect', 404, false]]);
  });

  it('gives a pod put at runtime an SVID on first exec', async () => {
    api.store.put(pod('shop', 'ratings-1', { istio: true, serviceAccount: 'ratings' }));
    const r = await exec(api, 'shop', 'ratings-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', '/certs']);
    assert.match(r.stdout, /spiffe:\/\/example\.org\/ns\/shop\/sa\/ratings/);
  });
});
