// `mtls-lens status` and the pure status API against the fake API server seeded with the demo cluster
// (examples/demo-cluster): a STRICT namespace with an unmeshed pod, an ambient namespace, a port-level
// override, duplicate PeerAuthentications decided by creationTimestamp, and Linkerd's default policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startFakeApiServer, type FakeApiServer } from '../../tools/fake-apiserver/index';
import { connect, loadSnapshot, snapshotToDocuments } from '../../src/cluster/index';
import { parseYamlFile } from '../../src/core/yaml/parse';
import { defaultSettings } from '../../src/core/settings';
import { CombinedIndex } from '../../src/core/status/combine';
import { allWorkloadStatuses, toJson, type StatusJsonWorkload } from '../../src/core/status/report';
import { runCli } from './cli-child';

const ROOT = join(__dirname, '..', '..');
let api: FakeApiServer;
let dir = '';
let kubeconfig = '';

before(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT }); // the test runs what ships
  api = await startFakeApiServer({ seedPaths: [join(ROOT, 'examples', 'demo-cluster')] });
  dir = mkdtempSync(join(tmpdir(), 'mtls-status-'));
  kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
});
after(() => api?.close());

const cli = runCli;

const pick = (ws: StatusJsonWorkload[], ns: string, name: string) => {
  const w = ws.find((x) => x.namespace === ns && x.name === name);
  assert.ok(w, `no workload ${ns}/${name} in ${ws.map((x) => `${x.namespace}/${x.name}`).join(', ')}`);
  return w;
};

test('status --format json against the demo cluster: the five semantic cases', async () => {
  const r = await cli(['status', '--kubeconfig', kubeconfig, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const ws: StatusJsonWorkload[] = JSON.parse(r.out).workloads;
  // STRICT namespace, one workload opted out of injection: its pod speaks plaintext only
  const batch = pick(ws, 'payments', 'batch-export-v1');
  assert.deepEqual([batch.mode, batch.policyMode, batch.pods, batch.source], ['DISABLE', 'STRICT', { total: 1, meshed: 0 }, 'cluster']);
  assert.deepEqual([pick(ws, 'payments', 'checkout-v1').mode, pick(ws, 'payments', 'checkout-v1').pods], ['STRICT', { total: 1, meshed: 1 }]);
  // ambient namespace: enrolled through ztunnel, mesh-wide PERMISSIVE applies
  const frontend = pick(ws, 'ambient-demo', 'frontend');
  assert.deepEqual([frontend.mode, frontend.dataplane, frontend.pods.meshed], ['PERMISSIVE', 'ambient', 1]);
  // port-level override on reviews: 9080 PERMISSIVE under a STRICT workload mode
  const reviews = pick(ws, 'bookinfo', 'reviews-v2');
  assert.deepEqual([reviews.mode, reviews.ports, reviews.pods], ['STRICT', { 9080: 'PERMISSIVE' }, { total: 2, meshed: 2 }]);
  assert.deepEqual(reviews.decidedBy.at(-1), { kind: 'PeerAuthentication', namespace: 'bookinfo', name: 'reviews-legacy-port' });
  // two workload PeerAuthentications for ratings: the older (STRICT) wins over the newer DISABLE
  const ratings = pick(ws, 'bookinfo', 'ratings-v1');
  assert.equal(ratings.mode, 'STRICT');
  assert.ok(ratings.decidedBy.some((d) => d.name === 'ratings-strict') && !ratings.decidedBy.some((d) => d.name === 'ratings-disable'));
  // Linkerd: no default-inbound-policy annotation, so all-unauthenticated: plaintext accepted
  const web = pick(ws, 'emojivoto', 'web-v11');
  assert.deepEqual([web.mode, web.dataplane, web.pods], ['PERMISSIVE', 'linkerd', { total: 1, meshed: 1 }]);
});

test('status text output and --namespace: one line per workload of that namespace, mesh-wide policy still read', async () => {
  const r = await cli(['status', '--kubeconfig', kubeconfig, '--namespace', 'payments']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0], /^Context fake-test-admin \(https:\/\/127\.0\.0\.1:\d+\)$/);
  assert.deepEqual(lines.slice(2), [
    'payments  Deployment batch-export-v1  DISABLE · 1 pod without a proxy: plaintext only (STRICT not enforced)  [PeerAuthentication istio-system/default, PeerAuthentication payments/default]',
    'payments  Deployment checkout-v1  STRICT · 1/1 pod meshed (sidecar)  [PeerAuthentication istio-system/default, PeerAuthentication payments/default]',
    'payments  Deployment ledger-v1  STRICT · 1/1 pod meshed (sidecar)  [PeerAuthentication istio-system/default, PeerAuthentication payments/default]',
  ]);
});

test('--workspace files are applied over the live cluster: an edited PeerAuthentication shows its effect before apply', async () => {
  const edited = join(dir, 'payments-pa.yaml');
  writeFileSync(edited, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: default, namespace: payments }\nspec:\n  mtls: { mode: PERMISSIVE }\n');
  const r = await cli(['status', '--kubeconfig', kubeconfig, '--namespace', 'payments', '--format', 'json', '--workspace', edited]);
  assert.equal(r.code, 0, r.err);
  const checkout = pick(JSON.parse(r.out).workloads, 'payments', 'checkout-v1');
  assert.deepEqual([checkout.mode, checkout.liveMode], ['PERMISSIVE', 'STRICT']);
});

test('cluster errors: an explicit bad context exits 2 with a message; no kubeconfig at all falls back to the workspace', async () => {
  const bad = await cli(['status', '--kubeconfig', kubeconfig, '--context', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Context 'nope' is not in the kubeconfig/);
  assert.equal(bad.out, '');
  const none = await cli(['status', '--workspace', join(ROOT, 'examples', 'demo-cluster', '40-payments-workloads.yaml'), '--format', 'json'], { KUBECONFIG: join(dir, 'missing') });
  assert.equal(none.code, 0, none.err);
  assert.match(none.err, /no cluster \(.*\); showing the workspace only/);
  const ws: StatusJsonWorkload[] = JSON.parse(none.out).workloads;
  assert.deepEqual(ws.map((w) => [w.name, w.source]), [['batch-export-v1', 'workspace'], ['checkout-v1', 'workspace'], ['ledger-v1', 'workspace']]);
});

test('the pure API on a real snapshot gives the same answer as the CLI', async () => {
  const snap = await loadSnapshot(connect({ kubeconfigPath: kubeconfig, origin: 'flag', allowExec: false }), { parts: ['workloads', 'policies'] });
  const combined = new CombinedIndex();
  combined.setLive(snap.context, snapshotToDocuments(snap).map((d) => ({ file: d.file, resources: parseYamlFile(d.file, d.text).resources })));
  const json = toJson(allWorkloadStatuses({ index: combined.afterApply, live: combined.live, context: snap.context, settings: defaultSettings() }));
  const r = await cli(['status', '--kubeconfig', kubeconfig, '--format', 'json']);
  assert.deepEqual(json, JSON.parse(r.out));
  assert.equal(json.workloads.length, 12);
});
