// MTLS902: an embedded certificate whose notBefore is still in the future (a clock or issuance mistake).
import type { Rule } from '../rule';
import { describeTimeLeft } from '../../x509/expiry';
import { embeddedCertificates, pathText, whichCert } from './embedded';

export const embeddedCertificateNotYetValid: Rule = {
  meta: { id: 'MTLS902', title: 'Embedded certificate is not yet valid', defaultSeverity: 'warning' },
  checkResource(res, ctx) {
    const now = ctx.settings.now.getTime();
    for (const e of embeddedCertificates(res)) {
      e.certs.forEach((c, i) => {
        if (Date.parse(c.notBefore) <= now) return;
        ctx.report({
          resource: res,
          path: e.path,
          message:
            `In ${pathText(e.path)}, ${whichCert(c, i, e.certs.length)} is ${describeTimeLeft(c, ctx.settings.now)}. ` +
            'Until then TLS peers reject it; check the issuing clock or reissue it with a current notBefore.',
        });
      });
    }
  },
};
