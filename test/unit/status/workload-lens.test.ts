// Workload lens texts across the semantic cases, from the workspace alone and against a live cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusLenses } from '../../../src/core/status/lens';
import { clusterInputs, resourceIn, workspaceInputs } from './helpers';
import { deployment, docs, namespace, peerAuth, pod } from './seeds';

const titles = (inputs: Parameters<typeof statusLenses>[0], file: string, kind: string, name: string) =>
  statusLenses(inputs, resourceIn(inputs.index, file, kind, name)).map((l) => l.title);

test('workspace only: STRICT namespace, one workload opted out of injection is DISABLE and says STRICT is not enforced', () => {
  const inputs = workspaceInputs({
    'pay.yaml': docs(
      namespace('payments', { 'istio-injection': 'enabled' }),
      peerAuth('payments', 'default', 'STRICT'),
      deployment('payments', 'checkout'),
      deployment('payments', 'batch', { labels: { app: 'batch', 'sidecar.istio.io/inject': 'false' } }),
    ),
  });
  assert.deepEqual(titles(inputs, 'pay.yaml', 'Deployment', 'checkout'), ['STRICT · sidecar predicted · workspace only']);
  assert.deepEqual(titles(inputs, 'pay.yaml', 'Deployment', 'batch'), ['DISABLE · no proxy predicted: plaintext only (STRICT not enforced) · workspace only']);
});

test('live: a STRICT namespace with one unmeshed pod is really PERMISSIVE, and the lens says how many pods accept plaintext', () => {
  const live = docs(
    namespace('payments', { 'istio-injection': 'enabled' }),
    peerAuth('payments', 'default', 'STRICT'),
    pod('payments', 'checkout', 'a'),
    pod('payments', 'checkout', 'b', { proxy: 'none' }),
    pod('payments', 'ledger', 'a'),
  );
  const { inputs } = clusterInputs(live, { 'ws/checkout.yaml': deployment('payments', 'checkout') });
  assert.deepEqual(titles(inputs, 'ws/checkout.yaml', 'Deployment', 'checkout'), [
    'PERMISSIVE · 1/2 pods meshed (sidecar) · 1 pod without sidecar accepts plaintext · cluster demo',
  ]);
});

test('ambient namespace: predicted from the namespace label, and live from the redirection annotation', () => {
  const ws = workspaceInputs({ 'a.yaml': docs(namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }), deployment('amb', 'web')) });
  assert.deepEqual(titles(ws, 'a.yaml', 'Deployment', 'web'), ['PERMISSIVE · ambient predicted · workspace only']);
  const { inputs } = clusterInputs(docs(namespace('amb', { 'istio.io/dataplane-mode': 'ambient' }), pod('amb', 'web', 'a', { proxy: 'ambient' })), {
    'ws/web.yaml': deployment('amb', 'web'),
  });
  assert.deepEqual(titles(inputs, 'ws/web.yaml', 'Deployment', 'web'), ['PERMISSIVE · 1/1 pod meshed (ambient) · cluster demo']);
});

test('port-level override: a second lens names the container port whose mode differs', () => {
  const inputs = workspaceInputs({
    'r.yaml': docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      peerAuth('shop', 'default', 'STRICT'),
      peerAuth('shop', 'reviews', undefined, { selector: { app: 'reviews' }, ports: { 9080: 'DISABLE' } }),
      deployment('shop', 'reviews', { port: 9080 }),
    ),
  });
  assert.deepEqual(titles(inputs, 'r.yaml', 'Deployment', 'reviews'), ['STRICT · sidecar predicted · workspace only', 'port 9080: DISABLE']);
});

test('duplicate workload PeerAuthentications: the oldest by creationTimestamp decides, whatever the file order', () => {
  const inputs = workspaceInputs({
    'd.yaml': docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      peerAuth('shop', 'ratings-disable', 'DISABLE', { selector: { app: 'ratings' }, created: '2025-06-15T08:30:00Z' }),
      peerAuth('shop', 'ratings-strict', 'STRICT', { selector: { app: 'ratings' }, created: '2024-03-01T10:00:00Z' }),
      deployment('shop', 'ratings'),
    ),
  });
  assert.deepEqual(titles(inputs, 'd.yaml', 'Deployment', 'ratings'), ['STRICT · sidecar predicted · workspace only']);
  const [lens] = titles(inputs, 'd.yaml', 'PeerAuthentication', 'ratings-disable');
  assert.match(lens, /^not applied to 1 workload: another workload PeerAuthentication \(shop\/ratings-strict\) is the oldest by creationTimestamp/);
});

test('Linkerd: the default inbound policy all-unauthenticated accepts plaintext; a namespace annotation makes it STRICT', () => {
  const live = (nsAnnotations: Record<string, string>) =>
    docs(namespace('emojivoto', {}, { 'linkerd.io/inject': 'enabled', ...nsAnnotations }), pod('emojivoto', 'web', 'a', { proxy: 'linkerd' }));
  const open = { 'ws/web.yaml': deployment('emojivoto', 'web') };
  const byDefault = clusterInputs(live({}), open).inputs;
  assert.deepEqual(titles(byDefault, 'ws/web.yaml', 'Deployment', 'web'), [
    'PERMISSIVE · 1/1 pod meshed (Linkerd proxy) · default policy all-unauthenticated · cluster demo',
  ]);
  const strict = clusterInputs(live({ 'config.linkerd.io/default-inbound-policy': 'all-authenticated' }), open).inputs;
  assert.deepEqual(titles(strict, 'ws/web.yaml', 'Deployment', 'web'), ['STRICT · 1/1 pod meshed (Linkerd proxy) · default policy all-authenticated · cluster demo']);
});

test('live vs edited: an open PeerAuthentication that would change the mode shows both', () => {
  const live = docs(namespace('payments', { 'istio-injection': 'enabled' }), peerAuth('payments', 'default', 'STRICT'), pod('payments', 'checkout', 'a'));
  const same = clusterInputs(live, { 'ws/pa.yaml': peerAuth('payments', 'default', 'STRICT'), 'ws/checkout.yaml': deployment('payments', 'checkout') }).inputs;
  assert.deepEqual(titles(same, 'ws/checkout.yaml', 'Deployment', 'checkout'), ['STRICT · 1/1 pod meshed (sidecar) · cluster demo']);
  const edited = clusterInputs(live, { 'ws/pa.yaml': peerAuth('payments', 'default', 'PERMISSIVE'), 'ws/checkout.yaml': deployment('payments', 'checkout') }).inputs;
  assert.deepEqual(titles(edited, 'ws/checkout.yaml', 'Deployment', 'checkout'), ['live: STRICT → after apply: PERMISSIVE · 1/1 pod meshed (sidecar) · cluster demo']);
  assert.match(titles(edited, 'ws/pa.yaml', 'PeerAuthentication', 'default')[0], /after apply: 1 workload changes mode/);
});

test('a workload lens on a live Pod open in the editor counts the running copy', () => {
  const live = docs(namespace('shop', { 'istio-injection': 'enabled' }), pod('shop', 'cart', 'a'));
  const { inputs, combined } = clusterInputs(live, { 'ws/pod.yaml': pod('shop', 'cart', 'a') });
  const res = resourceIn(inputs.index, 'ws/pod.yaml', 'Pod', 'cart-abc12-a');
  const [lens] = statusLenses(inputs, res, { liveCopyOf: (r) => combined.liveCopyOf(r) });
  assert.equal(lens.title, 'PERMISSIVE · 1/1 pod meshed (sidecar) · cluster demo');
});
