import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, applyFix } from '../../helpers/analyze';
import { textAt, yaml } from './text';

const ns = (name: string, labels = '    istio-injection: enabled\n') => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels}`;
const pod = (name: string, namespace: string, labels: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n${labels}spec:\n  containers:\n  - name: app\n    image: app\n`;
const ap = (name: string, namespace: string, body: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${body}`;

test('MTLS750: Istio-exact IST0127 on pods; pod templates only lower it to info', () => {
  const text = yaml(
    ns('shop'),
    ns('empty'),
    pod('web-1', 'shop', '    app: web\n'),
    ap('ok', 'shop', '  selector:\n    matchLabels:\n      app: web\n'),
    ap('typo', 'shop', '  selector:\n    matchLabels:\n      app: wbe\n'),
    ap('nobody-home', 'empty', '  action: ALLOW\n'),
    ap('mesh-wide', 'istio-system', '  action: ALLOW\n'),
    ap('root-selector', 'istio-system', '  selector:\n    matchLabels:\n      app: ghost\n'),
  );
  const f = only(analyze(text), 'MTLS750');
  assert.deepEqual(f.map((x) => x.resource?.name), ['typo', 'nobody-home', 'root-selector']);
  assert.ok(f.every((x) => x.istio === 'IST0127' && x.severity === 'warning'));
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ghost\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        app: wbe\n    spec:\n      containers: []\n';
  const g = only(analyze(yaml(text, dep)), 'MTLS750').find((x) => x.resource?.name === 'typo')!;
  assert.equal(g.severity, 'info');
  assert.match(g.message, /Deployment ghost/);
});

test('MTLS751: source namespaces and notNamespaces with Istio wildcard matching, did-you-mean fix', () => {
  const text = yaml(
    ns('payments'),
    ns('prod-web'),
    ap('p', 'payments', '  rules:\n  - from:\n    - source:\n        namespaces: ["prod-*", "*-web", "paymnets", "*-nothing"]\n    - source:\n        notNamespaces: ["*", "staging"]\n'),
  );
  const f = only(analyze(text), 'MTLS751');
  assert.deepEqual(f.map((x) => textAt(text, x)), ['"paymnets"', '"*-nothing"', '"staging"']);
  assert.ok(f.every((x) => x.istio === 'IST0101'));
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /"payments", "\*-nothing"/);
  assert.equal(only(analyze(fixed), 'MTLS751').length, 2);
});

test('MTLS752: selector on Gateway API gateway pods; fix switches to targetRefs', () => {
  const gwPod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: gw-1\n  namespace: default\n  labels:\n    gateway.networking.k8s.io/gateway-name: edge\nspec:\n  containers:\n  - name: istio-proxy\n';
  const policy = ap('deny-bots', 'default', '  selector:\n    matchLabels:\n      gateway.networking.k8s.io/gateway-name: edge\n  action: DENY\n  rules:\n  - {}\n');
  const text = yaml(gwPod, policy);
  const f = only(analyze(text), 'MTLS752');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0166');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /targetRefs:\n {2}- kind: Gateway\n {4}group: gateway.networking.k8s.io\n {4}name: edge\n {2}action: DENY/);
  assert.deepEqual(only(analyze(fixed), 'MTLS752'), []);
  // a Gateway API Gateway of class istio stands for its (generated) pods
  const k8sGw = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: edge\n  namespace: default\nspec:\n  gatewayClassName: istio\n  listeners: []\n';
  assert.equal(only(analyze(yaml(k8sGw, policy)), 'MTLS752').length, 1);
  assert.equal(only(analyze(yaml(k8sGw.replace('istio\n', 'other\n'), policy)), 'MTLS752').length, 0);
});

test('MTLS740: istiod without BLOCKED_CIDRS_IN_JWKS_URIS once a RequestAuthentication exists; fix adds it', () => {
  const istiod = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: istiod
  namespace: istio-system
  labels:
    app: istiod
spec:
  template:
    spec:
      containers:
      - name: discovery
        env:
        - name: PILOT_TRACE_SAMPLING
          value: "1"
`;
  const ra = 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: jwt\n  namespace: shop\nspec:\n  jwtRules:\n  - issuer: https://idp.example.com\n';
  const text = yaml(istiod, ra);
  const f = only(analyze(text), 'MTLS740');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0175');
  assert.match(f[0].message, /shop\/jwt/);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /env:\n {8}- name: BLOCKED_CIDRS_IN_JWKS_URIS\n {10}value: "169.254.0.0\/16,127.0.0.0\/8"\n {8}- name: PILOT_TRACE_SAMPLING/);
  assert.deepEqual(only(analyze(fixed), 'MTLS740'), []);
  assert.deepEqual(only(analyze(istiod), 'MTLS740'), [], 'no RequestAuthentication, nothing to fetch');
});
