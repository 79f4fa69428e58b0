import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, only, rangeText, applyFix } from '../../helpers/analyze';
import { NS, deploy, service, peerAuth } from './fixtures';

const app = [NS, deploy('web', { app: 'web', version: 'v1' }), service('web', 'web')].join('---\n');

function ap(body: string, ns = 'shop', name = 'web-authz'): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${body}`;
}

test('MTLS606: selector one label away gets a did-you-mean fix', () => {
  const pa = peerAuth('web', 'shop', 'STRICT', { app: 'wbe' });
  const f = only(analyzeFiles({ a: app, 'pa.yaml': pa }), 'MTLS606');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '7:4-7:15');
  assert.match(f[0].message, /Did you mean app: web \(Deployment web\)/);
  const fixed = applyFix(pa, f[0].fixes![0], 'pa.yaml');
  assert.equal(only(analyzeFiles({ a: app, 'pa.yaml': fixed }), 'MTLS606').length, 0);
});

test('MTLS606: Sidecar workloadSelector and a mistyped label key; namespaces without workloads are not judged', () => {
  const sc = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: web
  namespace: shop
spec:
  workloadSelector:
    labels:
      ap: web
`;
  const f = only(analyzeFiles({ a: app, 'sc.yaml': sc }), 'MTLS606');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /label key app/);
  const fixed = applyFix(sc, f[0].fixes![0], 'sc.yaml');
  assert.match(fixed, /\n {6}app: web\n/);
  assert.equal(only(analyzeFiles({ a: app, 'sc.yaml': fixed }), 'MTLS606').length, 0);
  assert.equal(only(analyzeFiles({ a: app, 'sc.yaml': sc.replace('namespace: shop', 'namespace: elsewhere') }), 'MTLS606').length, 0);
});

test('MTLS607: DENY on principals while the workload is PERMISSIVE is an error; fix adds a STRICT PA', () => {
  const policy = ap(`  selector:
    matchLabels:
      app: web
  action: DENY
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/shop/sa/frontend
`);
  const f = only(analyzeFiles({ a: app, 'ap.yaml': policy }), 'MTLS607');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(rangeText(f[0]), '13:12-13:22');
  assert.match(f[0].message, /`principals` never matches them and this DENY rule does not stop them/);
  assert.match(f[0].message, /shop\/web accepts plaintext \(PERMISSIVE, decided by Istio's default/);
  const fixed = applyFix(policy, f[0].fixes![0], 'ap.yaml');
  assert.match(fixed, /kind: PeerAuthentication[\s\S]*app: web[\s\S]*mode: STRICT/);
  assert.equal(only(analyzeFiles({ a: app, 'ap.yaml': fixed }), 'MTLS607').length, 0);
});

test('MTLS607: ALLOW with source.namespace condition is a warning; STRICT workloads are fine; fix edits an existing PA', () => {
  const policy = ap(`  rules:
    - when:
        - key: source.namespace
          values: ["shop"]
`);
  const pa = peerAuth('default', 'shop', 'PERMISSIVE');
  const f = only(analyzeFiles({ a: app, 'ap.yaml': policy, 'pa.yaml': pa }), 'MTLS607');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(f[0].fixes![0].edits[0].file, 'pa.yaml');
  const fixedPa = applyFix(pa, f[0].fixes![0], 'pa.yaml');
  assert.equal(only(analyzeFiles({ a: app, 'ap.yaml': policy, 'pa.yaml': fixedPa }), 'MTLS607').length, 0);
});

test('MTLS608: unknown namespace and service account in principals, with did-you-mean', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: frontend\n  namespace: shop\n';
  const policy = ap(`  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/shpo/sa/frontend"]
        - source:
            principals: ["cluster.local/ns/shop/sa/frontnd"]
        - source:
            namespaces: ["shpo"]
`);
  const f = only(analyzeFiles({ a: app, sa, 'ap.yaml': policy }), 'MTLS608');
  assert.equal(f.length, 2);
  assert.match(f[0].message, /principal "cluster.local\/ns\/shpo\/sa\/frontend".*namespace shpo does not exist.*Did you mean shop\?/);
  assert.equal(rangeText(f[0]), '9:25-9:60');
  assert.match(f[1].message, /service account frontnd.*Did you mean frontend\?/);
  let fixed = applyFix(policy, f[0].fixes![0], 'ap.yaml');
  fixed = applyFix(fixed, only(analyzeFiles({ a: app, sa, 'ap.yaml': fixed }), 'MTLS608')[0].fixes![0], 'ap.yaml');
  assert.equal((fixed.match(/cluster.local\/ns\/shop\/sa\/frontend/g) ?? []).length, 2);
  assert.equal(only(analyzeFiles({ a: app, sa, 'ap.yaml': fixed }), 'MTLS608').length, 0);
});

test('MTLS609: default service account shared by several workloads', () => {
  const two = [app, deploy('api', { app: 'api' })].join('---\n');
  const policy = ap(`  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/shop/sa/default"]
`);
  const f = only(analyzeFiles({ a: two, 'ap.yaml': policy }), 'MTLS609');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /2 workloads in namespace shop run as the default service account \(Deployment web, Deployment api\)/);
  assert.equal(only(analyzeFiles({ a: app, 'ap.yaml': policy }), 'MTLS609').length, 0);
});

test('MTLS606 leaves AuthorizationPolicy selectors to MTLS750', () => {
  const policy = ap('  selector:\n    matchLabels:\n      app: wbe\n  rules:\n    - {}\n');
  assert.equal(only(analyzeFiles({ a: app, 'ap.yaml': policy }), 'MTLS606').length, 0);
});

test('MTLS607: negated matches follow Envoy: DENY on notPrincipals already denies plaintext; ALLOW on notNamespaces lets it in', () => {
  const deny = ap(`  selector:
    matchLabels:
      app: web
  action: DENY
  rules:
    - from:
        - source:
            notPrincipals:
              - cluster.local/ns/shop/sa/frontend
`);
  // A caller without identity fails the positive match, so the negation matches and the DENY applies.
  assert.equal(only(analyzeFiles({ a: app, 'ap.yaml': deny }), 'MTLS607').length, 0);
  const allow = ap(`  selector:
    matchLabels:
      app: web
  action: ALLOW
  rules:
    - from:
        - source:
            notNamespaces:
              - sandbox
`);
  const f = only(analyzeFiles({ a: app, 'ap.yaml': allow }), 'MTLS607');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(rangeText(f[0]), '13:12-13:25');
  assert.match(f[0].message, /`notNamespaces` matches them and this ALLOW rule lets them in/);
});
