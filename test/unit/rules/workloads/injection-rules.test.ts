import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeFiles, only, rangeText, applyFix } from '../../helpers/analyze';
import { textAt, yaml } from './text';

const nsEnabled = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
`;

test('MTLS700: unlabelled namespace is reported (Info, IST0102) with a fix that adds the label', () => {
  const text = yaml(nsEnabled, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bare\n');
  const f = only(analyze(text), 'MTLS700');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0102');
  assert.equal(f[0].severity, 'info');
  assert.equal(rangeText(f[0]), '10:8-10:12');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /name: bare\n {2}labels:\n {4}istio-injection: enabled\n|labels:\n {4}istio-injection: enabled\n {2}name: bare/);
  assert.equal(only(analyze(fixed), 'MTLS700').length, 0);
});

test('MTLS700: IST0148 when the injector injects unlabelled namespaces; quiet without Istio, for ambient and istio-system', () => {
  const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
data:
  values: '{"sidecarInjectorWebhook":{"enableNamespacesByDefault":true}}'
`;
  const f = only(analyze(yaml(nsEnabled, cm, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bare\n')), 'MTLS700');
  assert.deepEqual(f.map((x) => x.istio), ['IST0148']);
  // no sign of Istio at all: stay quiet
  assert.equal(only(analyze('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bare\n'), 'MTLS700').length, 0);
  const quiet = yaml(nsEnabled, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: amb\n  labels:\n    istio.io/dataplane-mode: ambient\n');
  assert.equal(only(analyze(quiet), 'MTLS700').length, 0);
});

test('MTLS701: conflicting enrolment labels, fix keeps one', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: busted\n  labels:\n    istio-injection: enabled\n    istio.io/rev: canary\n';
  const f = only(analyze(text), 'MTLS701');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0123');
  assert.equal(textAt(text, f[0]), 'istio.io/rev');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.doesNotMatch(fixed, /istio.io\/rev/);
  assert.equal(only(analyze(fixed), 'MTLS701').length, 0);
  // istio-injection=disabled overrides the revision label: no conflict
  assert.equal(only(analyze('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    istio-injection: disabled\n    istio.io/rev: canary\n'), 'MTLS701').length, 0);
});

test('MTLS702: pod without proxy in an injected namespace; opt-out, hostNetwork and injected pods are fine', () => {
  const pod = (name: string, extra = '', containers = '  - name: app\n    image: app\n') =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: shop\n${extra}spec:\n  containers:\n${containers}`;
  const text = yaml(
    nsEnabled,
    pod('bare'),
    pod('optout', '  labels:\n    sidecar.istio.io/inject: "False"\n'),
    pod('injected', '', '  - name: app\n    image: app\n  - name: istio-proxy\n    image: proxyv2\n'),
  );
  const f = only(analyze(text), 'MTLS702');
  assert.deepEqual(f.map((x) => x.resource?.name), ['bare']);
  assert.equal(f[0].istio, 'IST0103');
  assert.equal(textAt(text, f[0]), 'bare');
  assert.equal(f[0].related?.[0].file, 'test.yaml');
  // same pod in a namespace labelled only with a revision: Istio does not check it
  assert.equal(only(analyze(yaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio.io/rev: canary\n', pod('bare'))), 'MTLS702').length, 0);
});

const deployment = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: batch
  namespace: shop
spec:
  template:
    metadata:
      labels:
${labels}
    spec:
      containers:
      - name: app
        image: app
`;

test('MTLS703: opting out inside an injected namespace; warning under STRICT; fix removes the opt-out', () => {
  const text = yaml(nsEnabled, deployment('        app: batch\n        sidecar.istio.io/inject: "false"'));
  const f = only(analyze(text), 'MTLS703');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
  assert.equal(textAt(text, f[0]), '"false"');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.doesNotMatch(fixed, /sidecar.istio.io\/inject/);
  assert.equal(only(analyze(fixed), 'MTLS703').length, 0);
  const strict = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n';
  const plainNs = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
  const g = only(analyze(yaml(plainNs, strict, deployment('        sidecar.istio.io/inject: "false"'))), 'MTLS703');
  assert.equal(g.length, 1);
  assert.equal(g[0].severity, 'warning');
  assert.match(g[0].message, /PeerAuthentication default/);
  // not meshed, not STRICT: opting out changes nothing
  assert.equal(only(analyze(yaml(plainNs, deployment('        sidecar.istio.io/inject: "false"'))), 'MTLS703').length, 0);
});

test('MTLS704: hostNetwork in a meshed namespace', () => {
  const dep = deployment('        app: node-agent').replace('    spec:\n', '    spec:\n      hostNetwork: true\n');
  const text = yaml(nsEnabled, dep);
  const f = only(analyze(text), 'MTLS704');
  assert.equal(f.length, 1);
  assert.equal(textAt(text, f[0]), 'true');
  assert.equal(rangeText(f[0]), '18:19-18:23');
  assert.equal(only(analyze(yaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', dep)), 'MTLS704').length, 0);
  const linkerdNs = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    linkerd.io/inject: enabled\n';
  assert.equal(only(analyzeFiles({ 'a.yaml': linkerdNs, 'b.yaml': dep }), 'MTLS704').length, 1);
});
