// A group may serve different kinds at different versions. Linkerd serves Server at v1beta3 but
// AuthorizationPolicy and MeshTLSAuthentication at v1alpha1: all of them must be read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startFakeApiServer, type FakeApiServer } from '../../tools/fake-apiserver/index';
import { connect, loadSnapshot } from '../../src/cluster/index';

let api: FakeApiServer | undefined;
after(() => api?.close());

test('every wanted kind is read at the version that serves it', async () => {
  api = await startFakeApiServer({ seedPaths: [join(__dirname, '..', '..', 'examples', 'demo-cluster')] });
  const client = connect({ kubeconfigYaml: api.kubeconfigYaml, allowExec: false });
  const snap = await loadSnapshot(client);
  const linkerd = snap.customResources.filter((r) => r.apiVersion.startsWith('policy.linkerd.io/'));
  const kinds = new Map(linkerd.map((r) => [r.kind, r.apiVersion]));
  assert.equal(kinds.get('Server'), 'policy.linkerd.io/v1beta3');
  assert.equal(kinds.get('AuthorizationPolicy'), 'policy.linkerd.io/v1alpha1');
  assert.equal(kinds.get('MeshTLSAuthentication'), 'policy.linkerd.io/v1alpha1');
  // only GETs, one per group-version needed
  assert.ok(api.requests.every((r) => r.method === 'GET'));
  const linkerdDiscovery = api.requests.filter((r) => /^\/apis\/policy\.linkerd\.io\/v[^/]+$/.test(r.path)).map((r) => r.path);
  assert.deepEqual([...new Set(linkerdDiscovery)].sort(), ['/apis/policy.linkerd.io/v1alpha1', '/apis/policy.linkerd.io/v1beta3']);
});
