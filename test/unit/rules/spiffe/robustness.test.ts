// Odd shapes (wrong types, nulls, scalars where maps belong) never make these rules throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../helpers/analyze';
import { certManagerRules } from '../../../../src/core/rules/certmanager/index';
import { linkerdRules } from '../../../../src/core/rules/linkerd/index';
import { spiffeRules } from '../../../../src/core/rules/spiffe/index';

const rules = [...certManagerRules, ...linkerdRules, ...spiffeRules];
const kinds = [
  ['cert-manager.io/v1', 'Certificate'], ['cert-manager.io/v1', 'Issuer'], ['cert-manager.io/v1', 'ClusterIssuer'],
  ['policy.linkerd.io/v1alpha1', 'AuthorizationPolicy'], ['policy.linkerd.io/v1alpha1', 'MeshTLSAuthentication'],
  ['policy.linkerd.io/v1beta3', 'Server'], ['policy.linkerd.io/v1alpha1', 'NetworkAuthentication'],
  ['policy.linkerd.io/v1beta1', 'ServerAuthorization'], ['spire.spiffe.io/v1alpha1', 'ClusterSPIFFEID'],
  ['security.istio.io/v1', 'AuthorizationPolicy'], ['v1', 'Service'], ['v1', 'Pod'], ['apps/v1', 'Deployment'],
];
const specs = [
  'spec: 5', 'spec: null', 'spec: [1, 2]', 'spec: "text"',
  'spec:\n  duration: [1]\n  renewBefore: {a: 1}\n  uris: "x"\n  usages: 7\n  privateKey: 3\n  issuerRef: [x]\n  dnsNames: {a: b}',
  'spec:\n  ca: 1\n  acme: [1]\n  vault: "x"\n  venafi: null',
  'spec:\n  targetRef: 1\n  requiredAuthenticationRefs: [null, 1, {kind: 3}]\n  identities: [null, 1, {a: b}]\n  identityRefs: [null, 3]',
  'spec:\n  networks: [null, 1, {cidr: 5, except: 3}, {cidr: "10.0.0.0/8", except: [null, 7]}]\n  server: 1\n  client: {meshTLS: 1, networks: "x"}',
  'spec:\n  spiffeIDTemplate: 12\n  federatesWith: [null, 1]\n  podSelector: {matchLabels: 1, matchExpressions: [null, 1]}\n  dnsNameTemplates: [null]\n  workloadSelectorTemplates: 3',
  'spec:\n  rules: [null, 1, {from: [null, {source: 1}], when: [null, {key: source.principal, values: [1, null, "a//b"]}]}]',
  'metadata:\n  labels: [1]\n  annotations: 5\nspec:\n  template: 1',
];

test('no rule throws on odd shapes', () => {
  let n = 0;
  for (const [apiVersion, kind] of kinds) {
    for (const spec of specs) {
      const text = `apiVersion: ${apiVersion}\nkind: ${kind}\n${spec.startsWith('metadata') ? '' : 'metadata:\n  name: x\n'}${spec}\n`;
      assert.doesNotThrow(() => analyze(text, { rules }), `${kind}: ${spec}`);
      n++;
    }
  }
  assert.equal(n, kinds.length * specs.length);
});
