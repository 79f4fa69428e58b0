import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeApiServer } from '../../tools/fake-apiserver/index';
import {
  connect,
  loadSnapshot,
  clusterCertificates,
  snapshotToDocuments,
  parseClusterDocumentName,
} from '../../src/cluster/index';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { defaultSettings } from '../../src/core/settings';
import { startSeeded, privateKeyMaterial, assertNoKeyMaterial, NOW } from './helpers-certs';

let api: FakeApiServer;
before(async () => {
  api = await startSeeded();
});
after(() => api?.close());

test('the snapshot holds projections of every kind, found by discovery', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const progress: number[] = [];
  const snap = await loadSnapshot(client, { onProgress: (p) => progress.push(p.done) });
  assert.deepEqual(snap.meshes, { istio: true, linkerd: false, certManager: true, spire: true });
  assert.equal(snap.pods.length, 7);
  const cart = snap.pods.find((p) => p.metadata.name === 'cart-1')!;
  assert.equal(cart.serviceAccountName, 'cart');
  assert.deepEqual(
    cart.containers.map((c) => c.name),
    ['app', 'istio-proxy'],
  );
  assert.equal((cart as any).status, undefined, 'no whole pod status kept');
  assert.deepEqual(snap.namespaces.map((n) => n.metadata.name).sort(), ['istio-system', 'linkerd', 'shop']);
  const web = snap.secrets.find((s) => s.metadata.name === 'web-tls')!;
  assert.deepEqual(Object.keys(web.certData).sort(), ['ca.crt', 'tls.crt']);
  assert.deepEqual(web.droppedKeys, ['tls.key']);
  assert.ok(snap.caConfigMaps.some((c) => c.metadata.name === 'istio-ca-root-cert'));
  assert.ok(snap.caConfigMaps.some((c) => c.metadata.name === 'linkerd-identity-trust-roots'));
  assert.deepEqual(snap.customResources.map((r) => r.kind).sort(), [
    'Certificate',
    'ClusterSPIFFEID',
    'PeerAuthentication',
  ]);
  assert.ok(progress.length > 5 && progress.at(-1)! > 5);
  assert.deepEqual(snap.notes, []);
});

test('no mutating request, and no private key in the snapshot or its documents', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client);
  const keys = privateKeyMaterial(api);
  assert.ok(keys.length >= 3, 'the fake generated keys to look for');
  assertNoKeyMaterial(JSON.stringify(snap), keys);
  assertNoKeyMaterial(JSON.stringify(snapshotToDocuments(snap)), keys);
  assert.deepEqual(
    api.requests.filter((r) => r.mutating || r.method !== 'GET'),
    [],
  );
});

test('lists are paged (limit + continue) and every item arrives', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const before = api.requests.length;
  const snap = await loadSnapshot(client, { parts: ['workloads'], pageSize: 2 });
  assert.equal(snap.pods.length, 7);
  const podPages = api.requests.slice(before).filter((r) => r.path === '/api/v1/pods');
  assert.equal(podPages.length, 4);
  assert.ok(podPages.slice(1).every((r) => typeof r.query.continue === 'string' && r.query.limit === '2'));
});

test('certificates: roots, mesh CAs with Linkerd thresholds, cert-manager status plus its Secret, verified', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client, { parts: ['certificates'] });
  const certs = clusterCertificates(snap, NOW);
  assert.deepEqual(certs.trustRoots.map((r) => r.role).sort(), ['Istio trust root', 'Linkerd trust anchors']);
  assert.equal(
    certs.trustRoots.filter((r) => r.role === 'Istio trust root').length,
    1,
    'one entry for the bundle copied into every namespace',
  );
  const issuer = certs.meshCAs.find((m) => m.role === 'Linkerd identity issuer')!;
  assert.ok(issuer.linkerdThresholds);
  assert.equal(issuer.verification?.status, 'valid', issuer.verification?.message);
  const istioCa = certs.meshCAs.find((m) => m.role === 'Istio self-signed CA')!;
  assert.equal(istioCa.verification?.status, 'valid', istioCa.verification?.message);
  const cm = certs.certManager.find((c) => c.name === 'web')!;
  assert.equal(cm.ready, 'True');
  assert.ok(cm.notAfter, 'status.notAfter is kept');
  assert.deepEqual(cm.group?.chain[0].dnsNames, ['web.shop.svc']);
  assert.ok(
    !certs.tlsSecrets.some((s) => s.source.name === 'web-tls'),
    'shown under its Certificate, not twice',
  );
});

test('snapshot documents go through the same analyzer: an expired cluster certificate becomes MTLS901 on a cluster:// file', async () => {
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client);
  const docs = snapshotToDocuments(snap);
  const a = new Analyzer(allRules, defaultSettings({ now: NOW }));
  for (const d of docs) a.setFile(d.file, d.text);
  const findings = [...a.run().values()].flat().filter((f) => f.ruleId === 'MTLS901');
  // self-signed: ca.crt holds the same expired certificate
  assert.deepEqual(findings.map((f) => f.message.split(',')[0]).sort(), ['In data.ca.crt', 'In data.tls.crt']);
  assert.deepEqual(parseClusterDocumentName(findings[0].file), {
    context: snap.context,
    namespace: 'shop',
    kind: 'Secret',
    name: 'old-tls',
  });
  assert.ok(a.index.find('security.istio.io', 'PeerAuthentication', 'istio-system', 'default'));
});
