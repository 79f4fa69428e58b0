import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';
import { certManagerRules } from '../../../../src/core/rules/certmanager/index';

const run = (text: string) => analyze(text, { rules: certManagerRules });

/** A valid Certificate with `extra` spec lines appended (two-space indented under spec). */
function cert(extra = '', opts: { secret?: string; issuer?: string } = {}): string {
  return `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
  namespace: shop
spec:
  secretName: ${opts.secret ?? 'web-tls'}
  issuerRef:
    name: ${opts.issuer ?? 'mesh-ca'}
    kind: Issuer
  dnsNames:
    - web.shop.svc
${extra}`;
}

test('a plain valid Certificate has no webhook findings', () => {
  const f = run(cert());
  for (const id of ['MTLS300', 'MTLS301', 'MTLS302', 'MTLS303', 'MTLS304', 'MTLS305']) assert.deepEqual(only(f, id), [], id);
});

test('MTLS300: duration shorter than 1h', () => {
  const text = cert('  duration: 30m\n');
  const [f] = only(run(text), 'MTLS300');
  assert.ok(f);
  assert.equal(rangeText(f), '12:12-12:15');
  assert.match(f.message, /shorter than cert-manager's minimum of 1h/);
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS300'), []);
});

test('MTLS300: duration in days is not a Go duration, fix converts to hours', () => {
  const text = cert('  duration: 90d\n');
  const [f] = only(run(text), 'MTLS300');
  assert.match(f.message, /not a Go duration \(unknown unit 'd'/);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /duration: 2160h/);
  assert.deepEqual(only(run(fixed), 'MTLS300'), []);
});

test('MTLS300: renewBefore below 5m and renewBefore ≥ duration', () => {
  const short = cert('  duration: 24h\n  renewBefore: 1m\n');
  const [a] = only(run(short), 'MTLS300');
  assert.equal(rangeText(a), '13:15-13:17');
  assert.match(a.message, /minimum of 5m/);
  assert.deepEqual(only(run(applyFix(short, a.fixes![0])), 'MTLS300'), []);

  const long = cert('  duration: 24h\n  renewBefore: 24h\n');
  const [b] = only(run(long), 'MTLS300');
  assert.match(b.message, /not shorter than duration 24h/);
  const fixed = applyFix(long, b.fixes![0]);
  assert.match(fixed, /renewBefore: 8h/);
  assert.deepEqual(only(run(fixed), 'MTLS300'), []);
});

test('MTLS300: renewBefore compared with the 90-day default duration', () => {
  const f = only(run(cert('  renewBefore: 2200h\n')), 'MTLS300');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /default duration of 90 days/);
});

test('MTLS300: renewBefore and renewBeforePercentage together, on both keys', () => {
  const text = cert('  renewBefore: 720h\n  renewBeforePercentage: 33\n');
  const f = only(run(text), 'MTLS300');
  assert.deepEqual(f.map(rangeText), ['12:2-12:13', '13:2-13:23']);
  assert.deepEqual(only(run(applyFix(text, f[0].fixes![0])), 'MTLS300'), []);
});

test('MTLS300: renewBeforePercentage out of range', () => {
  const text = cert('  renewBeforePercentage: 100\n');
  const [f] = only(run(text), 'MTLS300');
  assert.match(f.message, /outside 1–99/);
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS300'), []);
  assert.deepEqual(only(run(cert('  renewBeforePercentage: 25\n')), 'MTLS300'), []);
});

test('MTLS301: key sizes and algorithms', () => {
  const rsa = cert('  privateKey:\n    algorithm: RSA\n    size: 1024\n');
  const [a] = only(run(rsa), 'MTLS301');
  assert.equal(rangeText(a), '14:10-14:14');
  assert.deepEqual(only(run(applyFix(rsa, a.fixes![0])), 'MTLS301'), []);

  const ec = cert('  privateKey:\n    algorithm: ECDSA\n    size: 2048\n');
  const [b] = only(run(ec), 'MTLS301');
  assert.match(b.message, /looks like an RSA size/);
  assert.match(applyFix(ec, b.fixes![0]), /size: 256/);

  const lower = cert('  privateKey:\n    algorithm: ecdsa\n');
  const [c] = only(run(lower), 'MTLS301');
  assert.match(c.message, /case-sensitive/);
  assert.deepEqual(only(run(applyFix(lower, c.fixes![0])), 'MTLS301'), []);

  assert.deepEqual(only(run(cert('  privateKey:\n    algorithm: ECDSA\n    size: 384\n')), 'MTLS301'), []);
  assert.deepEqual(only(run(cert('  privateKey:\n    algorithm: Ed25519\n    size: 12\n')), 'MTLS301'), []);
});

test('MTLS301: signatureAlgorithm must match the key (RSA by default)', () => {
  const text = cert('  signatureAlgorithm: ECDSAWithSHA256\n');
  const [f] = only(run(text), 'MTLS301');
  assert.match(f.message, /for ECDSA keys, but the key is RSA \(the default\)/);
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS301'), []);
  assert.deepEqual(only(run(cert('  signatureAlgorithm: ECDSAWithSHA384\n  privateKey:\n    algorithm: ECDSA\n')), 'MTLS301'), []);
});

test('MTLS301: rotationPolicy enum', () => {
  const text = cert('  privateKey:\n    rotationPolicy: always\n');
  const [f] = only(run(text), 'MTLS301');
  assert.equal(rangeText(f), '13:20-13:26');
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS301'), []);
});

test('MTLS302: unknown usages, with canonical spelling fixes', () => {
  const text = cert('  usages:\n    - digital signature\n    - serverAuth\n    - client-auth\n    - frobnicate\n');
  const f = only(run(text), 'MTLS302');
  assert.deepEqual(f.map(rangeText), ['14:6-14:16', '15:6-15:17', '16:6-16:16']);
  assert.match(f[0].message, /spells it "server auth"/);
  assert.equal(f[2].fixes, undefined);
  const fixed = applyFix(applyFix(text, f[1].fixes![0]), f[0].fixes![0]);
  assert.equal(only(run(fixed), 'MTLS302').length, 1);
});

test('MTLS303: names', () => {
  const none = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: x}
spec:
  secretName: x
  issuerRef: {name: ca}
`;
  const [a] = only(run(none), 'MTLS303');
  assert.equal(rangeText(a), '3:0-3:4');
  assert.match(a.message, /names nobody/);

  const f = only(run(cert(`  commonName: ${'a'.repeat(65)}\n  ipAddresses: ["10.0.0.1", "10.0.0.0/8", "::1", "01.2.3.4"]\n  emailAddresses: ["Ops <ops@example.com>", ops@example.com]\n`)), 'MTLS303');
  assert.deepEqual(f.map((x) => x.message.slice(0, 30)), [
    'The common name is 65 characte',
    'spec.ipAddresses[1] "10.0.0.0/',
    'spec.ipAddresses[3] "01.2.3.4"',
    'spec.emailAddresses[0] "Ops <o',
  ]);
});

test('MTLS304: issuerRef name and kind', () => {
  const text = cert().replace('name: mesh-ca\n    kind: Issuer', 'name: mesh-ca\n    kind: clusterissuer');
  const [f] = only(run(text), 'MTLS304');
  assert.equal(rangeText(f), '9:10-9:23');
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS304'), []);

  const wrongKind = cert().replace('kind: Issuer', 'kind: AWSPCAIssuer');
  assert.match(only(run(wrongKind), 'MTLS304')[0].message, /did you forget to set spec.issuerRef.group/);
  const external = cert().replace('kind: Issuer', 'kind: AWSPCAIssuer\n    group: awspca.cert-manager.io');
  assert.deepEqual(only(run(external), 'MTLS304'), []);

  const noName = cert().replace('    name: mesh-ca\n', '');
  assert.match(only(run(noName), 'MTLS304')[0].message, /issuerRef.name is missing/);
});

test('MTLS305: secretName', () => {
  const bad = cert('', { secret: 'Web_TLS' });
  const [f] = only(run(bad), 'MTLS305');
  assert.equal(rangeText(f), '6:14-6:21');
  assert.match(f.message, /upper-case/);
  assert.deepEqual(only(run(applyFix(bad, f.fixes![0])), 'MTLS305'), []);
  const missing = cert().replace('  secretName: web-tls\n', '');
  assert.match(only(run(missing), 'MTLS305')[0].message, /secretName is missing/);
});

test('MTLS306: issuer types', () => {
  const base = (spec: string) => `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: ca\nspec:\n${spec}`;
  assert.deepEqual(only(run(base('  ca:\n    secretName: root\n')), 'MTLS306'), []);
  assert.deepEqual(only(run(base('  selfSigned: {}\n')), 'MTLS306'), []);
  const none = only(run(base('  foo: {}\n')), 'MTLS306');
  assert.match(none[0].message, /no issuer type/);
  const two = only(run(base('  selfSigned: {}\n  ca:\n    secretName: root\n')), 'MTLS306');
  assert.equal(rangeText(two[0]), '6:2-6:4');
  const ca = only(run(base('  ca: {}\n')), 'MTLS306');
  assert.match(ca[0].message, /ca.secretName is missing/);
  const acme = only(run(base('  acme:\n    server: https://acme\n    privateKeySecretRef: {name: k}\n    skipTLSVerify: true\n    caBundle: abc\n    solvers:\n      - http01: {}\n        dns01: {}\n')), 'MTLS306');
  assert.deepEqual(acme.map((f) => f.message.slice(0, 30)), ['spec.acme.caBundle and skipTLS', 'spec.acme.solvers[0] must set ']);
  const vault = only(run(base('  vault:\n    server: https://vault\n    path: pki/../sign\n')), 'MTLS306');
  assert.deepEqual(vault.map((f) => f.message.slice(0, 25)), ['spec.vault.auth configure', "spec.vault.path must not "]);
});
