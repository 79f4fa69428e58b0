// MTLS800: a cert-manager Certificate whose issuerRef names an Issuer (in its own namespace) or a
// ClusterIssuer that is not among the analysed resources. cert-manager never issues it, so the Secret a
// gateway or mesh component waits for never appears. Only checked when the workspace defines issuers at
// all (otherwise they live elsewhere); suggests the closest existing one.
import type { Rule } from '../rule';
import { fix, fixes, replaceValue } from '../fix';
import { closest } from '../../mesh/suggest';
import { asCertificate, asIssuer, CERT_MANAGER_GROUP } from '../../model/certmanager';
import { displayName, relatedTo } from './shared';

export const issuerRefNotFound: Rule = {
  meta: { id: 'MTLS800', title: 'cert-manager issuerRef names an issuer that does not exist', defaultSeverity: 'warning' },
  checkIndex(index, ctx) {
    const dn = ctx.settings.defaultNamespace;
    const issuers = index.ofKind(CERT_MANAGER_GROUP, 'Issuer').map((r) => asIssuer(r, dn)!).filter(Boolean);
    const clusterIssuers = index.ofKind(CERT_MANAGER_GROUP, 'ClusterIssuer').map((r) => asIssuer(r, dn)!).filter(Boolean);
    if (!issuers.length && !clusterIssuers.length) return;
    for (const res of index.ofKind(CERT_MANAGER_GROUP, 'Certificate')) {
      const cert = asCertificate(res, dn);
      if (!cert?.issuerRef.name || cert.issuerRef.group !== CERT_MANAGER_GROUP) continue;
      const { name, kind } = cert.issuerRef;
      if (kind !== 'Issuer' && kind !== 'ClusterIssuer') continue; // MTLS304 reports a bad kind
      const candidates = kind === 'Issuer' ? issuers.filter((i) => i.namespace === cert.namespace) : clusterIssuers;
      if (candidates.some((i) => i.name === name)) continue;
      const otherKind = (kind === 'Issuer' ? clusterIssuers : issuers.filter((i) => i.namespace === cert.namespace)).find((i) => i.name === name);
      const elsewhere = kind === 'Issuer' ? issuers.find((i) => i.name === name) : undefined;
      const suggestion = closest(name, candidates.map((i) => i.name));
      const where = kind === 'Issuer' ? `Issuer in namespace ${cert.namespace}` : 'ClusterIssuer';
      let message = `Certificate ${displayName(res)} is signed by ${where} "${name}", which is not among the analysed resources, so cert-manager will not issue it and Secret ${cert.secretName ?? '(none)'} never appears; whatever serves TLS or mTLS from it has no certificate.`;
      const fixList = [];
      const kindPath = ['spec', 'issuerRef', 'kind'];
      if (otherKind) {
        message += ` A ${otherKind.kind} of that name exists: set issuerRef.kind to ${otherKind.kind}.`;
        const edit = res.has(kindPath) ? replaceValue(res, kindPath, otherKind.kind) : undefined;
        fixList.push(fix(`Set issuerRef.kind to ${otherKind.kind}`, [edit], true));
      } else if (elsewhere) {
        message += ` An Issuer "${name}" exists in namespace ${elsewhere.namespace}, but an Issuer only signs Certificates of its own namespace; use a ClusterIssuer or move the Certificate.`;
      } else if (suggestion) {
        message += ` Did you mean "${suggestion}"?`;
        fixList.push(fix(`Use ${kind} ${suggestion}`, [replaceValue(res, ['spec', 'issuerRef', 'name'], suggestion)], true));
      }
      const relatedIssuer = otherKind ?? elsewhere ?? candidates.find((i) => i.name === suggestion);
      ctx.report({
        resource: res,
        path: ['spec', 'issuerRef', 'name'],
        message,
        related: relatedIssuer ? [relatedTo(relatedIssuer.resource, `${relatedIssuer.kind} ${relatedIssuer.name}`)] : undefined,
        fixes: fixes(...fixList),
      });
    }
  },
};
