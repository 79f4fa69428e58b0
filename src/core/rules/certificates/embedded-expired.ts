// MTLS901: a certificate written into a manifest (Secret, ConfigMap, caBundle…) has expired. A peer that
// presents it, or trusts only it, fails every mTLS handshake.
import type { Rule } from '../rule';
import { describeTimeLeft } from '../../x509/expiry';
import { embeddedCertificates, pathText, whichCert } from './embedded';

export const embeddedCertificateExpired: Rule = {
  meta: { id: 'MTLS901', title: 'Embedded certificate has expired', defaultSeverity: 'error' },
  checkResource(res, ctx) {
    const now = ctx.settings.now.getTime();
    for (const e of embeddedCertificates(res)) {
      e.certs.forEach((c, i) => {
        if (Date.parse(c.notAfter) >= now) return;
        ctx.report({
          resource: res,
          path: e.path,
          message:
            `In ${pathText(e.path)}, ${whichCert(c, i, e.certs.length)} ${describeTimeLeft(c, ctx.settings.now)} (notAfter ${c.notAfter}). ` +
            `${c.isCA ? 'Peers that trust only this CA reject every certificate it signed' : 'TLS peers reject it'}, so mTLS handshakes fail. Replace it with a renewed certificate.`,
        });
      });
    }
  },
};
