import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText } from '../../helpers/analyze';
import { count, fixOnce } from './fix-helper';

const ap = (spec: string, ns = 'shop') =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: ap\n  namespace: ${ns}\nspec:\n${spec}`;

test('MTLS110: selector together with targetRef, and invalid targetRefs', () => {
  const both = ap('  selector:\n    matchLabels:\n      app: web\n  targetRef:\n    kind: Service\n    group: ""\n    name: web\n');
  const [f] = only(analyze(both), 'MTLS110');
  assert.equal(rangeText(f), '9:2-9:11');
  assert.equal(f.istio, 'IST0106');
  const cross = ap('  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: gw\n    namespace: other\n');
  assert.equal(count(cross, 'MTLS110'), 1);
  assert.equal(count(fixOnce(cross, 'MTLS110'), 'MTLS110'), 0);
  assert.equal(count(ap('  targetRefs:\n  - kind: Deployment\n    group: apps\n    name: web\n'), 'MTLS110'), 1);
  assert.equal(count(ap('  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: gw\n'), 'MTLS110'), 0);
});

test('MTLS111: DENY without rules, fixed by rules: [{}]', () => {
  const text = ap('  action: DENY\n');
  const [f] = only(analyze(text), 'MTLS111');
  assert.equal(rangeText(f), '6:10-6:14');
  const fixed = fixOnce(text, 'MTLS111');
  assert.match(fixed, /\n {2}rules: \[\{\}\]\n/);
  assert.equal(count(fixed, 'MTLS111'), 0);
  const nullRules = ap('  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n');
  assert.equal(count(nullRules, 'MTLS111'), 1);
  assert.equal(count(fixOnce(nullRules, 'MTLS111'), 'MTLS111'), 0);
  assert.equal(count(ap('  action: ALLOW\n'), 'MTLS111'), 0);
});

test('MTLS112: CUSTOM without provider, with identity attributes; provider on ALLOW', () => {
  const text = ap('  action: CUSTOM\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/a/sa/b"]\n');
  const found = only(analyze(text), 'MTLS112');
  assert.equal(found.length, 2); // no provider, principals
  assert.deepEqual(found.map(rangeText).sort(), ['10:8-10:18', '6:10-6:16']);
  const provider = ap('  action: ALLOW\n  provider:\n    name: ext\n  rules:\n  - {}\n');
  assert.equal(count(provider, 'MTLS112'), 1);
  assert.equal(count(fixOnce(provider, 'MTLS112'), 'MTLS112'), 0);
  assert.equal(count(ap('  action: CUSTOM\n  provider:\n    name: ext\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]\n'), 'MTLS112'), 0);
});

test('MTLS113: empty from, entry without source, empty operation', () => {
  const text = ap('  rules:\n  - from: []\n  - to:\n    - operation: {}\n  - from:\n    - {}\n');
  const found = only(analyze(text), 'MTLS113');
  assert.deepEqual(found.map(rangeText), ['7:4-7:8', '9:6-9:15', '11:6-11:8']);
  assert.equal(count(ap('  rules:\n  - from:\n    - source:\n        namespaces: [a]\n'), 'MTLS113'), 0);
});

test('MTLS114: serviceAccounts mixed with principals, bad formats, bad trust domains', () => {
  const text = ap('  rules:\n  - from:\n    - source:\n        serviceAccounts: ["a/b/c"]\n        namespaces: [x]\n        trustDomains: ["clu*ster"]\n');
  const found = only(analyze(text), 'MTLS114');
  assert.deepEqual(found.map(rangeText), ['9:8-9:23', '9:26-9:33', '11:23-11:33']);
  assert.equal(count(ap('  rules:\n  - from:\n    - source:\n        serviceAccounts: ["shop/web"]\n        trustDomains: ["*.local"]\n'), 'MTLS114'), 0);
});

test('MTLS115: empty values, bad CIDRs, ports and path templates', () => {
  const text = ap('  rules:\n  - from:\n    - source:\n        ipBlocks: ["10.0.0.0/33", "1.2.3.4", "::1"]\n    to:\n    - operation:\n        ports: ["http"]\n        paths: ["/a/{**}/{*}", "/api/{*}"]\n        hosts: [""]\n');
  const found = only(analyze(text), 'MTLS115');
  assert.deepEqual(found.map(rangeText), ['9:19-9:32', '12:16-12:22', '13:16-13:29', '14:16-14:18']);
  assert.equal(count(ap('  rules:\n  - from:\n    - source:\n        ipBlocks: ["10.0.0.0/8", "fe80::1/64"]\n'), 'MTLS115'), 0);
});

test('MTLS116: unknown when keys, with a did-you-mean fix and a destination.namespace fix', () => {
  const typo = ap('  rules:\n  - from:\n    - source:\n        namespaces: [a]\n    when:\n    - key: source.principals\n      values: ["cluster.local/ns/a/sa/b"]\n');
  const [f] = only(analyze(typo), 'MTLS116');
  assert.equal(rangeText(f), '11:11-11:28');
  assert.equal(count(fixOnce(typo, 'MTLS116'), 'MTLS116'), 0);
  const destNs = ap('  rules:\n  - from:\n    - source:\n        namespaces: [a]\n    when:\n    - key: destination.namespace\n      values: [shop]\n    - key: source.ip\n      values: ["10.0.0.1"]\n');
  const fixed = fixOnce(destNs, 'MTLS116');
  assert.doesNotMatch(fixed, /destination\.namespace/);
  assert.match(fixed, /source\.ip/);
  assert.equal(count(fixed, 'MTLS116'), 0);
  assert.equal(count(ap('  rules:\n  - when:\n    - key: source.ip\n      values: ["10.0.0.999"]\n'), 'MTLS116'), 1);
  assert.equal(count(ap('  rules:\n  - when:\n    - key: request.headers[x-user]\n      values: ["a"]\n'), 'MTLS116'), 0);
});

test('MTLS117: DENY with only HTTP attributes is an IST0133 warning', () => {
  const text = ap('  action: DENY\n  rules:\n  - from:\n    - source:\n        requestPrincipals: ["*"]\n');
  const [f] = only(analyze(text), 'MTLS117');
  assert.equal(f.istio, 'IST0133');
  assert.equal(f.severity, 'warning');
  assert.equal(rangeText(f), '8:4-8:8');
  assert.equal(count(ap('  action: DENY\n  rules:\n  - to:\n    - operation:\n        ports: ["8080"]\n        paths: ["/admin"]\n'), 'MTLS117'), 0);
  assert.equal(count(ap('  action: ALLOW\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]\n'), 'MTLS117'), 0);
});

test('MTLS118: spiffe:// in principals and source.principal values, fixed by stripping it', () => {
  const text = ap('  rules:\n  - from:\n    - source:\n        principals: ["spiffe://cluster.local/ns/a/sa/b"]\n    when:\n    - key: source.principal\n      notValues: ["spiffe://cluster.local/ns/x/sa/y"]\n');
  const found = only(analyze(text), 'MTLS118');
  assert.deepEqual(found.map(rangeText), ['9:21-9:55', '12:18-12:52']);
  let fixed = fixOnce(text, 'MTLS118');
  fixed = fixOnce(fixed, 'MTLS118');
  assert.equal(count(fixed, 'MTLS118'), 0);
  assert.match(fixed, /principals: \["cluster\.local\/ns\/a\/sa\/b"\]/); // quotes kept
  assert.equal(count(ap('  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/a/sa/b"]\n'), 'MTLS118'), 0);
});

test('MTLS119: lower-case and non-standard methods (KIA0102)', () => {
  const text = ap('  rules:\n  - to:\n    - operation:\n        methods: ["get", "FETCH", "GE*", "*"]\n');
  const found = only(analyze(text), 'MTLS119');
  assert.deepEqual(found.map(rangeText), ['9:18-9:23', '9:25-9:32']);
  assert.equal(found[0].kiali, 'KIA0102');
  const fixed = fixOnce(text, 'MTLS119');
  assert.match(fixed, /methods: \["GET", "FETCH"/); // quotes kept
  assert.equal(count(fixed, 'MTLS119'), 1); // FETCH stays: there is no mechanical fix for it
});
