import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeMesh, makeCert } from '../x509/gen';
import { clusterCertificates } from '../../../src/cluster/certs';
import { projectSecret, projectConfigMap, projectPod } from '../../../src/cluster/projections';
import { snapshotToDocuments, parseClusterDocumentName } from '../../../src/cluster/documents';
import { parseEnvoyCerts, parseSecretsConfigDump } from '../../../src/cluster/svid';
import { buildCertificateTree, countExpiringSoon, walkLabels } from '../../../src/editor/tree/model';
import { decodeCertificates } from '../../../src/core/x509/index';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';

const DAY = 86400_000;
const NOW = new Date();
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function fixture() {
  const mesh = await makeMesh({ ns: 'shop', sa: 'cart' });
  const web = await makeCert({ subject: 'CN=web', dns: ['web.shop.svc'], issuer: mesh.root, notBefore: new Date(NOW.getTime() - 87 * DAY), notAfter: new Date(NOW.getTime() + 3 * DAY) }); // a 90-day certificate near its end
  const snap: ClusterSnapshot = {
    context: 'prod/eu', server: 'https://k8s.example:6443', readAt: NOW.toISOString(),
    meshes: { istio: true, linkerd: false, certManager: false, spire: false }, groups: {},
    namespaces: [{ metadata: { name: 'shop' } }, { metadata: { name: 'other' } }],
    pods: [
      projectPod({ metadata: { name: 'cart-7d9f8-abcde', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'cart-7d9f8' }] }, spec: { serviceAccountName: 'cart', containers: [{ name: 'app' }, { name: 'istio-proxy' }] }, status: { phase: 'Running' } }),
      projectPod({ metadata: { name: 'plain', namespace: 'other' }, spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } }),
    ],
    services: [], serviceAccounts: [],
    secrets: [projectSecret({ metadata: { name: 'web-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64(web.pem), 'tls.key': b64(web.keyPem), 'ca.crt': b64(mesh.root.pem) } })],
    caConfigMaps: [projectConfigMap({ metadata: { name: 'istio-ca-root-cert', namespace: 'shop' }, data: { 'root-cert.pem': mesh.root.pem } })],
    customResources: [], notes: [{ level: 'warning', part: 'secrets', message: 'Not allowed to read secrets in other', errorKind: 'forbidden' }], resourceVersions: {}, stats: { requests: 3, ms: 10 },
  };
  return { mesh, web, snap };
}

test('projection drops tls.key on read and keeps only certificate entries', async () => {
  const { web, snap } = await fixture();
  assert.deepEqual(Object.keys(snap.secrets[0].certData).sort(), ['ca.crt', 'tls.crt']);
  assert.deepEqual(snap.secrets[0].droppedKeys, ['tls.key']);
  // a combined cert+key PEM under a certificate-looking name is dropped whole
  const combined = projectSecret({ metadata: { name: 'x' }, data: { 'tls.pem': b64(web.pem + web.keyPem) } });
  assert.deepEqual(combined.certData, {});
  assert.ok(!JSON.stringify(snap).includes(web.keyPem.split('\n')[2]));
});

test('tree: context → trust roots / TLS Secrets / namespaces → workloads → pods, labels show identity and time left', async () => {
  const { snap } = await fixture();
  const tree = buildCertificateTree({ snapshot: snap, certs: clusterCertificates(snap, NOW), svids: new Map(), now: NOW, thresholds: { criticalDays: 7, warningDays: 30 } });
  const lines = walkLabels(tree);
  assert.match(lines[0], /^prod\/eu — istio · read /);
  assert.ok(lines.includes('  Not allowed to read secrets in other'));
  assert.ok(lines.some((l) => /^ {4}O=cluster\.local, CN=Root CA — \d+d left · CA$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^ {4}CN=web — 2d 23h left$|^ {4}CN=web — 3d left$/.test(l)), lines.join('\n'));
  assert.ok(lines.includes('      cart — 1 pod · sa cart · istio'), lines.join('\n'));
  assert.ok(lines.some((l) => /^ {8}cart-7d9f8-abcde — Running · expand to read its SVID$/.test(l)));
  assert.ok(lines.some((l) => /^ {8}plain — Running · no sidecar$/.test(l)));
  assert.equal(countExpiringSoon(tree), 1, 'the web certificate (3 days) is in the critical window');
  const web = tree[0].children!.find((c) => c.label === 'TLS Secrets')!.children![0];
  assert.equal(web.state, 'critical');
  assert.equal(web.cert?.verification?.status, 'valid');
  assert.deepEqual(web.resource, { kind: 'Secret', namespace: 'shop', name: 'web-tls' });
});

test('tree: a read SVID shows its SPIFFE ID chain; a failed read shows the message; the namespace filter applies', async () => {
  const { snap, mesh } = await fixture();
  const chain = decodeCertificates(mesh.leaf.pem + mesh.intermediate.pem).certs;
  const svids = new Map<string, any>([['shop/cart-7d9f8-abcde', { namespace: 'shop', pod: 'cart-7d9f8-abcde', container: 'istio-proxy', source: 'config_dump', chain, roots: [], summary: [], errors: [], verification: { status: 'valid', message: 'ok', path: [] } }]]);
  let lines = walkLabels(buildCertificateTree({ snapshot: snap, certs: clusterCertificates(snap, NOW), svids, now: NOW, thresholds: { criticalDays: 7, warningDays: 30 } }));
  assert.ok(lines.some((l) => /^ {10}spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart — \d+d left$/.test(l)), lines.join('\n'));
  svids.set('shop/cart-7d9f8-abcde', 'not allowed to exec into shop/cart-7d9f8-abcde');
  lines = walkLabels(buildCertificateTree({ snapshot: snap, certs: clusterCertificates(snap, NOW), svids, now: NOW, thresholds: { criticalDays: 7, warningDays: 30 }, namespaceFilter: 'other' }));
  assert.ok(!lines.some((l) => l.includes('cart-7d9f8')));
  assert.ok(!lines.some((l) => l.includes('CN=web')));
  assert.ok(lines.some((l) => l.trim().startsWith('plain')));
});

test('snapshot documents: names round-trip, Secrets carry only certificate data', async () => {
  const { snap, web } = await fixture();
  const docs = snapshotToDocuments(snap);
  const secret = docs.find((d) => d.file.includes('/Secret/'))!;
  assert.equal(secret.file, 'cluster://prod%2Feu/shop/Secret/web-tls');
  assert.deepEqual(parseClusterDocumentName(secret.file), { context: 'prod/eu', namespace: 'shop', kind: 'Secret', name: 'web-tls' });
  assert.ok(secret.text.includes('tls.crt:') && !secret.text.includes('tls.key'));
  assert.ok(!docs.some((d) => d.text.includes(b64(web.keyPem).slice(0, 80))));
  assert.equal(parseClusterDocumentName(docs.find((d) => d.file.includes('/Namespace/'))!.file)?.namespace, undefined);
});

test('Envoy /certs and config dump parsing; bad JSON is a clear error', async () => {
  const { mesh } = await fixture();
  const certs = parseEnvoyCerts(JSON.stringify({ certificates: [{ ca_cert: [{ serial_number: 'ab' }] }, { cert_chain: [{ serial_number: '0a1b', subject_alt_names: [{ uri: 'spiffe://td/ns/a/sa/b' }], valid_from: '2026-01-01T00:00:00Z', expiration_time: '2026-01-02T00:00:00Z', days_until_expiration: '1' }] }] }));
  assert.deepEqual(certs, [{ spiffeIds: ['spiffe://td/ns/a/sa/b'], dnsNames: [], serial: '0A1B', notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-01-02T00:00:00.000Z', daysUntilExpiration: 1 }]);
  const dump = parseSecretsConfigDump(JSON.stringify({ configs: [{ dynamic_active_secrets: [
    { name: 'default', secret: { tls_certificate: { certificate_chain: { inline_bytes: b64(mesh.leaf.pem + mesh.intermediate.pem) }, private_key: { inline_bytes: b64('[redacted]') } } } },
    { name: 'ROOTCA', secret: { validation_context: { trusted_ca: { inline_bytes: b64(mesh.root.pem) } } } },
  ] }] }));
  assert.equal(dump.chain.length, 2);
  assert.equal(dump.roots.length, 1);
  assert.throws(() => parseEnvoyCerts('<html>'), /not JSON/);
  assert.throws(() => parseSecretsConfigDump('{"configs":[]}'), /no workload certificate/);
});
