import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';
import { spiffeRules } from '../../../../src/core/rules/spiffe/index';

const run = (text: string) => analyze(text, { rules: spiffeRules });

const cert = (uris: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
spec:
  secretName: web-tls
  issuerRef: {name: ca}
  uris:
${uris}`;

test('MTLS500: valid and non-SPIFFE URIs pass', () => {
  assert.deepEqual(only(run(cert('    - spiffe://cluster.local/ns/shop/sa/web\n    - https://example.com/a//b\n')), 'MTLS500'), []);
});

test('MTLS500: the bad part of a SPIFFE URI is underlined, with a repair', () => {
  const text = cert('    - "spiffe://Cluster.local/ns/shop/sa/web"\n    - spiffe://cluster.local/ns/../sa/web\n');
  const f = only(run(text), 'MTLS500');
  assert.deepEqual(f.map(rangeText), ['8:16-8:17', '9:32-9:34']);
  assert.match(f[0].message, /upper-case letter 'C'/);
  assert.match(f[1].message, /'\.\.' segment/);
  assert.equal(f[1].fixes, undefined);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /- "spiffe:\/\/cluster.local\/ns\/shop\/sa\/web"\n/); // quotes kept
  assert.equal(only(run(fixed), 'MTLS500').length, 1);
});

test('MTLS502: more than one SPIFFE ID on a certificate', () => {
  const f = only(run(cert('    - spiffe://td/a\n    - https://x\n    - spiffe://td/b\n')), 'MTLS502');
  assert.equal(f.length, 1);
  assert.equal(rangeText(f[0]), '10:6-10:19');
  assert.deepEqual(only(run(cert('    - spiffe://td/a\n    - https://x\n')), 'MTLS502'), []);
});

const ap = (rules: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
  namespace: shop
spec:
  rules:
${rules}`;

test('MTLS501: valid principals, wildcards and spiffe:// values are not reported', () => {
  const text = ap(`    - from:
        - source:
            principals: ["cluster.local/ns/shop/sa/web", "*", "cluster.local/ns/shop/*", "*/sa/web", "spiffe://bad//x"]
      when:
        - key: source.principal
          values: ["cluster.local/ns/a/sa/b"]
`);
  assert.deepEqual(only(run(text), 'MTLS501'), []);
});

test('MTLS501: bad principals in principals, notPrincipals and when values', () => {
  const text = ap(`    - from:
        - source:
            principals:
              - cluster.local/ns//sa/web
            notPrincipals:
              - cluster.local/ns/a*b/sa/c
      when:
        - key: source.principal
          notValues: ["cluster.local/ns/shop/sa/web/"]
        - key: source.namespace
          values: ["not//a principal"]
`);
  const f = only(run(text), 'MTLS501');
  assert.deepEqual(f.map(rangeText), ['10:32-10:34', '12:34-12:35', '15:51-15:52']);
  assert.match(f[0].message, /empty segment/);
  assert.match(f[1].message, /only a wildcard at the very start or end/);
  assert.match(f[2].message, /source.principal condition's notValues/);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.match(fixed, /- cluster.local\/ns\/sa\/web\n/);
  assert.equal(only(run(fixed), 'MTLS501').length, 2);
});

const cs = (spec: string) => `apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterSPIFFEID
metadata:
  name: default
spec:
${spec}`;

test('MTLS510: the usual template passes', () => {
  const text = cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"\n');
  assert.deepEqual(only(run(text), 'MTLS510'), []);
  assert.deepEqual(only(run(cs('  spiffeIDTemplate: \'{{ printf "spiffe://%s/x" .TrustDomain }}\'\n')), 'MTLS510'), []);
});

test('MTLS510: empty, syntax error and invalid rendered IDs', () => {
  assert.match(only(run(cs('  spiffeIDTemplate: ""\n')), 'MTLS510')[0].message, /empty/);
  assert.match(only(run(cs('  podSelector: {}\n')), 'MTLS510')[0].message, /empty/);
  const syntax = only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }/ns"\n')), 'MTLS510');
  assert.equal(rangeText(syntax[0]), '5:30-5:32');
  assert.match(syntax[0].message, /unclosed action/);
  const unknownFn = only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ lower .PodMeta.Namespace }}"\n')), 'MTLS510');
  assert.match(unknownFn[0].message, /function "lower" not defined/);
  const slash = only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}//sa"\n')), 'MTLS510');
  assert.equal(rangeText(slash[0]), '5:76-5:78');
  assert.match(slash[0].message, /renders an invalid SPIFFE ID: the path has an empty segment/);
  const literal = only(run(cs('  spiffeIDTemplate: spiffe://example.org/ns/a/sa/b/\n')), 'MTLS510');
  assert.match(literal[0].message, /is an invalid SPIFFE ID: the path must not end/);
  assert.equal(rangeText(literal[0]), '5:50-5:51');
  const scheme = only(run(cs('  spiffeIDTemplate: "https://{{ .TrustDomain }}/x"\n')), 'MTLS510');
  assert.equal(rangeText(scheme[0]), '5:21-5:26');
});

test('MTLS511: federatesWith trust domains', () => {
  assert.deepEqual(only(run(cs('  spiffeIDTemplate: spiffe://td/x\n  federatesWith: [example.org, "spiffe://other.org"]\n')), 'MTLS511'), []);
  const text = cs('  spiffeIDTemplate: spiffe://td/x\n  federatesWith:\n    - Example.org\n    - "example.org:443"\n');
  const f = only(run(text), 'MTLS511');
  assert.deepEqual(f.map(rangeText), ['7:6-7:7', '8:18-8:22']);
  const fixed = applyFix(text, f[0].fixes![0]);
  assert.equal(only(run(fixed), 'MTLS511').length, 1);
});

test('MTLS512: selectors', () => {
  const ok = cs('  spiffeIDTemplate: spiffe://td/x\n  podSelector:\n    matchLabels: {app: web}\n    matchExpressions: [{key: tier, operator: In, values: [a]}]\n');
  assert.deepEqual(only(run(ok), 'MTLS512'), []);
  const bad = cs('  spiffeIDTemplate: spiffe://td/x\n  namespaceSelector:\n    matchLabels: {"bad key!": x, app: "no spaces"}\n    matchExpressions:\n      - {key: a, operator: Equals, values: [x]}\n      - {key: b, operator: In}\n      - {key: c, operator: Exists, values: [x]}\n');
  const f = only(run(bad), 'MTLS512');
  assert.deepEqual(f.map((x) => x.message.slice(0, 40)), [
    'namespaceSelector.matchLabels key "bad k',
    'namespaceSelector.matchLabels value "no ',
    'namespaceSelector.matchExpressions[0].op',
    'namespaceSelector.matchExpressions[1] us',
    'namespaceSelector.matchExpressions[2] us',
  ]);
});

test('MTLS513: DNS name and workload selector templates', () => {
  const ok = cs('  spiffeIDTemplate: spiffe://td/x\n  dnsNameTemplates: ["{{ .PodMeta.Name }}.svc"]\n  workloadSelectorTemplates: ["k8s:ns:spire", "k8s:sa:{{ .PodSpec.ServiceAccountName }}"]\n');
  assert.deepEqual(only(run(ok), 'MTLS513'), []);
  const bad = cs('  spiffeIDTemplate: spiffe://td/x\n  dnsNameTemplates: ["{{ .PodMeta.Name }.svc"]\n  workloadSelectorTemplates: ["k8s"]\n');
  const f = only(run(bad), 'MTLS513');
  assert.deepEqual(f.map(rangeText), ['6:22-6:24', '7:30-7:35']);
});

test('MTLS514: templates that do not render /ns/<namespace>/sa/<serviceaccount>', () => {
  const conventional = cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"\n');
  assert.deepEqual(only(run(conventional), 'MTLS514'), []);
  assert.deepEqual(only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/spire/sa/agent"\n')), 'MTLS514'), []);
  const byPod = only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/pod/{{ .PodMeta.Name }}"\n')), 'MTLS514');
  assert.equal(byPod.length, 1);
  assert.equal(byPod[0].severity, 'info');
  assert.equal(rangeText(byPod[0]), '5:20-5:73');
  assert.match(byPod[0].message, /renders spiffe:\/\/…\/pod\/…, not the/);
  const swapped = only(run(cs('  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Name }}/sa/{{ .PodSpec.ServiceAccountName }}"\n')), 'MTLS514');
  assert.match(swapped[0].message, /puts \{\{ \.PodMeta\.Name \}\} where the pod's namespace/);
});
