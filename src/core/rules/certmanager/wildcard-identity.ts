// MTLS312 (field practice): wildcard DNS names on a certificate that is a service identity (SPIFFE ID or
// client auth). One certificate per service keeps identities apart; a wildcard lets the same key pair
// answer for every service under the domain, so compromising one workload impersonates them all.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, isWorkloadCertificate } from '../../model/certmanager';
import { describe } from './common';

export const wildcardIdentity: Rule = {
  meta: { id: 'MTLS312', title: 'Wildcard DNS name on a service identity certificate', defaultSeverity: 'warning', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert || !isWorkloadCertificate(cert)) return;
    cert.dnsNames.forEach((name, i) => {
      if (!name.includes('*')) return;
      ctx.report({
        resource: res,
        path: ['spec', 'dnsNames', i],
        message: `${describe(res)} is a service identity (it ${cert.spiffeIds.length ? 'carries a SPIFFE ID' : "has the 'client auth' usage"}) but lists the wildcard name ${name}: the one key pair can then pose as every service under that domain. Issue one certificate per service with its exact names.`,
      });
    });
  },
};
