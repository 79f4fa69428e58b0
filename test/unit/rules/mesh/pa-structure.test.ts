import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, only, rangeText, applyFix } from '../../helpers/analyze';
import { NS, deploy, service, peerAuth } from './fixtures';

const app = [NS, deploy('web', { app: 'web' }), service('web', 'web')].join('---\n');

test('MTLS603: two namespace-wide PAs; the later one (document order) is reported, naming the kept one', () => {
  const pas = [peerAuth('first', 'shop', 'STRICT'), peerAuth('second', 'shop', 'DISABLE')].join('---\n');
  const f = only(analyzeFiles({ a: app, 'pa.yaml': pas }), 'MTLS603');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '12:8-12:14');
  assert.match(f[0].message, /keeps only PeerAuthentication shop\/first \(the first in document order/);
  assert.equal(only(analyzeFiles({ a: app, 'pa.yaml': peerAuth('first', 'shop', 'STRICT') }), 'MTLS603').length, 0);
});

test('MTLS603: creationTimestamp decides, and overlapping workload PAs are reported per workload', () => {
  const older = peerAuth('older', 'shop', 'STRICT', { app: 'web' }).replace('namespace: shop', 'namespace: shop\n  creationTimestamp: "2020-01-01T00:00:00Z"');
  const newer = peerAuth('newer', 'shop', 'DISABLE', { app: 'web' }).replace('namespace: shop', 'namespace: shop\n  creationTimestamp: "2021-01-01T00:00:00Z"');
  const f = only(analyzeFiles({ a: app, 'pa.yaml': [newer, older].join('---\n') }), 'MTLS603');
  assert.equal(f.length, 1);
  assert.equal(f[0].resource?.name, 'newer');
  assert.match(f[0].message, /Deployment shop\/web is also selected by PeerAuthentication shop\/older.*oldest by creationTimestamp/);
  assert.equal(rangeText(f[0]), '7:2-7:10');
});

test('MTLS604: a selector PA in the root namespace', () => {
  const pa = peerAuth('web', 'istio-system', 'STRICT', { app: 'web' });
  const f = only(analyzeFiles({ a: app, 'pa.yaml': pa }), 'MTLS604');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '6:2-6:10');
  assert.match(f[0].message, /Move it to the workloads' namespace \(shop\)/);
  assert.equal(only(analyzeFiles({ a: app, 'pa.yaml': peerAuth('web', 'shop', 'STRICT', { app: 'web' }) }), 'MTLS604').length, 0);
  assert.equal(only(analyzeFiles({ a: app, 'pa.yaml': peerAuth('mesh', 'istio-system', 'STRICT') }), 'MTLS604').length, 0);
});

test('MTLS605: a Service port used as portLevelMtls key; the fix uses the container port', () => {
  const pa = peerAuth('web', 'shop', 'STRICT', { app: 'web' }, '  portLevelMtls:\n    80:\n      mode: DISABLE\n');
  const f = only(analyzeFiles({ a: app, 'pa.yaml': pa }), 'MTLS605');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '12:4-12:6');
  assert.match(f[0].message, /Service web.*container port 8080/);
  const fixed = applyFix(pa, f[0].fixes![0], 'pa.yaml');
  assert.match(fixed, /\n {4}8080:\n/);
  assert.equal(only(analyzeFiles({ a: app, 'pa.yaml': fixed }), 'MTLS605').length, 0);
});

test('MTLS605: an unknown port without a Service mapping lists the declared ports; no fix', () => {
  const pa = peerAuth('web', 'shop', 'STRICT', { app: 'web' }, '  portLevelMtls:\n    9999:\n      mode: DISABLE\n');
  const f = only(analyzeFiles({ a: app, 'pa.yaml': pa }), 'MTLS605');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /declared: 8080/);
  assert.equal(f[0].fixes, undefined);
});
