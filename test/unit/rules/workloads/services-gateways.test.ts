import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix, FIXED_NOW } from '../../helpers/analyze';
import { makeCert, b64 } from '../../x509/gen';
import { textAt, yaml } from './text';

test('MTLS720: unnamed and unknown-prefix ports; fixes name them and the finding goes away', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: s
  namespace: app
spec:
  ports:
  - port: 8080
    targetPort: 8080
  - name: web
    port: 80
  - name: http-web
    port: 81
  - name: x
    port: 81
    appProtocol: kubernetes.io/h2c
  - port: 3306
  - name: dns
    port: 53
    protocol: UDP
`;
  const f = only(analyze(text), 'MTLS720');
  assert.deepEqual(f.map(rangeText), ['7:10-7:14', '9:10-9:13']);
  assert.ok(f.every((x) => x.istio === 'IST0118'));
  let fixed = applyFix(text, f[0].fixes![0]);
  fixed = applyFix(fixed, only(analyze(fixed), 'MTLS720')[0].fixes![1]);
  assert.match(fixed, /targetPort: 8080\n {4}name: http-8080/);
  assert.match(fixed, /name: tcp-web/);
  assert.deepEqual(only(analyze(fixed), 'MTLS720'), []);
  // control-plane and system-namespace Services are skipped, as istioctl does
  assert.deepEqual(only(analyze(text.replace('namespace: app', 'namespace: kube-system')), 'MTLS720'), []);
});

test('MTLS721: ExternalName ports must resolve and not be just "tcp"', () => {
  const svc = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: db.example.com
  ports:
  - name: ${name}
    port: 443
`;
  const f = only(analyze(svc('tcp')), 'MTLS721');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0150');
  assert.equal(textAt(svc('tcp'), f[0]), 'tcp');
  assert.equal(only(analyze(svc('tcp')), 'MTLS720').length, 0, 'ExternalName ports are not IST0118');
  const fixed = applyFix(svc('tcp'), f[0].fixes![0]);
  assert.match(fixed, /name: https/);
  assert.deepEqual(only(analyze(fixed), 'MTLS721'), []);
  assert.deepEqual(only(analyze(svc('tls-db')), 'MTLS721'), []);
});

const gateway = (name: string, credential: string, selector = 'istio: ingressgateway', ns = 'web') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    ${selector}
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts: ["a.example.com"]
    tls:
      mode: SIMPLE
      credentialName: ${credential}
`;
const secret = (name: string, ns: string, data: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ntype: kubernetes.io/tls\ndata:\n${data}`;

test('MTLS731/732: credentials are looked up in the gateway pods\' namespace and validated at the analysis clock', async () => {
  const DAY = 86400_000;
  const good = await makeCert({ dns: ['a.example.com'], notBefore: new Date(FIXED_NOW.getTime() - DAY), notAfter: new Date(FIXED_NOW.getTime() + 90 * DAY) });
  const old = await makeCert({ dns: ['a.example.com'], notBefore: new Date(FIXED_NOW.getTime() - 90 * DAY), notAfter: new Date(FIXED_NOW.getTime() - DAY) });
  const data = (c: { pem: string }) => `  tls.crt: ${b64(c.pem)}\n  tls.key: ${b64('placeholder key')}\n`;
  const text = yaml(
    gateway('ok', 'good'),
    gateway('expired', 'old'),
    gateway('typo', 'godo'),
    gateway('wrong-ns', 'web-only'),
    secret('good', 'istio-system', data(good)),
    secret('old', 'istio-system', data(old)),
    secret('web-only', 'web', data(good)),
  );
  const missing = only(analyze(text), 'MTLS731');
  assert.deepEqual(missing.map((x) => x.resource?.name), ['typo', 'wrong-ns']);
  assert.ok(missing.every((x) => x.istio === 'IST0101'));
  assert.equal(textAt(text, missing[0]), 'godo');
  assert.match(missing[1].message, /exists in namespace web/);
  const fixed = applyFix(text, missing[0].fixes![0]);
  assert.deepEqual(only(analyze(fixed), 'MTLS731').map((x) => x.resource?.name), ['wrong-ns']);
  const invalid = only(analyze(text), 'MTLS732');
  assert.deepEqual(invalid.map((x) => x.resource?.name), ['expired']);
  assert.equal(invalid[0].istio, 'IST0161');
  assert.match(invalid[0].message, /expired/);
  // at an earlier clock the expired certificate was still valid, and the fresh one was not yet
  const earlier = only(analyze(text, { settings: { now: new Date(FIXED_NOW.getTime() - 30 * DAY) } }), 'MTLS732');
  assert.deepEqual(earlier.map((x) => x.resource?.name), ['ok']);
  assert.match(earlier[0].message, /not valid before/);
});

test('MTLS732: wrong keys and non-certificate content', () => {
  const text = yaml(gateway('g1', 'k1'), gateway('g2', 'k2'), secret('k1', 'istio-system', `  tls.cert: ${b64('x')}\n`), secret('k2', 'istio-system', `  cert: ${b64('hush')}\n  key: ${b64('k')}\n`));
  const f = only(analyze(text), 'MTLS732');
  assert.equal(f.length, 2);
  assert.match(f[0].message, /found: tls.cert/);
  assert.match(f[1].message, /not PEM-encoded/);
});

test('MTLS730: selector that matches no pod; a Deployment template only lowers it to info', () => {
  const text = yaml(gateway('nowhere', 'x', 'istio: custom'));
  const f = only(analyze(text), 'MTLS730');
  assert.equal(f.length, 1);
  assert.equal(f[0].istio, 'IST0101');
  assert.equal(f[0].severity, 'error');
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: custom\n  namespace: edge\nspec:\n  template:\n    metadata:\n      labels:\n        istio: custom\n    spec:\n      containers: []\n';
  const g = only(analyze(yaml(gateway('nowhere', 'x', 'istio: custom'), dep)), 'MTLS730');
  assert.equal(g[0].severity, 'info');
  assert.match(g[0].message, /Deployment custom/);
  assert.deepEqual(only(analyze(gateway('default', 'x')), 'MTLS730'), [], 'istio=ingressgateway is the assumed default ingress');
});

test('MTLS733: two Gateways on the same pods with the same credential; a narrower selector only on one side', () => {
  const text = yaml(gateway('a', 'shared'), gateway('b', 'shared', 'istio: ingressgateway\n    tier: internal'), gateway('c', 'own'));
  const f = only(analyze(text), 'MTLS733');
  assert.deepEqual(f.map((x) => x.resource?.name), ['a']);
  assert.equal(f[0].istio, 'IST0138');
  assert.equal(textAt(text, f[0]), 'a');
  assert.equal(f[0].related?.length, 1);
});

test('MTLS804: cert-manager Certificate writing the gateway Secret in the Gateway namespace instead of the pods\'', () => {
  const cert = (ns: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: a-cert
  namespace: ${ns}
spec:
  secretName: a-tls
  dnsNames: ["a.example.com"]
  issuerRef:
    name: le
    kind: ClusterIssuer
`;
  const text = yaml(gateway('g', 'a-tls'), cert('web'));
  const f = only(analyze(text), 'MTLS804');
  assert.equal(f.length, 1);
  assert.equal(textAt(text, f[0]), 'web');
  assert.equal(f[0].related?.[0].message, 'Gateway web/g uses credentialName a-tls');
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.deepEqual(only(analyze(fixed), 'MTLS804'), []);
  assert.deepEqual(only(analyze(fixed), 'MTLS731'), [], 'the Certificate will create the Secret');
});
