// MTLS502: a certificate with more than one SPIFFE ID. The X.509-SVID specification allows exactly one
// URI SAN on an SVID; verifiers that extract "the" SPIFFE ID (Envoy, go-spiffe, Istio) then reject the
// certificate or pick one arbitrarily, so the workload's mTLS identity is ambiguous.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND } from '../../model/certmanager';

export const singleSpiffeUri: Rule = {
  meta: { id: 'MTLS502', title: 'More than one SPIFFE ID on a certificate', defaultSeverity: 'warning', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert || cert.spiffeIds.length < 2) return;
    let seen = 0;
    cert.uris.forEach((uri, i) => {
      if (!/^spiffe:/i.test(uri) || seen++ === 0) return;
      ctx.report({
        resource: res,
        path: ['spec', 'uris', i],
        message: `This is SPIFFE ID number ${seen} on the certificate (the first is ${cert.spiffeIds[0]}); an X.509-SVID carries exactly one, and mTLS peers reject or misread certificates with several. Issue one Certificate per identity.`,
      });
    });
  },
};
