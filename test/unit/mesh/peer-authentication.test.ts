import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveMtls, modeForPort, decidingStep, namespaceDefaultMode } from '../../../src/core/mesh/peer-authentication';
import { indexOf, deployment, pa } from './index-of';

const app = deployment('web', 'shop', { app: 'web' }, [8080, 9090]);

test('no PeerAuthentication: PERMISSIVE by default', () => {
  const { index, mesh, workload } = indexOf(app);
  const e = effectiveMtls(index, workload('web'), mesh);
  assert.equal(e.mode, 'PERMISSIVE');
  assert.deepEqual(e.chain.map((s) => s.level), ['default']);
});

test('mesh STRICT, namespace UNSET inherits, workload PERMISSIVE wins, port DISABLE', () => {
  const docs = [
    app,
    pa('mesh', 'istio-system', '  mtls:\n    mode: STRICT'),
    pa('ns', 'shop', '  {}'),
    pa('wl', 'shop', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    9090:\n      mode: DISABLE\n    8080:\n      mode: UNSET'),
  ].join('---\n');
  const { index, mesh, workload } = indexOf(docs);
  const e = effectiveMtls(index, workload('web'), mesh);
  assert.equal(e.mode, 'PERMISSIVE');
  assert.deepEqual(e.ports, { 8080: 'PERMISSIVE', 9090: 'DISABLE' });
  assert.deepEqual(e.chain.map((s) => `${s.level}:${s.resource?.name ?? ''}:${s.mode}`), [
    'default::PERMISSIVE', 'mesh:mesh:STRICT', 'namespace:ns:UNSET', 'workload:wl:PERMISSIVE', 'port:wl:UNSET', 'port:wl:DISABLE',
  ]);
  assert.match(e.chain[2].note, /UNSET, so STRICT is inherited/);
  assert.equal(modeForPort(e, 9090), 'DISABLE');
  assert.equal(modeForPort(e, 7000), 'PERMISSIVE');
  assert.equal(decidingStep(e, 9090).level, 'port');
  assert.equal(decidingStep(e, 8080).resource?.name, 'wl');
});

test('a selector PeerAuthentication in the root namespace is ignored', () => {
  const docs = [app, pa('root-sel', 'istio-system', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT')].join('---\n');
  const { index, mesh, workload } = indexOf(docs);
  const e = effectiveMtls(index, workload('web'), mesh);
  assert.equal(e.mode, 'PERMISSIVE');
  assert.equal(e.ignored.length, 1);
  assert.match(e.ignored[0].reason, /root namespace istio-system/);
});

test('the root namespace comes from the settings', () => {
  const docs = [app, pa('mesh', 'mesh-root', '  mtls:\n    mode: STRICT')].join('---\n');
  assert.equal(effectiveMtls(indexOf(docs).index, indexOf(docs).workload('web'), indexOf(docs).mesh).mode, 'PERMISSIVE');
  const r = indexOf(docs, { rootNamespace: 'mesh-root' });
  assert.equal(effectiveMtls(r.index, r.workload('web'), r.mesh).mode, 'STRICT');
});

test('duplicate namespace-wide PAs: oldest creationTimestamp wins', () => {
  const docs = [
    app,
    pa('newer', 'shop', '  mtls:\n    mode: DISABLE', '\n  creationTimestamp: "2024-05-01T00:00:00Z"'),
    pa('older', 'shop', '  mtls:\n    mode: STRICT', '\n  creationTimestamp: "2023-05-01T00:00:00Z"'),
  ].join('---\n');
  const { index, mesh, workload } = indexOf(docs);
  const e = effectiveMtls(index, workload('web'), mesh);
  assert.equal(e.mode, 'STRICT');
  assert.equal(e.ignored[0].resource.name, 'newer');
  assert.match(e.ignored[0].reason, /oldest by creationTimestamp/);
});

test('duplicate workload PAs without timestamps: document order, and the explanation says so', () => {
  const docs = [
    app,
    pa('first', 'shop', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: DISABLE'),
    pa('second', 'shop', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT'),
  ].join('---\n');
  const { index, mesh, workload } = indexOf(docs);
  const e = effectiveMtls(index, workload('web'), mesh);
  assert.equal(e.mode, 'DISABLE');
  assert.match(e.chain.at(-1)!.note, /document order/);
  assert.equal(e.ignored[0].resource.name, 'second');
});

test('workload PAs of another namespace or with non-matching labels do not apply', () => {
  const docs = [
    app,
    pa('other-ns', 'payments', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT'),
    pa('other-app', 'shop', '  selector:\n    matchLabels:\n      app: api\n  mtls:\n    mode: STRICT'),
  ].join('---\n');
  const { index, mesh, workload } = indexOf(docs);
  assert.equal(effectiveMtls(index, workload('web'), mesh).mode, 'PERMISSIVE');
});

test('namespace default used by clients', () => {
  const docs = [pa('mesh', 'istio-system', '  mtls:\n    mode: STRICT'), pa('ns', 'a', '  {}'), pa('ns', 'b', '  mtls:\n    mode: DISABLE')].join('---\n');
  const { index, mesh } = indexOf(docs);
  assert.equal(namespaceDefaultMode(index, 'a', mesh), 'STRICT');
  assert.equal(namespaceDefaultMode(index, 'b', mesh), 'DISABLE');
  assert.equal(namespaceDefaultMode(index, 'c', mesh), 'STRICT');
  assert.equal(namespaceDefaultMode(indexOf(pa('ns', 'a', '  {}')).index, 'z', mesh), undefined);
});

test('mesh ConfigMap in the workspace sets root namespace and auto-mTLS', () => {
  const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    enableAutoMtls: false
    rootNamespace: mesh-root
    trustDomain: example.org
`;
  const { mesh } = indexOf(cm);
  assert.equal(mesh.autoMtls, false);
  assert.equal(mesh.rootNamespace, 'mesh-root');
  assert.equal(mesh.trustDomain, 'example.org');
  assert.equal(mesh.source?.name, 'istio');
  const bad = indexOf(cm.replace('enableAutoMtls: false', 'enableAutoMtls: [unclosed'));
  assert.equal(bad.mesh.autoMtls, true);
  assert.match(bad.mesh.notes[0], /not valid YAML/);
});
