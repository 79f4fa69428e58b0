import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, only, rangeText, applyFix } from '../../helpers/analyze';
import { NS, deploy, service, peerAuth, destRule } from './fixtures';

const app = [NS, deploy('web', { app: 'web', version: 'v1' }), service('web', 'web')].join('---\n');

function run(files: Record<string, string>, autoMtls = true) {
  return analyzeFiles(files, { settings: { autoMtls } });
}

test('MTLS600: STRICT namespace PA vs DISABLE DestinationRule, reported on the DR mode', () => {
  const dr = destRule('web', 'shop', 'web', 'DISABLE');
  const files = { 'app.yaml': app, 'pa.yaml': peerAuth('default', 'shop', 'STRICT'), 'dr.yaml': dr };
  const f = only(run(files), 'MTLS600');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'dr.yaml');
  assert.equal(rangeText(f[0]), '9:12-9:19');
  assert.match(f[0].message, /plaintext.*Deployment shop\/web port 8080 \(Service web:80\).*PeerAuthentication shop\/default \(namespace level\)/);
  assert.deepEqual(f[0].related?.map((r) => r.file), ['pa.yaml', 'app.yaml', 'app.yaml']);
  // The preferred fix switches to ISTIO_MUTUAL, and re-analysis is clean.
  const fixed = applyFix(dr, f[0].fixes![0], 'dr.yaml');
  assert.match(fixed, /mode: ISTIO_MUTUAL/);
  assert.equal(only(run({ ...files, 'dr.yaml': fixed }), 'MTLS600').length, 0);
  // The second fix removes the tls block.
  const dropped = applyFix(dr, f[0].fixes![1], 'dr.yaml');
  assert.doesNotMatch(dropped, /tls/);
  assert.equal(only(run({ ...files, 'dr.yaml': dropped }), 'MTLS600').length, 0);
});

test('MTLS600: PERMISSIVE server is fine; SIMPLE DR is flagged; mesh-wide STRICT counts', () => {
  assert.equal(only(run({ a: app, b: peerAuth('default', 'shop', 'PERMISSIVE'), c: destRule('web', 'shop', 'web', 'DISABLE') }), 'MTLS600').length, 0);
  const f = only(run({ a: app, b: peerAuth('default', 'istio-system', 'STRICT'), c: destRule('all', 'istio-system', '"*.local"', 'SIMPLE') }), 'MTLS600');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /SIMPLE/);
  assert.match(f[0].message, /mesh level/);
});

test('MTLS600: a workload that is not in the mesh is not judged', () => {
  const outside = app.replace('istio-injection: enabled', 'istio-injection: disabled');
  assert.equal(only(run({ a: outside, b: peerAuth('default', 'shop', 'STRICT'), c: destRule('web', 'shop', 'web', 'DISABLE') }), 'MTLS600').length, 0);
});

test('MTLS600: port-level STRICT on the container port, and subset TLS DISABLE (which Kiali misses)', () => {
  const pa = peerAuth('web', 'shop', 'PERMISSIVE', { app: 'web' }, '  portLevelMtls:\n    8080:\n      mode: STRICT\n');
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
  namespace: shop
spec:
  host: web.shop.svc.cluster.local
  subsets:
    - name: v1
      labels:
        version: v1
      trafficPolicy:
        tls:
          mode: DISABLE
`;
  const f = only(run({ a: app, b: pa, 'dr.yaml': dr }), 'MTLS600');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '13:16-13:23');
  assert.match(f[0].message, /subset v1/);
  assert.match(f[0].message, /port 8080/);
  // A subset whose labels select no pod of the workload is not a conflict.
  assert.equal(only(run({ a: app, b: pa, 'dr.yaml': dr.replace('version: v1', 'version: v9') }), 'MTLS600').length, 0);
});

test('MTLS601: DISABLE workload vs ISTIO_MUTUAL DR; fixes depend on auto-mTLS', () => {
  const dr = destRule('web', 'shop', 'web', 'ISTIO_MUTUAL');
  const files = { a: app, b: peerAuth('web', 'shop', 'DISABLE', { app: 'web' }), 'dr.yaml': dr };
  const on = only(run(files), 'MTLS601');
  assert.equal(on.length, 1);
  assert.equal(rangeText(on[0]), '9:12-9:24');
  assert.equal(on[0].fixes?.[0].title, 'Remove the tls block (let auto-mTLS match the server)');
  const fixed = applyFix(dr, on[0].fixes![0], 'dr.yaml');
  assert.equal(only(run({ ...files, 'dr.yaml': fixed }), 'MTLS601').length, 0);
  const off = only(run(files, false), 'MTLS601');
  assert.deepEqual(off[0].fixes?.map((x) => x.title), ['Set tls.mode to DISABLE']);
  assert.equal(only(run({ ...files, 'dr.yaml': applyFix(dr, off[0].fixes![0], 'dr.yaml') }, false), 'MTLS601').length, 0);
  assert.equal(only(run({ a: app, b: peerAuth('web', 'shop', 'STRICT', { app: 'web' }), 'dr.yaml': dr }), 'MTLS601').length, 0);
});

test('MTLS602: STRICT with auto-mTLS off and no DR: fix appends an ISTIO_MUTUAL DestinationRule', () => {
  const pa = peerAuth('default', 'shop', 'STRICT');
  const files = { a: app, 'pa.yaml': pa };
  assert.equal(only(run(files, true), 'MTLS602').length, 0, 'auto-mTLS on handles it');
  const f = only(run(files, false), 'MTLS602');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'pa.yaml');
  assert.equal(rangeText(f[0]), '7:10-7:16');
  const fixed = applyFix(pa, f[0].fixes![0], 'pa.yaml');
  assert.match(fixed, /---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule/);
  assert.equal(only(run({ ...files, 'pa.yaml': fixed }, false), 'MTLS602').length, 0);
});

test('MTLS602: a specific DR without TLS hides the mesh ISTIO_MUTUAL rule', () => {
  const hiding = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
  namespace: shop
spec:
  host: web
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 5
`;
  const files = { a: app, b: peerAuth('default', 'shop', 'STRICT'), c: destRule('all', 'istio-system', '"*.local"', 'ISTIO_MUTUAL'), 'h.yaml': hiding };
  const f = only(run(files, false), 'MTLS602');
  assert.equal(f.length, 1);
  assert.equal(f[0].file, 'h.yaml');
  assert.equal(rangeText(f[0]), '6:8-6:11');
  const withoutHiding = { a: files.a, b: files.b, c: files.c };
  assert.equal(only(run(withoutHiding, false), 'MTLS602').length, 0, 'the *.local ISTIO_MUTUAL rule covers the Service');
});

test('auto-mTLS read from the mesh ConfigMap in the workspace', () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    enableAutoMtls: false\n';
  const f = only(run({ a: app, 'pa.yaml': peerAuth('default', 'shop', 'STRICT'), cm }, true), 'MTLS602');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /ConfigMap istio-system\/istio/);
});
