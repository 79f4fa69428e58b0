import type { Rule } from '../rule';
import { certificateLifetime } from './certificate-lifetime';
import { certificatePrivateKey } from './private-key';
import { certificateUsages } from './usages';
import { certificateSubject } from './subject';
import { certificateIssuerRef } from './issuer-ref';
import { certificateSecretName } from './secret-name';
import { issuerConfig } from './issuer-config';
import { workloadCertificateLifetime } from './workload-lifetime';
import { renewWindow } from './renew-window';
import { wildcardIdentity } from './wildcard-identity';
import { identityUsages } from './identity-usages';

export const certManagerRules: Rule[] = [
  certificateLifetime,
  certificatePrivateKey,
  certificateUsages,
  certificateSubject,
  certificateIssuerRef,
  certificateSecretName,
  issuerConfig,
  workloadCertificateLifetime,
  renewWindow,
  wildcardIdentity,
  identityUsages,
];
