// Policy lens texts: PeerAuthentication reach and overrides, AuthorizationPolicy identities and what
// plaintext does to DENY rules, DestinationRule reach and conflicts, Certificates, Linkerd and SPIRE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statusLenses } from '../../../src/core/status/lens';
import { clusterInputs, resourceIn, workspaceInputs } from './helpers';
import { deployment, docs, namespace, peerAuth, pod } from './seeds';

const title = (inputs: Parameters<typeof statusLenses>[0], file: string, kind: string, name: string, opts = {}) =>
  statusLenses(inputs, resourceIn(inputs.index, file, kind, name), opts).map((l) => l.title).join(' | ');

const mesh = docs(
  namespace('istio-system'),
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuth('istio-system', 'default', 'STRICT'),
  peerAuth('shop', 'legacy', 'PERMISSIVE', { selector: { app: 'legacy' } }),
  deployment('shop', 'web'),
  deployment('shop', 'api'),
  deployment('shop', 'legacy'),
  deployment('shop', 'batch', { labels: { app: 'batch', 'sidecar.istio.io/inject': 'false' } }),
);

function authz(action: string, source: string): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  action: ${action}
  rules:
  - from:
    - source: ${source}
`;
}

test('PeerAuthentication: how many workloads it reaches, how many override it, and where it is not enforced', () => {
  const inputs = workspaceInputs({ 'm.yaml': mesh });
  assert.equal(title(inputs, 'm.yaml', 'PeerAuthentication', 'default'), 'STRICT · applies to 4 workloads (1 override it) · 1 without a proxy: not enforced · workspace only');
  assert.equal(title(inputs, 'm.yaml', 'PeerAuthentication', 'legacy'), 'PERMISSIVE · applies to 1 workload · workspace only');
});

test('AuthorizationPolicy ALLOW: counts the known identities its principals match', () => {
  const inputs = workspaceInputs({ 'm.yaml': mesh, 'p.yaml': authz('ALLOW', '{ principals: ["cluster.local/ns/shop/sa/web", "cluster.local/ns/shop/sa/legacy"] }') });
  assert.equal(title(inputs, 'p.yaml', 'AuthorizationPolicy', 'p'), 'ALLOW · applies to 1 workload · allows 2 identities · workspace only');
});

test('AuthorizationPolicy DENY with positive principals: plaintext slips past only where the target accepts plaintext', () => {
  const strict = workspaceInputs({ 'm.yaml': mesh, 'p.yaml': authz('DENY', '{ principals: ["cluster.local/ns/shop/sa/web"] }') });
  assert.equal(title(strict, 'p.yaml', 'AuthorizationPolicy', 'p'), 'DENY · applies to 1 workload · blocks 1 identity · plaintext would slip past, but every target is STRICT · workspace only');
  const permissive = workspaceInputs({ 'm.yaml': mesh, 'p.yaml': authz('DENY', '{ principals: ["cluster.local/ns/shop/sa/web"] }'), 'pa.yaml': peerAuth('shop', 'api', 'PERMISSIVE', { selector: { app: 'api' } }) });
  assert.equal(title(permissive, 'p.yaml', 'AuthorizationPolicy', 'p'), 'DENY · applies to 1 workload · blocks 1 identity · plaintext slips past on 1 workload that accepts it · workspace only');
});

test('AuthorizationPolicy DENY with notPrincipals: plaintext is denied too, because a missing identity fails the positive match', () => {
  const inputs = workspaceInputs({ 'm.yaml': mesh, 'p.yaml': authz('DENY', '{ notPrincipals: ["cluster.local/ns/shop/sa/web"] }') });
  assert.equal(title(inputs, 'p.yaml', 'AuthorizationPolicy', 'p'), 'DENY · applies to 1 workload · blocks 3 identities · blocks plaintext too (a missing identity fails the positive match) · workspace only');
});

test('DestinationRule: client namespaces that pick it, and a conflict with a STRICT server', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api-plain, namespace: shop }
spec:
  host: api.shop.svc.cluster.local
  trafficPolicy: { tls: { mode: DISABLE } }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ port: 80, targetPort: 8080 }]
`;
  const inputs = workspaceInputs({ 'm.yaml': mesh, 'dr.yaml': dr });
  assert.equal(title(inputs, 'dr.yaml', 'DestinationRule', 'api-plain'), 'clients in 2 namespaces use DISABLE · conflicts with STRICT api · workspace only');
  assert.equal(title(inputs, 'dr.yaml', 'Service', 'api'), 'STRICT · backs 1 workload · workspace only');
});

test('Certificate: status from the cluster copy when connected, else lifetime and renewal from the spec', () => {
  const cert = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web, namespace: shop }
spec:
  secretName: web-tls
  duration: 2160h
  renewBefore: 360h
  issuerRef: { name: ca, kind: ClusterIssuer }
`;
  const ws = workspaceInputs({ 'c.yaml': cert });
  assert.equal(title(ws, 'c.yaml', 'Certificate', 'web'), 'not issued (no status) · lasts 90d · renews 15d before expiry · workspace only');
  const live = cert + `status:
  conditions: [{ type: Ready, status: "True", reason: Ready }]
  notAfter: "2027-01-01T00:00:00Z"
  renewalTime: "2026-12-17T00:00:00Z"
`;
  const { inputs, combined } = clusterInputs(live, { 'ws/c.yaml': cert });
  assert.equal(title(inputs, 'ws/c.yaml', 'Certificate', 'web', { liveCopyOf: (r: any) => combined.liveCopyOf(r) }), 'Ready · expires in 40d · renews in 25d · cluster demo');
});

test('Linkerd Server and AuthorizationPolicy: selected workloads and admitted identities; a Server without authorization denies', () => {
  const linkerd = `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: voting-grpc, namespace: emojivoto }
spec: { podSelector: { matchLabels: { app: voting } }, port: 8080 }
---
apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: { name: web-identity, namespace: emojivoto }
spec: { identities: ["web.emojivoto.serviceaccount.identity.linkerd.cluster.local"] }
`;
  const ap = `---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: { name: voting-from-web, namespace: emojivoto }
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: voting-grpc }
  requiredAuthenticationRefs: [{ group: policy.linkerd.io, kind: MeshTLSAuthentication, name: web-identity }]
`;
  const base = { 'w.yaml': docs(namespace('emojivoto', {}, { 'linkerd.io/inject': 'enabled' }), deployment('emojivoto', 'voting')) };
  const denied = workspaceInputs({ ...base, 'l.yaml': linkerd });
  assert.equal(title(denied, 'l.yaml', 'Server', 'voting-grpc'), 'port 8080 of 1 workload · no authorization: accessPolicy deny refuses every client · workspace only');
  const allowed = workspaceInputs({ ...base, 'l.yaml': linkerd + ap });
  assert.equal(title(allowed, 'l.yaml', 'Server', 'voting-grpc'), 'port 8080 of 1 workload · admits 1 identity (web.emojivoto.serviceaccount.identity.linkerd.cluster.local) · workspace only');
  assert.equal(title(allowed, 'l.yaml', 'AuthorizationPolicy', 'voting-from-web'), 'Server voting-grpc · 1 workload · admits 1 identity (web.emojivoto.serviceaccount.identity.linkerd.cluster.local) · workspace only');
  assert.equal(title(allowed, 'w.yaml', 'Deployment', 'voting'), 'PERMISSIVE · Linkerd proxy predicted · default policy all-unauthenticated · workspace only | port 8080: STRICT');
});

test('ClusterSPIFFEID: selected workloads and the SPIFFE IDs the template renders for them', () => {
  const csid = `apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterSPIFFEID
metadata: { name: shop }
spec:
  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"
  podSelector: { matchLabels: { app: web } }
  namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } }
`;
  const inputs = workspaceInputs({ 'm.yaml': mesh, 's.yaml': csid });
  assert.equal(title(inputs, 's.yaml', 'ClusterSPIFFEID', 'shop'), 'selects 1 workload in 1 namespace · spiffe://cluster.local/ns/shop/sa/web · workspace only');
});

test('live pods of a controller the workspace does not have still count for a PeerAuthentication', () => {
  const { inputs } = clusterInputs(docs(namespace('shop', { 'istio-injection': 'enabled' }), pod('shop', 'cart', 'a'), pod('shop', 'cart', 'b')), {
    'ws/pa.yaml': peerAuth('shop', 'default', 'STRICT'),
  });
  assert.equal(title(inputs, 'ws/pa.yaml', 'PeerAuthentication', 'default'), 'STRICT · applies to 1 workload · after apply: 1 workload changes mode · cluster demo');
});

test('a lens names the cluster fault when the cluster was asked for but could not be read', async () => {
  const { sourcePhrase, clusterFaultPhrase } = await import('../../../src/core/status/phrases');
  const kinds = ['config', 'untrusted', 'unauthorized', 'forbidden', 'not-found', 'expired', 'server', 'unreachable', 'timeout', 'cancelled', 'exec'];
  const phrases = kinds.map((k) => clusterFaultPhrase(k, 'prod'));
  assert.equal(new Set(phrases).size, kinds.length, 'every fault has its own words');
  assert.equal(sourcePhrase({ clusterProblem: clusterFaultPhrase('unauthorized', 'prod') }), 'workspace only (cluster prod: rejected the credentials (401))');
  assert.equal(sourcePhrase({}), 'workspace only');
  assert.equal(sourcePhrase({ context: 'prod', clusterProblem: 'ignored when connected' }), 'cluster prod');
});
