// MTLS903: an embedded certificate expires within 30 days. Certificates in manifests are not rotated by
// anyone, so the warning comes while there is still time to replace them.
import type { Rule } from '../rule';
import { daysLeft, describeTimeLeft } from '../../x509/expiry';
import { embeddedCertificates, pathText, whichCert } from './embedded';

const SOON_DAYS = 30;

export const embeddedCertificateExpiringSoon: Rule = {
  meta: { id: 'MTLS903', title: 'Embedded certificate expires within 30 days', defaultSeverity: 'warning' },
  checkResource(res, ctx) {
    for (const e of embeddedCertificates(res)) {
      e.certs.forEach((c, i) => {
        const left = daysLeft(c, ctx.settings.now);
        if (left < 0 || left >= SOON_DAYS || Date.parse(c.notBefore) > ctx.settings.now.getTime()) return;
        ctx.report({
          resource: res,
          path: e.path,
          severity: c.isCA ? 'warning' : 'info',
          message:
            `In ${pathText(e.path)}, ${whichCert(c, i, e.certs.length)} ${describeTimeLeft(c, ctx.settings.now)} (notAfter ${c.notAfter}). ` +
            'Renew it before then, or mTLS handshakes that use it will fail.',
        });
      });
    }
  },
};
