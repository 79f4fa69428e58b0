import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, applyFix, FIXED_NOW } from '../../helpers/analyze';
import { makeCert, b64 } from '../../x509/gen';
import { textAt, yaml } from './text';

const certificate = (name: string, ns: string, spec: string) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
const issuer = (kind: string, name: string, ns?: string, spec = '  selfSigned: {}\n') =>
  `apiVersion: cert-manager.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n${spec}`;

test('MTLS800: issuerRef to a missing issuer: did-you-mean, wrong kind, other namespace', () => {
  const text = yaml(
    issuer('ClusterIssuer', 'letsencrypt-prod'),
    issuer('Issuer', 'internal-ca', 'other'),
    certificate('a', 'web', '  secretName: a\n  issuerRef:\n    name: letsencrypt-prd\n    kind: ClusterIssuer\n'),
    certificate('b', 'web', '  secretName: b\n  issuerRef:\n    name: letsencrypt-prod\n    kind: Issuer\n'),
    certificate('c', 'web', '  secretName: c\n  issuerRef:\n    name: internal-ca\n'),
    certificate('d', 'web', '  secretName: d\n  issuerRef:\n    name: letsencrypt-prod\n    kind: ClusterIssuer\n'),
  );
  const f = only(analyze(text), 'MTLS800');
  assert.deepEqual(f.map((x) => x.resource?.name), ['a', 'b', 'c']);
  assert.equal(textAt(text, f[0]), 'letsencrypt-prd');
  assert.match(f[1].message, /A ClusterIssuer of that name exists/);
  assert.match(f[2].message, /exists in namespace other/);
  let fixed = applyFix(text, f[0].fixes![0]);
  fixed = applyFix(fixed, only(analyze(fixed), 'MTLS800')[0].fixes![0]);
  assert.deepEqual(only(analyze(fixed), 'MTLS800').map((x) => x.resource?.name), ['c']);
  // no issuers in the workspace: they live elsewhere, say nothing
  assert.deepEqual(only(analyze(certificate('a', 'web', '  secretName: a\n  issuerRef:\n    name: x\n')), 'MTLS800'), []);
});

const linkerdIssuer = (spec: string) =>
  certificate('linkerd-identity-issuer', 'linkerd', `  secretName: linkerd-identity-issuer\n  issuerRef:\n    name: linkerd-trust-anchor\n    kind: Issuer\n${spec}`);
const anchorIssuer = issuer('Issuer', 'linkerd-trust-anchor', 'linkerd', '  ca:\n    secretName: linkerd-trust-anchor\n');

test('MTLS801: Linkerd issuer must be an ECDSA P-256 CA that expires before its anchor Certificate', () => {
  const good = linkerdIssuer('  isCA: true\n  duration: 48h\n  privateKey:\n    algorithm: ECDSA\n    size: 256\n');
  const anchor = certificate('linkerd-trust-anchor', 'linkerd', '  secretName: linkerd-trust-anchor\n  isCA: true\n  duration: 87600h\n  issuerRef:\n    name: root\n    kind: ClusterIssuer\n');
  assert.deepEqual(only(analyze(yaml(anchorIssuer, anchor, good)), 'MTLS801'), []);
  const bad = linkerdIssuer('  isCA: false\n  duration: 876000h\n  privateKey:\n    algorithm: RSA\n    size: 2048\n');
  const text = yaml(anchorIssuer, anchor, bad);
  const f = only(analyze(text), 'MTLS801');
  assert.equal(f.length, 3);
  const by = (list: typeof f, re: RegExp) => list.find((x) => re.test(x.message))!;
  assert.equal(textAt(text, by(f, /not a CA/)), 'false');
  assert.equal(textAt(text, by(f, /ECDSA P-256/)), 'RSA');
  assert.equal(textAt(text, by(f, /must expire before the anchor/)), '876000h');
  let fixed = applyFix(text, by(f, /not a CA/).fixes![0]);
  fixed = applyFix(fixed, by(only(analyze(fixed), 'MTLS801'), /ECDSA P-256/).fixes![0]);
  assert.match(fixed, /algorithm: ECDSA\n {4}size: 256/);
  assert.equal(only(analyze(fixed), 'MTLS801').length, 1, 'only the lifetime remains');
});

test('MTLS801: lifetime checked against an anchor certificate held in a Secret', async () => {
  const DAY = 86400_000;
  const root = await makeCert({ ca: true, subject: 'CN=root.linkerd.cluster.local', notBefore: new Date(FIXED_NOW.getTime() - DAY), notAfter: new Date(FIXED_NOW.getTime() + 30 * DAY) });
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: linkerd-trust-anchor\n  namespace: linkerd\ndata:\n  tls.crt: ${b64(root.pem)}\n`;
  const issuerCert = linkerdIssuer('  isCA: true\n  duration: 2160h\n  privateKey:\n    algorithm: ECDSA\n');
  const f = only(analyze(yaml(anchorIssuer, secret, issuerCert)), 'MTLS801');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /past the trust anchor/);
  assert.deepEqual(only(analyze(yaml(anchorIssuer, secret, issuerCert.replace('2160h', '48h'))), 'MTLS801'), []);
});

test('MTLS802: MeshTLSAuthentication identities and identityRefs must name existing service accounts', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
  const mta = `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: callers
  namespace: shop
spec:
  identities:
  - "wbe.shop.serviceaccount.identity.linkerd.cluster.local"
  - "default.shop.serviceaccount.identity.linkerd.cluster.local"
  - "*.shop.serviceaccount.identity.linkerd.cluster.local"
  - "x.unknown-ns.serviceaccount.identity.linkerd.cluster.local"
`;
  const text = yaml(sa, mta);
  const f = only(analyze(text), 'MTLS802');
  assert.equal(f.length, 1);
  assert.equal(textAt(text, f[0]), '"wbe.shop.serviceaccount.identity.linkerd.cluster.local"');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /"web.shop.serviceaccount.identity.linkerd.cluster.local"/);
  assert.deepEqual(only(analyze(fixed), 'MTLS802'), []);
  const refs = mta.replace(/ {2}identities:[\s\S]*$/, '  identityRefs:\n  - kind: ServiceAccount\n    name: api\n');
  assert.equal(only(analyze(yaml(sa, refs)), 'MTLS802').length, 1);
});

test('MTLS803: ClusterSPIFFEID template without ns/<ns>/sa/<sa> in an Istio workspace', () => {
  const csid = (t: string) => `apiVersion: spire.spiffe.io/v1alpha1\nkind: ClusterSPIFFEID\nmetadata:\n  name: workloads\nspec:\n  spiffeIDTemplate: "${t}"\n`;
  const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n';
  const bad = csid('spiffe://{{ .TrustDomain }}/workload/{{ .PodMeta.Name }}');
  const f = only(analyze(yaml(pa, bad)), 'MTLS803');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /\.PodMeta\.Namespace or \.PodSpec\.ServiceAccountName/);
  assert.deepEqual(only(analyze(yaml(pa, csid('spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}'))), 'MTLS803'), []);
  assert.deepEqual(only(analyze(bad), 'MTLS803'), [], 'no Istio or Linkerd in the workspace');
});
