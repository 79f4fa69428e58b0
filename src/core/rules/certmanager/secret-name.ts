// MTLS305: spec.secretName is required and must be a valid Secret name (DNS-1123 subdomain). It is where
// the workload or gateway reads the certificate from.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND } from '../../model/certmanager';
import { fix, fixes, replaceValue } from '../fix';
import { dns1123SubdomainProblem, REJECTED } from './common';

export const certificateSecretName: Rule = {
  meta: { id: 'MTLS305', title: 'cert-manager Certificate secretName', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert) return;
    if (!cert.secretName) {
      ctx.report({
        resource: res,
        path: ['spec', 'secretName'],
        message: `spec.secretName is missing; ${REJECTED}. Name the Secret the mTLS key pair should be stored in (the one your proxy, gateway or issuer reads).`,
      });
      return;
    }
    const problem = dns1123SubdomainProblem(cert.secretName);
    if (!problem) return;
    const repaired = cert.secretName.toLowerCase().replace(/_/g, '-');
    ctx.report({
      resource: res,
      path: ['spec', 'secretName'],
      message: `spec.secretName "${cert.secretName}" is not a valid Secret name (${problem}; lower-case letters, digits, '-' and '.' only); ${REJECTED}.`,
      fixes: !dns1123SubdomainProblem(repaired) ? fixes(fix(`Rename to ${repaired}`, [replaceValue(res, ['spec', 'secretName'], repaired)], true)) : undefined,
    });
  },
};
