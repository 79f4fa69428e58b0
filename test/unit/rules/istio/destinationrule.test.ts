import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText } from '../../helpers/analyze';
import { count, fixOnce } from './fix-helper';

const dr = (spec: string, ns = 'shop') =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr\n  namespace: ${ns}\nspec:\n${spec}`;

test('MTLS200/MTLS201: SIMPLE/MUTUAL without caCertificates at destination and port level (IST0128/IST0129)', () => {
  const text = dr('  host: api.example.com\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n    portLevelSettings:\n    - port:\n        number: 443\n      tls:\n        mode: SIMPLE\n');
  const top = only(analyze(text), 'MTLS200');
  const port = only(analyze(text), 'MTLS201');
  assert.deepEqual(top.map(rangeText), ['9:12-9:18']);
  assert.deepEqual(port.map(rangeText), ['14:14-14:20']);
  assert.equal(top[0].istio, 'IST0128');
  assert.equal(port[0].istio, 'IST0129');
  const fixed = fixOnce(fixOnce(text, 'MTLS200'), 'MTLS201');
  assert.match(fixed, / {6}caCertificates: \/etc\/ssl\/certs\/ca-certificates.crt\n/);
  assert.equal(count(fixed, 'MTLS200') + count(fixed, 'MTLS201'), 0);
  // credentialName counts only with a workloadSelector; subsets and ISTIO_MUTUAL are not examined
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: c\n'), 'MTLS200'), 1);
  assert.equal(count(dr('  host: a\n  workloadSelector:\n    matchLabels:\n      app: gw\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: c\n'), 'MTLS200'), 0);
  assert.equal(count(dr('  host: a\n  subsets:\n  - name: v1\n    trafficPolicy:\n      tls:\n        mode: SIMPLE\n'), 'MTLS200'), 0);
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'), 'MTLS200'), 0);
});

test('MTLS202: invalid host', () => {
  const [f] = only(analyze(dr('  host: https://api.example.com\n')), 'MTLS202');
  assert.equal(rangeText(f), '6:8-6:31');
  assert.equal(count(dr('  host: "*.example.com"\n'), 'MTLS202'), 0);
  assert.equal(count(dr('  host: reviews\n'), 'MTLS202'), 0);
  assert.equal(count(dr('  host: a.b*.com\n'), 'MTLS202'), 1);
});

test('MTLS203: empty traffic policy and empty port settings', () => {
  const found = only(analyze(dr('  host: a\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 80\n')), 'MTLS203');
  assert.deepEqual(found.map(rangeText), ['9:6-11:0']);
  assert.equal(count(dr('  host: a\n  trafficPolicy: {}\n'), 'MTLS203'), 1);
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'), 'MTLS203'), 0);
});

test('MTLS204: unknown TLS mode, with upper-casing fix', () => {
  const text = dr('  host: a\n  subsets:\n  - name: v1\n    trafficPolicy:\n      tls:\n        mode: istio_mutual\n');
  const [f] = only(analyze(text), 'MTLS204');
  assert.equal(rangeText(f), '11:14-11:26');
  assert.equal(count(fixOnce(text, 'MTLS204'), 'MTLS204'), 0);
});

test('MTLS205: credentialName with certificate files; configmap:// in another namespace', () => {
  const text = dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: c\n      caCertificates: /ca.pem\n');
  const [f] = only(analyze(text), 'MTLS205');
  assert.equal(rangeText(f), '11:6-11:20');
  assert.equal(count(fixOnce(text, 'MTLS205'), 'MTLS205'), 0);
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: configmap://other/ca\n'), 'MTLS205'), 1);
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: configmap://shop/ca\n'), 'MTLS205'), 0);
});

test('MTLS206: MUTUAL without client certificate', () => {
  const [f] = only(analyze(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      caCertificates: /ca.pem\n')), 'MTLS206');
  assert.equal(rangeText(f), '9:12-9:18');
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: c\n'), 'MTLS206'), 0);
});

test('MTLS207: insecureSkipVerify with verification settings', () => {
  const text = dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      insecureSkipVerify: true\n      caCertificates: /ca.pem\n');
  const [f] = only(analyze(text), 'MTLS207');
  assert.equal(rangeText(f), '10:6-10:24');
  assert.equal(count(fixOnce(text, 'MTLS207'), 'MTLS207'), 0);
  assert.equal(count(dr('  host: a\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      insecureSkipVerify: true\n'), 'MTLS207'), 0);
});

test('MTLS208: duplicate and invalid subsets', () => {
  const found = only(analyze(dr('  host: a\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n  - name: v1\n  - name: V_2\n')), 'MTLS208');
  assert.deepEqual(found.map(rangeText), ['11:10-11:12', '12:10-12:13']);
  assert.equal(count(dr('  host: a\n  subsets:\n  - name: v1\n  - name: v2\n'), 'MTLS208'), 0);
});

test('MTLS209: exportTo duplicates, mixing *, and selector DRs exported elsewhere', () => {
  assert.deepEqual(only(analyze(dr('  host: a\n  exportTo: [".", shop]\n')), 'MTLS209').map(rangeText), ['7:18-7:22']);
  assert.equal(count(dr('  host: a\n  exportTo: ["*", other]\n'), 'MTLS209'), 1);
  assert.equal(count(dr('  host: a\n  workloadSelector:\n    matchLabels:\n      app: x\n  exportTo: [other]\n'), 'MTLS209'), 1);
  assert.equal(count(dr('  host: a\n  exportTo: [".", other]\n'), 'MTLS209'), 0);
});
