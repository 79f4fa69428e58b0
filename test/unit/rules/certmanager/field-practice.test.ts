import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';
import { certManagerRules } from '../../../../src/core/rules/certmanager/index';

const run = (text: string, settings = {}) => analyze(text, { rules: certManagerRules, settings });

function workload(extra: string, uri = 'spiffe://cluster.local/ns/shop/sa/web'): string {
  return `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
  namespace: shop
spec:
  secretName: web-tls
  issuerRef:
    name: mesh-ca
  uris:
    - ${uri}
${extra}`;
}
const BOTH_USAGES = '  usages:\n    - server auth\n    - client auth\n';

test('MTLS310: workload certificate with the 90-day default lifetime, fix inserts duration', () => {
  const text = workload(BOTH_USAGES);
  const [f] = only(run(text), 'MTLS310');
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.equal(rangeText(f), '1:6-1:17');
  assert.match(f.message, /90 days \(cert-manager's default/);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /\n {2}duration: 24h\n/);
  const after = run(fixed);
  assert.deepEqual(only(after, 'MTLS310'), []);
  assert.deepEqual(only(after, 'MTLS300'), []);
});

test('MTLS310: explicit long duration with a long renewBefore is shortened consistently', () => {
  const text = workload(`  duration: 720h\n  renewBefore: 240h\n${BOTH_USAGES}`);
  const [f] = only(run(text), 'MTLS310');
  assert.equal(rangeText(f), '11:12-11:16');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /duration: 24h\n {2}renewBefore: 8h/);
  assert.deepEqual(only(run(fixed), 'MTLS310'), []);
  assert.deepEqual(only(run(fixed), 'MTLS300'), []);
});

test('MTLS310: short-lived workload certs, CA certs and plain server certs are fine; severity can be changed', () => {
  assert.deepEqual(only(run(workload(`  duration: 24h\n${BOTH_USAGES}`)), 'MTLS310'), []);
  assert.deepEqual(only(run(workload(`  duration: 72h\n${BOTH_USAGES}`)), 'MTLS310'), []);
  assert.deepEqual(only(run(workload('  isCA: true\n')), 'MTLS310'), []);
  const server = workload('  dnsNames: [web.example.com]\n').replace('  uris:\n    - spiffe://cluster.local/ns/shop/sa/web\n', '');
  assert.deepEqual(only(run(server), 'MTLS310'), []);
  const clientAuth = server + '  usages: [client auth]\n';
  assert.equal(only(run(clientAuth), 'MTLS310').length, 1);
  assert.deepEqual(only(run(clientAuth, { rules: { MTLS310: 'off' } }), 'MTLS310'), []);
  assert.equal(only(run(clientAuth, { rules: { MTLS310: 'error' } }), 'MTLS310')[0].severity, 'error');
});

test('MTLS311: renewBefore far from a third of the duration', () => {
  const tiny = workload(`  duration: 24h\n  renewBefore: 1h\n${BOTH_USAGES}`);
  const [f] = only(run(tiny), 'MTLS311');
  assert.equal(f.severity, 'info');
  assert.equal(rangeText(f), '12:15-12:17');
  assert.match(f.message, /4% of the 24 hours lifetime.*little time to retry.*renewBefore 8h/);
  const fixed = applyFix(tiny, f.fixes![0]);
  assert.match(fixed, /renewBefore: 8h/);
  assert.deepEqual(only(run(fixed), 'MTLS311'), []);

  const big = workload(`  duration: 24h\n  renewBefore: 18h\n${BOTH_USAGES}`);
  assert.match(only(run(big), 'MTLS311')[0].message, /more often than needed/);
  // the band edges are inside: 1/6 (4h) and 1/2 (12h)
  assert.deepEqual(only(run(workload(`  duration: 24h\n  renewBefore: 4h\n${BOTH_USAGES}`)), 'MTLS311'), []);
  assert.deepEqual(only(run(workload(`  duration: 24h\n  renewBefore: 12h\n${BOTH_USAGES}`)), 'MTLS311'), []);
  // invalid windows belong to MTLS300
  assert.deepEqual(only(run(workload(`  duration: 24h\n  renewBefore: 30h\n${BOTH_USAGES}`)), 'MTLS311'), []);
});

test('MTLS311: renewBeforePercentage far from 33', () => {
  const text = workload(`  duration: 24h\n  renewBeforePercentage: 5\n${BOTH_USAGES}`);
  const [f] = only(run(text), 'MTLS311');
  assert.equal(rangeText(f), '12:25-12:26');
  assert.deepEqual(only(run(applyFix(text, f.fixes![0])), 'MTLS311'), []);
});

test('MTLS312: wildcard DNS name on a service identity certificate', () => {
  const text = workload(`  duration: 24h\n  dnsNames:\n    - web.shop.svc\n    - "*.shop.svc"\n${BOTH_USAGES}`);
  const f = only(run(text), 'MTLS312');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '14:6-14:18');
  assert.match(f[0].message, /\*\.shop\.svc/);
  const publicServer = text.replace('  uris:\n    - spiffe://cluster.local/ns/shop/sa/web\n', '').replace(BOTH_USAGES, '');
  assert.deepEqual(only(run(publicServer), 'MTLS312'), []);
});

test('MTLS313: SPIFFE certificate without usages gets them inserted', () => {
  const text = workload('  duration: 24h\n');
  const [f] = only(run(text), 'MTLS313');
  assert.match(f.message, /'server auth' and 'client auth'/);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /usages: \[digital signature, key encipherment, server auth, client auth\]/);
  const after = run(fixed);
  assert.deepEqual(only(after, 'MTLS313'), []);
  assert.deepEqual(only(after, 'MTLS302'), []);
});

test('MTLS313: a block list missing client auth gets the item appended', () => {
  const text = workload('  duration: 24h\n  usages:\n    - digital signature\n    - server auth\n');
  const [f] = only(run(text), 'MTLS313');
  assert.equal(rangeText(f), '12:2-12:8');
  assert.match(f.message, /lack 'client auth'/);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, / {4}- server auth\n {4}- client auth\n/);
  assert.deepEqual(only(run(fixed), 'MTLS313'), []);
});

test('MTLS313: flow list and the no-SPIFFE negative case', () => {
  const text = workload('  duration: 24h\n  usages: [server auth]\n');
  const [f] = only(run(text), 'MTLS313');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /usages: \[server auth, client auth\]/);
  assert.deepEqual(only(run(fixed), 'MTLS313'), []);
  assert.deepEqual(only(run(workload('  duration: 24h\n', 'https://example.com/x')), 'MTLS313'), []);
});
