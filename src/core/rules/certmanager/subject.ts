// MTLS303: the names on a Certificate, as cert-manager's webhook checks them: at least one of commonName,
// dnsNames, uris, emailAddresses, ipAddresses or otherNames; commonName at most 64 characters;
// parseable IP addresses; bare e-mail addresses; literalSubject not combined with commonName.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND } from '../../model/certmanager';
import { isBareEmail, isIPAddress, REJECTED } from './common';

const MAX_COMMON_NAME = 64;

export const certificateSubject: Rule = {
  meta: { id: 'MTLS303', title: 'cert-manager Certificate names (commonName and SANs)', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert) return;
    const literal = typeof res.get(['spec', 'literalSubject']) === 'string' ? String(res.get(['spec', 'literalSubject'])) : '';
    const literalCN = /(?:^|,)\s*CN=((?:\\,|[^,])*)/.exec(literal)?.[1];
    const otherNames = Array.isArray(res.get(['spec', 'otherNames'])) ? res.get(['spec', 'otherNames']).length : 0;
    const hasAnyName = !!cert.commonName || !!literalCN || cert.dnsNames.length + cert.uris.length + cert.emailAddresses.length + cert.ipAddresses.length + otherNames > 0;
    if (!hasAnyName) {
      ctx.report({
        resource: res,
        path: res.has(['spec']) ? ['spec'] : undefined,
        key: true,
        message: `The Certificate names nobody: set at least one of commonName, dnsNames, uris, emailAddresses, ipAddresses or otherNames; ${REJECTED}. For a mesh workload, put its SPIFFE ID in uris (spiffe://<trust-domain>/ns/<namespace>/sa/<serviceaccount>).`,
      });
    }

    const cn = cert.commonName ?? literalCN;
    if (cn !== undefined && cn.length > MAX_COMMON_NAME) {
      ctx.report({
        resource: res,
        path: cert.commonName !== undefined ? ['spec', 'commonName'] : ['spec', 'literalSubject'],
        message: `The common name is ${cn.length} characters long, more than the ${MAX_COMMON_NAME} X.509 allows; ${REJECTED}. Keep it short and put the full names in dnsNames/uris (peers verify SANs, not the CN).`,
      });
    }

    if (literal && cert.commonName !== undefined) {
      ctx.report({
        resource: res,
        path: ['spec', 'commonName'],
        key: true,
        message: `spec.commonName cannot be combined with spec.literalSubject; ${REJECTED}. Put CN=… into literalSubject instead.`,
      });
    }

    cert.ipAddresses.forEach((ip, i) => {
      if (isIPAddress(ip)) return;
      ctx.report({
        resource: res,
        path: ['spec', 'ipAddresses', i],
        message: `spec.ipAddresses[${i}] "${ip}" is not an IP address; ${REJECTED}.${/[/%]/.test(ip) ? ' CIDR ranges and zone suffixes are not allowed.' : ''}`,
      });
    });

    cert.emailAddresses.forEach((mail, i) => {
      if (isBareEmail(mail)) return;
      ctx.report({
        resource: res,
        path: ['spec', 'emailAddresses', i],
        message: `spec.emailAddresses[${i}] "${mail}" is not a bare e-mail address (no display name or <…>); ${REJECTED}.`,
      });
    });
  },
};
