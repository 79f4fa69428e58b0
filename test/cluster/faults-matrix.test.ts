// The fault matrix (docs/reliability.md): every fault mode of the fake API server, what the user is shown
// for it, and recovery once it clears. What is shown: a fatal ClusterError's message is the tree's error
// node and the status bar tooltip (src/editor/tree/provider.ts, src/editor/cluster/feature.ts show
// `state.error.message` as is); a partial failure is a snapshot note, which buildCertificateTree turns into
// a node; a failed SVID read is the message in the pod's node. No promise rejection may go unhandled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeApiServer, FaultConfig } from '../../tools/fake-apiserver/index';
import { pod } from '../../tools/fake-apiserver/index';
import { connect, loadSnapshot, readIstioSvid, watchSnapshot, clusterCertificates, ClusterError, type ClusterSnapshot } from '../../src/cluster/index';
import { buildCertificateTree, walkLabels } from '../../src/editor/tree/model';
import { clusterFaultPhrase } from '../../src/core/status/phrases';
import { DEFAULT_EXPIRY } from '../../src/core/x509/types';
import { startSeeded } from './helpers-certs';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
process.on('unhandledRejection', onUnhandled);

let api: FakeApiServer;
before(async () => {
  api = await startSeeded();
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await api?.close();
});

/** Fault → the message shown, collected for the distinctness check at the end. */
const shown = new Map<string, string>();
/** Fatal fault → what a lens says instead of its cluster answer. */
const lensShown = new Map<string, string>();

const client = (timeoutMs = 5000) => connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false }, timeoutMs);

function treeLabels(snap: ClusterSnapshot, svids = new Map<string, string>()): string[] {
  return walkLabels(buildCertificateTree({ snapshot: snap, certs: clusterCertificates(snap, new Date()), svids, now: new Date(), thresholds: DEFAULT_EXPIRY }));
}

async function withFault<T>(fault: FaultConfig, fn: () => Promise<T>): Promise<T> {
  api.setFault(fault);
  try {
    return await fn();
  } finally {
    api.setFault(undefined);
  }
}

async function fatal(p: Promise<unknown>): Promise<ClusterError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  assert.ok(e instanceof ClusterError, `expected a ClusterError, got ${String(e)}`);
  return e;
}

/** After the fault clears the same read succeeds in full (the baseline snapshot of the seeded cluster). */
async function assertRecovers(): Promise<void> {
  const snap = await loadSnapshot(client());
  assert.equal(snap.pods.length, 7);
  assert.ok(snap.secrets.length >= 4);
  assert.deepEqual(snap.notes.filter((n) => n.level !== 'info'), []);
}

test('401: fatal, says the credentials were rejected and names the context; recovers', async () => {
  const e = await withFault({ unauthorized: true }, () => fatal(loadSnapshot(client())));
  assert.equal(e.kind, 'unauthorized');
  assert.match(e.message, /rejected the credentials \(401 Unauthorized\).*context fake-test-admin/);
  shown.set('401', e.message);
  lensShown.set('401', clusterFaultPhrase(e.kind, 'fake-test-admin'));
  await assertRecovers();
});

test('403 on secrets: that part is left out, the tree shows a note naming secrets and the RBAC fix; recovers', async () => {
  const snap = await withFault({ forbidden: ['secrets'] }, () => loadSnapshot(client()));
  assert.equal(snap.secrets.length, 0);
  assert.equal(snap.pods.length, 7, 'the rest is still read');
  const note = snap.notes.find((n) => n.errorKind === 'forbidden')!;
  assert.match(note.message, /Not allowed to read secrets.*403 Forbidden.*kubectl auth can-i list/);
  assert.ok(treeLabels(snap).some((l) => l.includes(note.message)), 'the note is a tree node');
  shown.set('403', note.message);
  await assertRecovers();
});

test('404, CRDs not installed: the mesh is reported absent, nothing fails; recovers', async () => {
  const snap = await withFault({ notInstalled: ['security.istio.io', 'networking.istio.io'] }, () => loadSnapshot(client()));
  assert.equal(snap.meshes.istio, false);
  assert.ok(!snap.customResources.some((r) => r.apiVersion.startsWith('security.istio.io/')));
  const root = treeLabels(snap)[0];
  assert.doesNotMatch(root, /istio/, 'the context node lists the meshes found, without Istio');
  assert.match(root, /linkerd|certManager|spire/);
  shown.set('404 (CRD not installed)', root);
  await assertRecovers();
});

test('410 while paging: the list is restarted once, then left out with an Expired note; recovers', async () => {
  const snap = await withFault({ expired: ['pods'] }, () => loadSnapshot(client(), { pageSize: 2 }));
  const note = snap.notes.find((n) => n.part === 'pods')!;
  assert.equal(note.errorKind, 'expired');
  assert.match(note.message, /list of pods changed too much while paging \(410 Expired\)/);
  assert.ok(treeLabels(snap).some((l) => l.includes('410 Expired')));
  shown.set('410', note.message);
  await assertRecovers();
});

test('500 on pods: that part is left out with a server-error note; recovers', async () => {
  const snap = await withFault({ internalError: ['pods'] }, () => loadSnapshot(client()));
  const note = snap.notes.find((n) => n.part === 'pods')!;
  assert.equal(note.errorKind, 'server');
  assert.match(note.message, /failed while reading pods \(500\).*fake fault: injected internal error/);
  shown.set('500', note.message);
  await assertRecovers();
});

test('slow server: fatal timeout naming the limit; recovers', async () => {
  const e = await withFault({ delayMs: 1500 }, () => fatal(loadSnapshot(client(400))));
  assert.equal(e.kind, 'timeout');
  assert.match(e.message, /did not answer within 0 s while reading/);
  shown.set('slow responses', e.message);
  lensShown.set('slow responses', clusterFaultPhrase(e.kind, 'fake-test-admin'));
  await assertRecovers();
});

test('connection reset in the middle of a list: fatal, says the connection was closed; recovers', async () => {
  const e = await withFault({ resetMidList: ['pods'] }, () => fatal(loadSnapshot(client())));
  assert.equal(e.kind, 'unreachable');
  assert.match(e.message, /other side closed|ECONNRESET|socket/i);
  shown.set('connection reset mid-list', e.message);
  lensShown.set('connection reset mid-list', clusterFaultPhrase(e.kind, 'fake-test-admin'));
  await assertRecovers();
});

test('dropped watches: reconnected from the last resourceVersion, changes arrive once the fault clears', async () => {
  const c = client();
  const snap = await loadSnapshot(c);
  const errors: string[] = [];
  const changes: string[][] = [];
  api.setFault({ dropWatchAfterMs: 150 });
  const w = watchSnapshot(c, snap.resourceVersions, (paths) => changes.push(paths), { debounceMs: 50, backoffMs: 50, onError: (p, m) => errors.push(`${p}: ${m}`) });
  try {
    await sleep(700);
    assert.ok(w.reconnects >= 3, `reconnected ${w.reconnects} times`);
    assert.ok(errors.length > 0 && errors.every((m) => /^\/api/.test(m)), 'each drop is reported with its watch path');
    api.setFault(undefined);
    await sleep(300);
    const before = changes.length;
    api.store.put(pod('shop', 'late-1', { istio: true, serviceAccount: 'web' }));
    await waitFor(() => changes.slice(before).some((p) => p.some((x) => x.startsWith('/api/v1/pods'))), 3000);
  } finally {
    w.dispose();
    api.setFault(undefined);
    api.store.delete({ kind: 'Pod', namespace: 'shop', name: 'late-1' });
  }
  shown.set('dropped watch', `reconnected (${errors[0]})`);
});

test('exec failures: each says what failed, the pod node shows it; a cleared fault reads the SVID', async () => {
  const c = client();
  const snap = await loadSnapshot(c);
  const cases: [string, FaultConfig, RegExp][] = [
    ['exec exits non-zero', { exec: { exitCode: 2, stderr: 'pilot-agent: boom' } }, /'pilot-agent request GET certs' failed in shop\/cart-1 \(container istio-proxy\) with exit code 2: pilot-agent: boom/],
    ['exec forbidden (403)', { exec: { rejectStatus: 403 } }, /not allowed to exec into shop\/cart-1.*403; needs 'create' on pods\/exec/],
    ['exec refused (400)', { exec: { rejectStatus: 400 } }, /refused the exec into shop\/cart-1.*400: wrong container name, or the pod is not running/],
    ['exec fails (500)', { exec: { rejectStatus: 500 } }, /exec into shop\/cart-1 \(container istio-proxy\) failed with HTTP 500/],
  ];
  for (const [name, fault, re] of cases) {
    const e = await withFault(fault, () => fatal(readIstioSvid(c.config, 'shop', 'cart-1', { timeoutMs: 5000 })));
    assert.match(e.message, re, name);
    const labels = treeLabels(snap, new Map([['shop/cart-1', e.message]]));
    assert.ok(labels.some((l) => l.trim() === e.message), `${name}: the pod node shows the message`);
    shown.set(name, e.message);
  }
  const svid = await readIstioSvid(c.config, 'shop', 'cart-1', { timeoutMs: 5000 });
  assert.deepEqual(svid.chain[0]?.spiffeIds, ['spiffe://cluster.local/ns/shop/sa/cart']);
});

test('a fatal fault gives the lenses their own words too (they fall back to the workspace and say why)', () => {
  assert.deepEqual([...lensShown.keys()].sort(), ['401', 'connection reset mid-list', 'slow responses']);
  assert.match(lensShown.get('401')!, /fake-test-admin: rejected the credentials \(401\)/);
  assert.match(lensShown.get('slow responses')!, /timed out/);
  assert.match(lensShown.get('connection reset mid-list')!, /unreachable/);
  assert.equal(new Set(lensShown.values()).size, lensShown.size);
});

test('every fault shows its own message', () => {
  assert.ok(shown.size >= 12, `faults covered: ${[...shown.keys()].join(', ')}`);
  const texts = [...shown.values()];
  assert.equal(new Set(texts).size, texts.length, 'two faults share a message');
});

test('no unhandled promise rejection during the whole matrix', async () => {
  await sleep(200);
  assert.deepEqual(unhandled.map(String), []);
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail('condition not met in time');
    await sleep(25);
  }
}
