// The combined index (cluster + open documents), the JSON report and the explanation Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../src/core/yaml/parse';
import { allWorkloadStatuses, toJson } from '../../../src/core/status/report';
import { explainDocument } from '../../../src/core/status/explain';
import { clusterInputs, resourceIn } from './helpers';
import { deployment, docs, namespace, peerAuth, pod } from './seeds';

const live = docs(
  namespace('istio-system'),
  namespace('bookinfo', { 'istio-injection': 'enabled' }),
  peerAuth('istio-system', 'default', 'PERMISSIVE'),
  peerAuth('bookinfo', 'default', 'STRICT'),
  peerAuth('bookinfo', 'reviews-port', undefined, { selector: { app: 'reviews' }, ports: { 9080: 'PERMISSIVE' } }),
  pod('bookinfo', 'reviews', 'a', { port: 9080 }),
  pod('bookinfo', 'reviews', 'b', { port: 9080 }),
  pod('bookinfo', 'details', 'a', { proxy: 'none', port: 9080 }),
);

test('an open document hides the cluster copy of the same object, and closing it brings the copy back', () => {
  const { combined } = clusterInputs(live);
  const count = () => combined.afterApply.ofKind('security.istio.io', 'PeerAuthentication').map((r) => `${r.name}:${r.get(['spec', 'mtls', 'mode'])}`).sort();
  assert.deepEqual(count(), ['default:PERMISSIVE', 'default:STRICT', 'reviews-port:undefined']);
  combined.setOverlay('ws/pa.yaml', parseYamlFile('ws/pa.yaml', peerAuth('bookinfo', 'default', 'DISABLE')).resources);
  assert.deepEqual(count(), ['default:DISABLE', 'default:PERMISSIVE', 'reviews-port:undefined']);
  assert.equal(combined.live.ofKind('security.istio.io', 'PeerAuthentication').length, 3, 'the live index keeps the cluster copy');
  combined.removeOverlay('ws/pa.yaml');
  assert.deepEqual(count(), ['default:PERMISSIVE', 'default:STRICT', 'reviews-port:undefined']);
});

test('status --format json shape: mode, ports by container port, pods, decidedBy and source', () => {
  const { inputs } = clusterInputs(live, { 'ws/reviews.yaml': deployment('bookinfo', 'reviews', { port: 9080 }) });
  const json = toJson(allWorkloadStatuses(inputs));
  assert.deepEqual(
    json.workloads.map((w) => [w.kind, w.name, w.mode, w.ports, w.pods, w.source]),
    [
      ['Deployment', 'details', 'DISABLE', { 9080: 'DISABLE' }, { total: 1, meshed: 0 }, 'cluster'],
      ['Deployment', 'reviews', 'STRICT', { 9080: 'PERMISSIVE' }, { total: 2, meshed: 2 }, 'both'],
    ],
  );
  const reviews = json.workloads[1];
  assert.deepEqual(reviews.decidedBy, [
    { kind: 'PeerAuthentication', namespace: 'istio-system', name: 'default' },
    { kind: 'PeerAuthentication', namespace: 'bookinfo', name: 'default' },
    { kind: 'PeerAuthentication', namespace: 'bookinfo', name: 'reviews-port' },
  ]);
  assert.deepEqual(Object.keys(reviews).slice(0, 8), ['namespace', 'name', 'kind', 'mode', 'ports', 'pods', 'decidedBy', 'source']);
});

test('the explanation links every step of the chain and lists the pods with their data plane', () => {
  const { inputs } = clusterInputs(live, { 'ws/reviews.yaml': deployment('bookinfo', 'reviews', { port: 9080 }) });
  const res = resourceIn(inputs.index, 'ws/reviews.yaml', 'Deployment', 'reviews');
  const md = explainDocument(inputs, res, (r) => `link:${r.file}`);
  assert.match(md, /^# mTLS for Deployment bookinfo\/reviews: STRICT/);
  assert.match(md, /\*\*namespace\*\*: \[PeerAuthentication bookinfo\/default\]\(link:cluster:\/\/demo\/bookinfo\/PeerAuthentication\/default\)/);
  assert.match(md, /\*\*port 9080\*\*: \[PeerAuthentication bookinfo\/reviews-port\]/);
  assert.match(md, /\| 9080 \| PERMISSIVE \|/);
  assert.match(md, /\[Pod bookinfo\/reviews-abc12-a\]\(link:cluster:\/\/demo\/bookinfo\/Pod\/reviews-abc12-a\) — sidecar · Running/);
  assert.match(md, /## AuthorizationPolicies in force\n\n- none/);
});

test('opening a manifest that also holds the live pods (a cluster dump) keeps counting the running pods', () => {
  const dump = docs(deployment('bookinfo', 'reviews', { port: 9080 }), pod('bookinfo', 'reviews', 'a', { port: 9080 }), pod('bookinfo', 'reviews', 'b', { port: 9080 }));
  const { inputs } = clusterInputs(live, { 'ws/dump.yaml': dump });
  const reviews = toJson(allWorkloadStatuses(inputs, 'bookinfo')).workloads.filter((w) => w.name.startsWith('reviews'));
  assert.deepEqual(reviews.map((w) => [w.kind, w.name, w.pods, w.source]), [['Deployment', 'reviews', { total: 2, meshed: 2 }, 'both']]);
});
