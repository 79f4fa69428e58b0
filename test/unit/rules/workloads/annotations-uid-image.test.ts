import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';
import { textAt, yaml } from './text';

const pod = (annotations: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${annotations}\n${extra}spec:\n  containers:\n  - name: app\n    image: app\n`;

test('MTLS710: unknown istio.io annotation with a did-you-mean rename', () => {
  const text = pod('    sidecar.istio.io/proxyCPUs: "100m"\n    example.com/x: "1"');
  const f = only(analyze(text), 'MTLS710');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0108');
  assert.equal(textAt(text, f[0]), 'sidecar.istio.io/proxyCPUs');
  assert.match(f[0].message, /Did you mean "sidecar.istio.io\/proxyCPU"/);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /sidecar.istio.io\/proxyCPU: "100m"/);
  assert.equal(only(analyze(fixed), 'MTLS710').length, 0);
});

test('MTLS711: deprecated inject annotation, silent when the label is also set', () => {
  const text = pod('    sidecar.istio.io/inject: "true"');
  const f = only(analyze(text), 'MTLS711');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0135');
  assert.equal(rangeText(f[0]), '5:4-5:27');
  assert.match(f[0].message, /cannot opt a pod into the mesh/);
  assert.equal(only(analyze(pod('    sidecar.istio.io/inject: "true"', '  labels:\n    sidecar.istio.io/inject: "true"\n')), 'MTLS711').length, 0);
});

test('MTLS712: pod annotation on a Deployment, ingress class on a Namespace; Any-kind annotations are fine', () => {
  const text = yaml(
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    traffic.sidecar.istio.io/excludeOutboundPorts: "5432"\nspec: {}\n',
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n    galley.istio.io/analyze-suppress: IST0102\n',
  );
  const f = only(analyze(text), 'MTLS712');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0107');
  assert.equal(textAt(text, f[0]), 'traffic.sidecar.istio.io/excludeOutboundPorts');
  assert.match(f[0].message, /spec.template.metadata.annotations/);
});

test('MTLS713: invalid values of injection annotations; valid ones pass', () => {
  const bad = pod(
    [
      '    traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/33"',
      '    sidecar.istio.io/interceptionMode: redirect',
      '    status.sidecar.istio.io/port: "70000"',
      '    sidecar.istio.io/proxyMemory: "lots"',
      '    traffic.sidecar.istio.io/excludeInterfaces: "eth0,1bad"',
    ].join('\n'),
  );
  const f = only(analyze(bad), 'MTLS713');
  assert.equal(f.length, 5);
  assert.ok(f.every((x) => x.istio === 'IST0125'));
  assert.equal(textAt(bad, f[0]), '"10.0.0.0/33"');
  const good = pod(
    [
      '    traffic.sidecar.istio.io/includeOutboundIPRanges: "*"',
      '    traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8,fd00::/8"',
      '    sidecar.istio.io/interceptionMode: TPROXY',
      '    traffic.sidecar.istio.io/excludeInboundPorts: " 15020, 8080 "',
      '    sidecar.istio.io/proxyMemory: 128Mi',
      '    readiness.status.sidecar.istio.io/periodSeconds: "10"',
      '    proxy.istio.io/config: "{}"',
    ].join('\n'),
  );
  assert.deepEqual(only(analyze(good), 'MTLS713'), []);
});

test('MTLS705: UID 1337 at pod and container level; istio-proxy and control plane exempt', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      securityContext:
        runAsUser: 1337
      containers:
      - name: app
        securityContext:
          runAsUser: 1337
      - name: istio-proxy
        securityContext:
          runAsUser: 1337
`;
  const f = only(analyze(text), 'MTLS705');
  assert.deepEqual(f.map(rangeText), ['8:19-8:23', '12:21-12:25']);
  assert.ok(f.every((x) => x.istio === 'IST0144'));
  assert.equal(only(analyze(text.replace('  name: d\n', '  name: d\n  labels:\n    istio: pilot\n')), 'MTLS705').length, 0);
  assert.equal(only(analyze(text.replaceAll('1337', '1000')), 'MTLS705').length, 0);
});

test('MTLS706: image auto on a Pod (IST0147) and on a Deployment no Istio webhook selects (IST0146)', () => {
  const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
- name: namespace.sidecar-injector.istio.io
  namespaceSelector:
    matchLabels:
      istio-injection: enabled
`;
  const gw = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gw
  namespace: ${ns}
spec:
  template:
    metadata:
      labels:
        istio: ingressgateway
    spec:
      containers:
      - name: istio-proxy
        image: auto
`;
  const podText = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: istio-proxy\n    image: auto\n';
  const text = yaml(webhook, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: on\n  labels:\n    istio-injection: enabled\n', gw('off'), gw('on'), podText);
  const f = only(analyze(text), 'MTLS706');
  assert.deepEqual(f.map((x) => `${x.istio} ${x.resource?.kind} ${x.resource?.namespace ?? ''}`), ['IST0146 Deployment off', 'IST0147 Pod ']);
  assert.equal(textAt(text, f[0]), 'auto');
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[1].severity, 'error');
});
