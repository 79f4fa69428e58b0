// The fake API server through the real @kubernetes/client-node 2.x: lists, paging, selectors, single
// objects, custom resources, auth, RBAC-lite, write refusal and request recording.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthorizationV1Api, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { rawRequest, startFakeApiServer, type FakeApiServer } from '../../tools/fake-apiserver/index.js';
import { kubeConfigFor, smallCluster, statusOf } from './fake-apiserver.fixture.js';

describe('fake API server via client-node', () => {
  let api: FakeApiServer;
  let core: CoreV1Api;
  before(async () => {
    api = await startFakeApiServer({ objects: smallCluster() });
    core = kubeConfigFor(api).makeApiClient(CoreV1Api);
  });
  after(() => api.close());

  it('pages a list with limit/continue in stable namespace/name order', async () => {
    const names: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedPod({ namespace: 'bulk', limit: 7, _continue: cont });
      names.push(...page.items.map((p) => p.metadata!.name!));
      assert.match(page.metadata!.resourceVersion!, /^\d+$/);
      cont = page.metadata!._continue;
      if (cont) assert.equal(page.metadata!.remainingItemCount, 20 - names.length);
      pages++;
    } while (cont);
    assert.equal(pages, 3);
    assert.deepEqual(names, [...names].sort());
    assert.equal(new Set(names).size, 20);
    const all = await core.listPodForAllNamespaces({ limit: 500 });
    assert.deepEqual(all.items.map((p) => p.metadata!.namespace), ['bulk', ...Array(19).fill('bulk'), 'shop', 'shop']);
  });

  it('serves core list items without kind/apiVersion and custom resources with them', async () => {
    const raw = (await rawRequest(api, '/api/v1/namespaces/shop/pods')).json();
    assert.equal(raw.kind, 'PodList');
    assert.equal(raw.items[0].kind, undefined);
    const one = (await rawRequest(api, '/api/v1/namespaces/shop/pods/plain-1')).json();
    assert.equal(one.kind, 'Pod');
    const co = kubeConfigFor(api).makeApiClient(CustomObjectsApi);
    const pas = await co.listCustomObjectForAllNamespaces({ group: 'security.istio.io', version: 'v1', resourcePlural: 'peerauthentications' });
    assert.equal(pas.items.length, 1);
    assert.equal(pas.items[0].kind, 'PeerAuthentication');
    assert.equal(pas.items[0].spec.mtls.mode, 'STRICT');
  });

  it('applies label selectors (=, ==, !=, key, !key, in, notin)', async () => {
    const count = async (labelSelector: string) => (await core.listNamespacedPod({ namespace: 'bulk', labelSelector })).items.length;
    assert.equal(await count('app=bulk-0'), 7);
    assert.equal(await count('app==bulk-1'), 7);
    assert.equal(await count('app!=bulk-0'), 13);
    assert.equal(await count('tier'), 10);
    assert.equal(await count('!tier'), 10);
    assert.equal(await count('app in (bulk-0, bulk-2)'), 13);
    assert.equal(await count('app notin (bulk-0),tier=odd'), 7);
    await assert.rejects(core.listNamespacedPod({ namespace: 'bulk', labelSelector: 'app in bulk' }), (e) => statusOf(e).code === 400);
  });

  it('applies field selectors (type, status.phase, spec.nodeName, metadata.name)', async () => {
    const tls = await core.listSecretForAllNamespaces({ fieldSelector: 'type=kubernetes.io/tls' });
    assert.deepEqual(tls.items.map((s) => s.metadata!.name), ['root-ca', 'web-tls']);
    assert.equal((await core.listPodForAllNamespaces({ fieldSelector: 'status.phase=Pending' })).items.length, 1);
    assert.equal((await core.listNamespacedPod({ namespace: 'bulk', fieldSelector: 'spec.nodeName=node-a' })).items.length, 5);
    assert.equal((await core.listNamespacedPod({ namespace: 'bulk', fieldSelector: 'metadata.name!=p-00,status.phase=Running' })).items.length, 19);
    await assert.rejects(core.listPodForAllNamespaces({ fieldSelector: 'spec.bogus=1' }), (e) => statusOf(e).code === 400);
  });

  it('returns a real Status for a missing object and for a CRD that is not installed', async () => {
    await assert.rejects(core.readNamespacedPod({ namespace: 'shop', name: 'nope' }), (e) => {
      const st = statusOf(e);
      return st.code === 404 && st.message === 'pods "nope" not found' && st.reason === 'NotFound';
    });
    const co = kubeConfigFor(api).makeApiClient(CustomObjectsApi);
    await assert.rejects(
      co.listClusterCustomObject({ group: 'spire.spiffe.io', version: 'v1alpha1', plural: 'clusterspiffeids' }),
      (e) => statusOf(e).code === 404 && statusOf(e).message === 'the server could not find the requested resource',
    );
  });

  it('turns stringData into base64 data, as the apiserver does', async () => {
    const s = await core.readNamespacedSecret({ namespace: 'shop', name: 'db-password' });
    assert.equal(Buffer.from(s.data!.password, 'base64').toString(), 'hunter2');
  });

  it('authenticates by client certificate or bearer token, and answers 401 without either', async () => {
    assert.equal((await rawRequest(api, '/api/v1/namespaces', { user: 'anonymous' })).status, 401);
    const anon = (await rawRequest(api, '/api/v1/namespaces', { user: 'anonymous' })).json();
    assert.deepEqual([anon.kind, anon.reason, anon.code], ['Status', 'Unauthorized', 401]);
    const viaToken = kubeConfigFor(api, 'token').makeApiClient(CoreV1Api);
    assert.equal((await viaToken.listNamespace()).items.length, 3);
    assert.equal(api.requests.at(-1)!.user, 'token-user');
  });

  it('forbids limited-user to list secrets with the real message, but lets it list pods', async () => {
    const limited = kubeConfigFor(api, 'limited-user').makeApiClient(CoreV1Api);
    await assert.rejects(limited.listSecretForAllNamespaces(), (e) => {
      const st = statusOf(e);
      return st.code === 403 && st.message === 'secrets is forbidden: User "limited-user" cannot list resource "secrets" in API group "" at the cluster scope';
    });
    await assert.rejects(limited.listNamespacedSecret({ namespace: 'shop' }), (e) => /in the namespace "shop"$/.test(statusOf(e).message));
    assert.equal((await limited.listNamespacedPod({ namespace: 'shop' })).items.length, 2);
  });

  it('answers SelfSubjectAccessReview (not counted as mutating) and refuses every other write with 405', async () => {
    const review = (kc: ReturnType<typeof kubeConfigFor>) =>
      kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb: 'list', resource: 'secrets' } } } });
    assert.equal((await review(kubeConfigFor(api))).status?.allowed, true);
    assert.equal((await review(kubeConfigFor(api, 'limited-user'))).status?.allowed, false);
    const before = api.requests.length;
    await assert.rejects(core.deleteNamespacedPod({ namespace: 'shop', name: 'plain-1' }), (e) => statusOf(e).code === 405);
    const post = await rawRequest(api, '/api/v1/namespaces/shop/configmaps', { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.json().reason, 'MethodNotAllowed');
    assert.ok(api.store.get({ kind: 'Pod', namespace: 'shop', name: 'plain-1' }), 'the pod is still there');
    const writes = api.requests.slice(before).filter((r) => r.mutating);
    assert.deepEqual(writes.map((r) => [r.method, r.verb, r.resource, r.status]), [['DELETE', 'delete', 'pods', 405], ['POST', 'create', 'configmaps', 405]]);
    assert.ok(api.requests.some((r) => r.resource === 'selfsubjectaccessreviews' && !r.mutating && r.status === 201));
  });

  it('records every request with time, method, path, query, user, verb and status', async () => {
    await core.listNamespacedPod({ namespace: 'bulk', limit: 2, labelSelector: 'app=bulk-0' });
    const r = api.requests.at(-1)!;
    assert.equal(r.method, 'GET');
    assert.equal(r.path, '/api/v1/namespaces/bulk/pods');
    assert.deepEqual([r.query.limit, r.query.labelSelector], ['2', 'app=bulk-0']);
    assert.deepEqual([r.user, r.verb, r.resource, r.status, r.mutating], ['test-admin', 'list', 'pods', 200, false]);
    assert.ok(!Number.isNaN(Date.parse(r.time)));
  });

  it('gzips a list over 128 KiB when the client accepts gzip, and not otherwise', async () => {
    for (let i = 0; i < 120; i++) api.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}`, namespace: 'bulk' }, data: { blob: 'x'.repeat(2000) } });
    const zipped = await rawRequest(api, '/api/v1/namespaces/bulk/configmaps', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.json().items.filter((c: any) => c.metadata.name.startsWith('big-')).length, 120);
    assert.ok(zipped.compressedBytes < zipped.text.length / 4);
    const plain = await rawRequest(api, '/api/v1/namespaces/bulk/configmaps');
    assert.equal(plain.headers['content-encoding'], undefined);
    const viaClient = await core.listNamespacedConfigMap({ namespace: 'bulk', labelSelector: '' });
    assert.equal(viaClient.items.filter((c) => c.metadata!.name!.startsWith('big-')).length, 120, 'client-node (undici, accepts gzip) reads it');
  });
});
