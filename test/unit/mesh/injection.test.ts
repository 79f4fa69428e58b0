import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../src/core/yaml/parse';
import { asWorkload } from '../../../src/core/mesh/workloads';
import { ResourceIndex } from '../../../src/core/index';
import {
  enableNamespacesByDefault,
  injectionFor,
  isAmbientNamespace,
  isInMesh,
  readEnableNamespacesByDefault,
  type InjectorSettings,
} from '../../../src/core/mesh/injection';

function ns(labels: Record<string, string>, name = 'app') {
  const body = Object.entries(labels)
    .map(([k, v]) => `    ${k}: "${v}"`)
    .join('\n');
  const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${body ? `  labels:\n${body}\n` : ''}`;
  return parseYamlFile('ns.yaml', text).resources[0];
}

function deployment(labels: Record<string, string> = {}, extra = '', annotations: Record<string, string> = {}) {
  const l = Object.entries(labels).map(([k, v]) => `        ${k}: "${v}"`).join('\n');
  const a = Object.entries(annotations).map(([k, v]) => `        ${k}: "${v}"`).join('\n');
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: app',
    'spec:',
    '  template:',
    '    metadata:',
    `      labels:${l ? '\n' + l : ' {}'}`,
    `      annotations:${a ? '\n' + a : ' {}'}`,
    '    spec:',
    extra ? `      ${extra}` : '',
    '      containers:',
    '      - name: app',
    '        image: nginx',
    '',
  ].join('\n');
  const w = asWorkload(parseYamlFile('d.yaml', text).resources[0]);
  assert.ok(w);
  return w;
}

const byDefault: InjectorSettings = { enableNamespacesByDefault: true };

test('istio-injection=enabled injects with the default revision unless the pod opts out', () => {
  const n = ns({ 'istio-injection': 'enabled' });
  const d = injectionFor(deployment(), n);
  assert.equal(d.mode, 'sidecar');
  assert.equal(d.revision, 'default');
  assert.deepEqual(d.decidedBy?.path, ['metadata', 'labels', 'istio-injection']);
  const out = injectionFor(deployment({ 'sidecar.istio.io/inject': 'false' }), n);
  assert.equal(out.mode, 'none');
  assert.deepEqual(out.decidedBy?.path, ['spec', 'template', 'metadata', 'labels', 'sidecar.istio.io/inject']);
  // the deprecated annotation still opts out: the injector reads it after the webhook matched
  assert.equal(injectionFor(deployment({}, '', { 'sidecar.istio.io/inject': 'false' }), n).injected, false);
});

test('istio-injection with any other value blocks every webhook, even a pod opt-in', () => {
  const d = injectionFor(deployment({ 'sidecar.istio.io/inject': 'true' }), ns({ 'istio-injection': 'disabled' }));
  assert.equal(d.mode, 'none');
  assert.match(d.reason, /istio-injection=disabled/);
});

test('namespace revision label selects that revision; istio-injection wins over it', () => {
  assert.equal(injectionFor(deployment(), ns({ 'istio.io/rev': 'canary' })).revision, 'canary');
  assert.equal(injectionFor(deployment(), ns({ 'istio.io/rev': 'canary', 'istio-injection': 'enabled' })).revision, 'default');
  // a pod revision label does not override the namespace's
  assert.equal(injectionFor(deployment({ 'istio.io/rev': 'stable' }), ns({ 'istio.io/rev': 'canary' })).revision, 'canary');
});

test('unlabelled namespace: pod label opt-in, pod revision, annotation-only does nothing', () => {
  const n = ns({});
  assert.equal(injectionFor(deployment({ 'sidecar.istio.io/inject': 'true' }), n).revision, 'default');
  assert.equal(injectionFor(deployment({ 'istio.io/rev': 'blue' }), n).revision, 'blue');
  const annotated = injectionFor(deployment({}, '', { 'sidecar.istio.io/inject': 'true' }), n);
  assert.equal(annotated.mode, 'none');
  assert.match(annotated.reason, /label, not the annotation/);
  assert.equal(injectionFor(deployment(), n).mode, 'none');
});

test('enableNamespacesByDefault injects unlabelled namespaces except system ones', () => {
  assert.equal(injectionFor(deployment(), ns({}), byDefault).injected, true);
  const sys = deployment();
  assert.equal(injectionFor({ ...sys, namespace: 'kube-system' }, ns({}, 'kube-system'), byDefault).injected, false);
});

test('hostNetwork pods are never injected', () => {
  const d = injectionFor(deployment({}, 'hostNetwork: true'), ns({ 'istio-injection': 'enabled' }));
  assert.equal(d.mode, 'none');
  assert.deepEqual(d.decidedBy?.path, ['spec', 'template', 'spec', 'hostNetwork']);
});

test('ambient: namespace or pod label, pod opt-out with dataplane-mode=none, sidecar wins', () => {
  assert.equal(injectionFor(deployment(), ns({ 'istio.io/dataplane-mode': 'ambient' })).mode, 'ambient');
  assert.equal(injectionFor(deployment({ 'istio.io/dataplane-mode': 'none' }), ns({ 'istio.io/dataplane-mode': 'ambient' })).mode, 'none');
  assert.equal(injectionFor(deployment({ 'istio.io/dataplane-mode': 'ambient' }), ns({})).mode, 'ambient');
  assert.equal(injectionFor(deployment(), ns({ 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' })).mode, 'sidecar');
  assert.equal(isAmbientNamespace(ns({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/rev': 'x' })), false);
  assert.equal(isAmbientNamespace(ns({ 'istio.io/dataplane-mode': 'ambient' })), true);
});

test('unknown namespace is reported as such', () => {
  const d = injectionFor(deployment(), undefined);
  assert.equal(d.namespaceKnown, false);
  assert.match(d.reason, /not among the analysed files/);
});

test('isInMesh follows istioctl analyze: proxy container, label, annotation, then namespace', () => {
  const enabled = ns({ 'istio-injection': 'enabled' });
  assert.equal(isInMesh(deployment(), enabled), true);
  assert.equal(isInMesh(deployment({ 'sidecar.istio.io/inject': 'no' }), enabled), false);
  assert.equal(isInMesh(deployment({}, '', { 'sidecar.istio.io/inject': 'true' }), ns({})), true);
  // revisions are not consulted by Istio's analyzers
  assert.equal(isInMesh(deployment(), ns({ 'istio.io/rev': 'canary' })), false);
  const pod = asWorkload(
    parseYamlFile('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: istio-proxy\n    image: proxyv2\n').resources[0],
  )!;
  assert.equal(isInMesh(pod, undefined), true);
});

test('enableNamespacesByDefault is read from the injector ConfigMap values JSON', () => {
  const index = new ResourceIndex();
  const cm = (name: string, values: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: istio-system\ndata:\n  values: '${values}'\n`;
  index.setFile('a.yaml', parseYamlFile('a.yaml', cm('istio-sidecar-injector', '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":true}}')).resources);
  index.setFile('b.yaml', parseYamlFile('b.yaml', cm('istio-sidecar-injector-canary', 'not json')).resources);
  assert.equal(enableNamespacesByDefault(index), true);
  assert.equal(enableNamespacesByDefault(index, 'canary'), false);
  assert.equal(enableNamespacesByDefault(index, 'missing'), false);
});

test('the injector ConfigMap is analysed although its template holds {{ }}; a wholly templated value is still skipped', () => {
  const cm = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: istio-sidecar-injector',
    'data:',
    '  config: |-',
    '    image: "{{ .Values.global.hub }}/proxyv2"',
    `  values: '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":true}}'`,
    '  args: "http://x:{{ .Values.port }}"',
    '',
  ].join('\n');
  const parsed = parseYamlFile('cm.yaml', cm);
  assert.equal(parsed.resources.length, 1);
  assert.equal(readEnableNamespacesByDefault(parsed.resources[0]), true);
  const helm = parseYamlFile('h.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "{{ .Values.ns }}"\n');
  assert.equal(helm.resources.length, 0);
  assert.equal(helm.findings[0].ruleId, 'MTLS002');
});
