// Istio single-document rules: MTLS1xx PeerAuthentication / AuthorizationPolicy / RequestAuthentication,
// MTLS2xx DestinationRule / Gateway TLS.
import type { Rule } from '../rule';
import { workloadSelectorRule } from './workload-selector';
import { peerAuthModeValue } from './peerauth/mode-value';
import { portLevelStructure } from './peerauth/port-level-structure';
import { permissiveMigration } from './peerauth/permissive-migration';
import { meshWideDisable } from './peerauth/mesh-wide-disable';
import { portDisable } from './peerauth/port-disable';
import { policyTargeting } from './targeting';
import { missingRules } from './authz/missing-rules';
import { customAction } from './authz/custom-action';
import { ruleShape } from './authz/rule-shape';
import { sourceIdentities } from './authz/source-identities';
import { valueSyntax } from './authz/value-syntax';
import { whenConditions } from './authz/when-conditions';
import { denyHttpOnly } from './authz/deny-http-only';
import { spiffePrincipal } from './authz/spiffe-principal';
import { httpMethods } from './authz/http-methods';
import { jwtKeySource } from './requestauth/jwt-key-source';
import { jwtFields } from './requestauth/jwt-fields';
import { noCaDestinationLevel } from './destinationrule/no-ca-destination-level';
import { noCaPortLevel } from './destinationrule/no-ca-port-level';
import { destinationRuleHost } from './destinationrule/host';
import { trafficPolicyShape } from './destinationrule/traffic-policy-shape';
import { clientTlsMode } from './destinationrule/tls-mode';
import { tlsCredentialConflict } from './destinationrule/tls-credential-conflict';
import { mutualWithoutClientCert } from './destinationrule/tls-mutual-client-cert';
import { insecureSkipVerifyConflict } from './destinationrule/tls-insecure-skip-verify';
import { destinationRuleSubsets } from './destinationrule/subsets';
import { destinationRuleExportTo } from './destinationrule/export-to';
import { istioMutualWithCerts } from './gateway/istio-mutual-certs';
import { passthroughWithCerts } from './gateway/passthrough-certs';
import { multipleCertSources } from './gateway/multiple-cert-sources';
import { missingServerCert } from './gateway/missing-server-cert';
import { caCrlMisuse } from './gateway/ca-crl';
import { tlsVersionsCiphers } from './gateway/tls-versions-ciphers';

export const istioRules: Rule[] = [
  workloadSelectorRule,
  peerAuthModeValue,
  portLevelStructure,
  permissiveMigration,
  meshWideDisable,
  portDisable,
  policyTargeting,
  missingRules,
  customAction,
  ruleShape,
  sourceIdentities,
  valueSyntax,
  whenConditions,
  denyHttpOnly,
  spiffePrincipal,
  httpMethods,
  jwtKeySource,
  jwtFields,
  noCaDestinationLevel,
  noCaPortLevel,
  destinationRuleHost,
  trafficPolicyShape,
  clientTlsMode,
  tlsCredentialConflict,
  mutualWithoutClientCert,
  insecureSkipVerifyConflict,
  destinationRuleSubsets,
  destinationRuleExportTo,
  istioMutualWithCerts,
  passthroughWithCerts,
  multipleCertSources,
  missingServerCert,
  caCrlMisuse,
  tlsVersionsCiphers,
];
