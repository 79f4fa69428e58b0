// MTLS304: spec.issuerRef needs a name, and for cert-manager's own issuers (group empty or cert-manager.io)
// the kind must be Issuer or ClusterIssuer. External issuers (other groups) are not checked, as upstream.
import type { Rule } from '../rule';
import { CERT_MANAGER_GROUP, CERTIFICATE_KIND } from '../../model/certmanager';
import { fix, fixes, replaceValue } from '../fix';
import { REJECTED } from './common';

const KINDS = ['Issuer', 'ClusterIssuer'];

export const certificateIssuerRef: Rule = {
  meta: { id: 'MTLS304', title: 'cert-manager Certificate issuerRef', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const ref = res.get(['spec', 'issuerRef']);
    if (!ref || typeof ref !== 'object' || typeof ref.name !== 'string' || ref.name === '') {
      ctx.report({
        resource: res,
        path: ['spec', 'issuerRef', 'name'],
        message: `spec.issuerRef.name is missing; ${REJECTED}. Name the Issuer or ClusterIssuer that signs this certificate.`,
      });
    }
    if (!ref || typeof ref !== 'object') return;
    const group = typeof ref.group === 'string' ? ref.group : '';
    const kind = typeof ref.kind === 'string' ? ref.kind : '';
    if (group !== '' && group !== CERT_MANAGER_GROUP) return;
    if (kind === '' || KINDS.includes(kind)) return;
    const canonical = KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
    const forgot = group === '' && !canonical ? ' (did you forget to set spec.issuerRef.group for an external issuer?)' : '';
    ctx.report({
      resource: res,
      path: ['spec', 'issuerRef', 'kind'],
      message: `spec.issuerRef.kind "${kind}" must be Issuer or ClusterIssuer${forgot}; ${REJECTED}.`,
      fixes: canonical ? fixes(fix(`Write ${canonical}`, [replaceValue(res, ['spec', 'issuerRef', 'kind'], canonical)], true)) : undefined,
    });
  },
};
