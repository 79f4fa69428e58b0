import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';
import { linkerdRules } from '../../../../src/core/rules/linkerd/index';
import { parseCidr, cidrContains } from '../../../../src/core/model/linkerd';

const run = (text: string) => analyze(text, { rules: linkerdRules });

test('MTLS400: inject label on a Deployment pod template moves to a new annotations map', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        linkerd.io/inject: enabled
    spec:
      containers: [{name: web, image: web}]
`;
  const [f] = only(run(text), 'MTLS400');
  assert.ok(f);
  assert.equal(rangeText(f), '9:8-9:25');
  assert.match(f.message, /no Linkerd proxy is injected/);
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, / {6}labels:\n {8}app: web\n {6}annotations:\n {8}linkerd.io\/inject: enabled\n/);
  assert.deepEqual(only(run(fixed), 'MTLS400'), []);
});

test('MTLS400: config labels on a Pod join existing annotations; Service labels too', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    a: b
  labels:
    config.linkerd.io/opaque-ports: "5432"
    config.alpha.linkerd.io/proxy-wait-before-exit-seconds: "10"
    app: db
---
apiVersion: v1
kind: Service
metadata:
  name: s
  labels:
    config.linkerd.io/opaque-ports: "5432"
`;
  const f = only(run(text), 'MTLS400');
  assert.deepEqual(f.map(rangeText), ['7:4-7:34', '8:4-8:58', '16:4-16:34']);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, / {4}a: b\n {4}config.linkerd.io\/opaque-ports: "5432"\n {2}labels:\n {4}config.alpha/);
  assert.equal(only(run(fixed), 'MTLS400').length, 2);
});

test('MTLS400: annotations and unrelated labels are fine', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    linkerd.io/inject: enabled
  labels:
    linkerd.io/control-plane-ns: linkerd
`;
  assert.deepEqual(only(run(text), 'MTLS400'), []);
});

test('MTLS401: exported annotation moves to labels', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: s
  annotations:
    mirror.linkerd.io/exported: "true"
spec:
  ports: [{port: 80}]
`;
  const [f] = only(run(text), 'MTLS401');
  assert.equal(rangeText(f), '5:4-5:30');
  const fixed = applyFix(text, f.fixes![0]);
  assert.match(fixed, /labels:\n {4}mirror.linkerd.io\/exported: "true"/);
  assert.deepEqual(only(run(fixed), 'MTLS401'), []);
});

const ap = (spec: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: ap
  namespace: shop
spec:
${spec}`;

test('MTLS402: AuthorizationPolicy targets and authentication refs', () => {
  const ok = ap('  targetRef: {group: policy.linkerd.io, kind: Server, name: web}\n  requiredAuthenticationRefs:\n    - {group: policy.linkerd.io, kind: MeshTLSAuthentication, name: clients}\n');
  assert.deepEqual(only(run(ok), 'MTLS402'), []);
  const otherNs = only(run(ap('  targetRef: {kind: Namespace, name: other}\n  requiredAuthenticationRefs: []\n')), 'MTLS402');
  assert.match(otherNs[0].message, /cannot target another namespace/);
  assert.equal(rangeText(otherNs[0]), '6:37-6:42');
  const bad = only(run(ap('  targetRef: {kind: Deployment, name: web}\n  requiredAuthenticationRefs:\n    - {kind: MeshTLSAuthentication, name: a}\n    - {kind: MeshTLSAuthentication, name: b}\n    - {kind: ServiceAccount, name: c}\n    - {kind: Secret, name: d}\n')), 'MTLS402');
  assert.deepEqual(bad.map((f) => f.message.slice(0, 40)), [
    'spec.targetRef.kind "Deployment" is not ',
    'requiredAuthenticationRefs lists more th',
    'requiredAuthenticationRefs combines a Me',
    'requiredAuthenticationRefs[3] has the un',
  ]);
  const missing = only(run(ap('  foo: 1\n')), 'MTLS402');
  assert.equal(missing.length, 2);
});

const mtlsAuthn = (spec: string) => `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: clients
  namespace: shop
spec:
${spec}`;

test('MTLS403: identities syntax with exact highlight and repair', () => {
  const text = mtlsAuthn('  identities:\n    - "*.shop.serviceaccount.identity.linkerd.cluster.local"\n    - web.Shop.serviceaccount.identity.linkerd.cluster.local\n    - spiffe://cluster.local/ns/shop/sa/web/\n');
  const f = only(run(text), 'MTLS403');
  assert.deepEqual(f.map(rangeText), ['8:10-8:11', '9:43-9:44']);
  assert.match(f[0].message, /upper-case letter 'S'/);
  assert.match(f[1].message, /must not end with '\/'/);
  const fixed = applyFix(text, f[1].fixes![0]);
  assert.match(fixed, /- spiffe:\/\/cluster.local\/ns\/shop\/sa\/web\n/);
  assert.equal(only(run(fixed), 'MTLS403').length, 1);
});

test('MTLS403: exactly one of identities / identityRefs; identityRefs kinds', () => {
  assert.match(only(run(mtlsAuthn('  identities: []\n')), 'MTLS403')[0].message, /sets neither/);
  assert.match(only(run(mtlsAuthn('  identities: ["*"]\n  identityRefs: [{kind: ServiceAccount, name: web}]\n')), 'MTLS403')[0].message, /sets both/);
  const refs = only(run(mtlsAuthn('  identityRefs:\n    - {kind: ServiceAccount, name: web}\n    - {kind: Namespace, name: shop, namespace: shop}\n    - {kind: Deployment, name: web}\n')), 'MTLS403');
  assert.deepEqual(refs.map((f) => f.message.slice(0, 40)), ['identityRefs[1] is a Namespace, which is', 'identityRefs[2] has the kind "Deployment']);
});

test('MTLS404: Server accessPolicy, selectors and port', () => {
  const server = (spec: string) => `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: web\nspec:\n${spec}`;
  assert.deepEqual(only(run(server('  podSelector: {matchLabels: {app: web}}\n  port: http\n  accessPolicy: deny\n')), 'MTLS404'), []);
  const text = server('  podSelector: {matchLabels: {app: web}}\n  externalWorkloadSelector: {matchLabels: {app: web}}\n  port: 70000\n  accessPolicy: All_Authenticated\n');
  const f = only(run(text), 'MTLS404');
  assert.deepEqual(f.map((x) => x.message.slice(0, 30)), ['Server web must set exactly on', 'spec.port 70000 is neither a p', 'spec.accessPolicy "All_Authent']);
  assert.match(f[0].message, /sets both/);
  const fixed = applyFix(text, f[2].fixes![0]);
  assert.match(fixed, /accessPolicy: all-authenticated/);
  assert.match(only(run(server('  podSelector: {}\n')), 'MTLS404')[0].message, /no spec.port/);
});

test('MTLS405: NetworkAuthentication CIDRs', () => {
  const na = (nets: string) => `apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: n\nspec:\n  networks:\n${nets}`;
  assert.deepEqual(only(run(na('    - cidr: 10.0.0.0/8\n      except: [10.1.0.0/16]\n    - cidr: ::/0\n')), 'MTLS405'), []);
  const f = only(run(na('    - cidr: 10.0.0.0/8\n      except: [10.0.0.0/7, 192.168.0.0/16, nope]\n    - cidr: 10.0.0.0/33\n')), 'MTLS405');
  assert.deepEqual(f.map((x) => x.message.slice(0, 30)), [
    'except[0] 10.0.0.0/7 covers th',
    'except[1] 192.168.0.0/16 is no',
    'except[2] "nope" is not an IP ',
    'networks[1].cidr "10.0.0.0/33"',
  ]);
  assert.match(only(run('apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: n\nspec:\n  networks: []\n'), 'MTLS405')[0].message, /At least one network/);
});

test('MTLS406: ServerAuthorization client combinations', () => {
  const sa = (spec: string) => `apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: a\nspec:\n${spec}`;
  assert.deepEqual(only(run(sa('  server: {name: web}\n  client:\n    meshTLS:\n      serviceAccounts: [{name: web}]\n')), 'MTLS406'), []);
  const f = only(run(sa('  server: {name: web, selector: {}}\n  client:\n    unauthenticated: true\n    meshTLS:\n      unauthenticatedTLS: true\n      identities: ["web..x"]\n')), 'MTLS406');
  assert.deepEqual(f.map((x) => x.message.slice(0, 30)), [
    'spec.server must set exactly o',
    'client.meshTLS and client.unau',
    'meshTLS.unauthenticatedTLS: tr',
    'meshTLS.identities[0] "web..x"',
  ]);
  assert.equal(rangeText(f[3]), '10:23-10:25');
});

test('CIDR arithmetic', () => {
  const a = parseCidr('10.0.0.0/8')!;
  assert.ok(cidrContains(a, parseCidr('10.255.0.0/16')!));
  assert.ok(!cidrContains(a, parseCidr('11.0.0.0/16')!));
  assert.ok(cidrContains(parseCidr('fd00::/8')!, parseCidr('fd12:3456::1')!));
  assert.ok(!cidrContains(parseCidr('fd00::/8')!, parseCidr('10.0.0.1')!));
  assert.ok(cidrContains(parseCidr('::ffff:0:0/96')!, parseCidr('::ffff:10.0.0.1')!));
  assert.equal(parseCidr('10.0.0.0/8/1'), undefined);
  assert.equal(parseCidr('1::2::3'), undefined);
  assert.equal(parseCidr('256.0.0.0/8'), undefined);
});
