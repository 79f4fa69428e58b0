// Every fault mode of the fake, observed through client-node 2.x, and flipped at runtime.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, afterEach, before, describe, it } from 'node:test';
import { CoreV1Api, CustomObjectsApi, Exec, Watch, type V1Status } from '@kubernetes/client-node';
import { rawRequest, startFakeApiServer, type FakeApiServer } from '../../tools/fake-apiserver/index.js';
import { kubeConfigFor, smallCluster, statusOf } from './fake-apiserver.fixture.js';

describe('fake API server faults', () => {
  let api: FakeApiServer;
  let core: CoreV1Api;
  before(async () => {
    api = await startFakeApiServer({ objects: smallCluster(), faults: { unauthorized: true } });
    core = kubeConfigFor(api).makeApiClient(CoreV1Api);
  });
  afterEach(() => api.setFault(undefined));
  after(() => api.close());

  it('starts with the faults given at start: 401 even with a valid certificate', async () => {
    // client-node drops the body of a 401 (ApiException.body is undefined), so only the code is visible here
    await assert.rejects(core.listNamespace(), (e) => statusOf(e).code === 401);
    assert.equal((await rawRequest(api, '/api/v1/namespaces')).json().reason, 'Unauthorized');
    api.setFault(undefined);
    assert.equal((await core.listNamespace()).items.length, 3);
  });

  it('403 for one resource, for every user, with the real message', async () => {
    api.setFault({ forbidden: ['configmaps'] });
    await assert.rejects(core.listNamespacedConfigMap({ namespace: 'shop' }), (e) =>
      statusOf(e).message === 'configmaps is forbidden: User "test-admin" cannot list resource "configmaps" in API group "" in the namespace "shop"');
    assert.equal((await core.listNamespacedPod({ namespace: 'shop' })).items.length, 2, 'other resources still answer');
  });

  it('404 for a group that is not installed, also in discovery', async () => {
    const co = kubeConfigFor(api).makeApiClient(CustomObjectsApi);
    const args = { group: 'security.istio.io', version: 'v1', resourcePlural: 'peerauthentications' };
    assert.equal((await co.listCustomObjectForAllNamespaces(args)).items.length, 1);
    api.setFault({ notInstalled: ['security.istio.io'] });
    await assert.rejects(co.listCustomObjectForAllNamespaces(args), (e) => statusOf(e).code === 404);
    const groups = await fetchJson(api, '/apis');
    assert.ok(!groups.groups.some((g: any) => g.name === 'security.istio.io'));
  });

  it('410 Expired for a continue token, and in-stream for a watch', async () => {
    const first = await core.listNamespacedPod({ namespace: 'bulk', limit: 5 });
    api.setFault({ expired: ['pods'] });
    await assert.rejects(core.listNamespacedPod({ namespace: 'bulk', limit: 5, _continue: first.metadata!._continue }), (e) =>
      statusOf(e).code === 410 && statusOf(e).reason === 'Expired');
    const events: any[] = [];
    await new Promise<void>((resolve) => void new Watch(kubeConfigFor(api)).watch('/api/v1/pods', {}, (type, obj) => events.push({ type, code: obj.code }), () => resolve()));
    assert.deepEqual(events, [{ type: 'ERROR', code: 410 }]);
  });

  it('500 InternalError', async () => {
    api.setFault({ internalError: ['*'] });
    await assert.rejects(core.listNamespace(), (e) => statusOf(e).code === 500 && statusOf(e).reason === 'InternalError');
  });

  it('slow responses', async () => {
    api.setFault({ delayMs: 400 });
    const t0 = Date.now();
    await core.listNamespace();
    assert.ok(Date.now() - t0 >= 380, `took ${Date.now() - t0} ms`);
  });

  it('connection reset in the middle of a list', async () => {
    api.setFault({ resetMidList: ['pods'] });
    await assert.rejects(core.listPodForAllNamespaces());
    const last = api.requests.at(-1)!;
    assert.deepEqual([last.resource, last.status], ['pods', 200]);
    api.setFault(undefined);
    assert.equal((await core.listPodForAllNamespaces()).items.length, 22);
  });

  it('a dropped watch ends with an error and no final event', async () => {
    api.setFault({ dropWatchAfterMs: 200 });
    const types: string[] = [];
    const err = await new Promise<unknown>((resolve) =>
      void new Watch(kubeConfigFor(api)).watch('/api/v1/namespaces', {}, (type) => types.push(type), resolve));
    assert.ok(err, 'done() gets an error');
    assert.deepEqual(types, ['ADDED', 'ADDED', 'ADDED']);
  });

  it('exec failure: a forced non-zero exit, and a rejected upgrade', async () => {
    api.setFault({ exec: { exitCode: 2, stderr: 'boom\n' } });
    const status = await new Promise<V1Status>((resolve, reject) => {
      const devNull = new Writable({ write: (_c, _e, cb) => cb() });
      new Exec(kubeConfigFor(api)).exec('shop', 'reviews-1', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'certs'], devNull, devNull, null, false, resolve).catch(reject);
    });
    assert.deepEqual([status.reason, status.details?.causes?.[0].message], ['NonZeroExitCode', '2']);
    api.setFault({ exec: { rejectStatus: 500 } });
    await assert.rejects(
      new Exec(kubeConfigFor(api)).exec('shop', 'reviews-1', 'istio-proxy', ['true'], null, null, null, false),
      (e: any) => /Unexpected server response: 500/.test(e.message),
    );
  });
});

async function fetchJson(api: FakeApiServer, path: string): Promise<any> {
  return (await rawRequest(api, path)).json();
}
