// Workload enrolment, Services, gateway credentials and cross-product references (MTLS700–MTLS899).
import type { Rule } from '../rule';
import { namespaceNotInjected } from './namespace-not-injected';
import { namespaceInjectionLabelConflict } from './namespace-injection-label-conflict';
import { podMissingProxy } from './pod-missing-proxy';
import { optedOutInMeshedNamespace } from './opted-out-in-meshed-namespace';
import { hostNetworkInMesh } from './host-network-in-mesh';
import { applicationUid1337 } from './application-uid-1337';
import { imageAutoNotInjected } from './image-auto-not-injected';
import { servicePortName } from './service-port-name';
import { externalNamePortName } from './external-name-port-name';
import { gatewaySelectorNoPods } from './gateway-selector-no-pods';
import { gatewayCredentialMissing } from './gateway-credential-missing';
import { gatewayCredentialInvalid } from './gateway-credential-invalid';
import { gatewayDuplicateCertificate } from './gateway-duplicate-certificate';
import { jwksFetchUnrestricted } from './jwks-fetch-unrestricted';
import { authzNoMatchingWorkloads } from './authz-no-matching-workloads';
import { authzSourceNamespaceNotFound } from './authz-source-namespace-not-found';
import { selectorOnK8sGateway } from './selector-on-k8s-gateway';
import { issuerRefNotFound } from './issuer-ref-not-found';
import { linkerdIssuerCertificate } from './linkerd-issuer-certificate';
import { linkerdIdentityUnknownAccount } from './linkerd-identity-unknown-account';
import { spiffeTemplateK8sPath } from './spiffe-template-k8s-path';
import { certificateSecretGatewayNamespace } from './certificate-secret-gateway-namespace';
import { unknownIstioAnnotation } from './unknown-istio-annotation';
import { deprecatedIstioAnnotation } from './deprecated-istio-annotation';
import { misplacedIstioAnnotation } from './misplaced-istio-annotation';
import { invalidIstioAnnotation } from './invalid-istio-annotation';

export const workloadRules: Rule[] = [
  namespaceNotInjected,
  namespaceInjectionLabelConflict,
  podMissingProxy,
  optedOutInMeshedNamespace,
  hostNetworkInMesh,
  applicationUid1337,
  imageAutoNotInjected,
  servicePortName,
  externalNamePortName,
  gatewaySelectorNoPods,
  gatewayCredentialMissing,
  gatewayCredentialInvalid,
  gatewayDuplicateCertificate,
  jwksFetchUnrestricted,
  authzNoMatchingWorkloads,
  authzSourceNamespaceNotFound,
  selectorOnK8sGateway,
  issuerRefNotFound,
  linkerdIssuerCertificate,
  linkerdIdentityUnknownAccount,
  spiffeTemplateK8sPath,
  certificateSecretGatewayNamespace,
  unknownIstioAnnotation,
  deprecatedIstioAnnotation,
  misplacedIstioAnnotation,
  invalidIstioAnnotation,
];
