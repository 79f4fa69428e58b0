// MTLS801: the cert-manager Certificate that produces Linkerd's identity issuer (secretName
// linkerd-identity-issuer). Linkerd's identity controller signs every proxy certificate with it, and
// `linkerd check` fails unless it is a CA with an ECDSA P-256 key; it must also expire before the trust
// anchor that signs it, or the chain breaks while the issuer still looks valid.
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import { fix, fixes, replaceValue } from '../fix';
import { asCertificate, asIssuer, CERT_MANAGER_GROUP, type CertificateView } from '../../model/certmanager';
import { decodeCertificates } from '../../x509';
import { humanDuration } from '../../model/duration';
import { displayName, relatedTo } from './shared';

export const LINKERD_ISSUER_SECRET = 'linkerd-identity-issuer';

export const linkerdIssuerCertificate: Rule = {
  meta: { id: 'MTLS801', title: 'Linkerd identity issuer Certificate requirements', defaultSeverity: 'error' },
  checkIndex(index, ctx) {
    const dn = ctx.settings.defaultNamespace;
    for (const res of index.ofKind(CERT_MANAGER_GROUP, 'Certificate')) {
      const cert = asCertificate(res, dn);
      if (!cert || cert.secretName !== LINKERD_ISSUER_SECRET) continue;
      const who = `Certificate ${displayName(res)} (Linkerd's identity issuer)`;
      if (!cert.isCA) {
        ctx.report({
          resource: res,
          path: res.has(['spec', 'isCA']) ? ['spec', 'isCA'] : ['spec', 'secretName'],
          message: `${who} is not a CA (isCA: true is missing), so Linkerd's identity controller cannot sign proxy certificates with it and no meshed pod gets an mTLS identity. Set isCA: true.`,
          fixes: res.has(['spec', 'isCA']) ? fixes(fix('Set isCA: true', [replaceValue(res, ['spec', 'isCA'], 'true')], true)) : undefined,
        });
      }
      const { algorithm, effectiveSize } = cert.privateKey;
      if (algorithm !== 'ECDSA' || effectiveSize !== 256) {
        const path = res.has(['spec', 'privateKey', 'algorithm']) ? ['spec', 'privateKey', 'algorithm'] : res.has(['spec', 'privateKey']) ? ['spec', 'privateKey'] : ['spec', 'secretName'];
        const edits = [
          res.has(['spec', 'privateKey', 'algorithm']) ? replaceValue(res, ['spec', 'privateKey', 'algorithm'], 'ECDSA') : undefined,
          res.has(['spec', 'privateKey', 'size']) ? replaceValue(res, ['spec', 'privateKey', 'size'], '256') : undefined,
        ].filter(Boolean);
        ctx.report({
          resource: res,
          path,
          message: `${who} uses a ${algorithm}${effectiveSize ? ` ${effectiveSize}` : ''} key; Linkerd requires the issuer to be ECDSA P-256 (linkerd check fails and the identity controller rejects it). Set privateKey.algorithm: ECDSA and size: 256.`,
          fixes: edits.length ? fixes(fix('Use an ECDSA P-256 key', edits, true)) : undefined,
        });
      }
      checkAgainstAnchor(res, cert, index, ctx, who);
    }
  },
};

/** The anchor: the Certificate behind the CA Issuer that signs the issuer, or the anchor PEM itself. */
function checkAgainstAnchor(res: Resource, cert: CertificateView, index: Parameters<NonNullable<Rule['checkIndex']>>[0], ctx: Parameters<NonNullable<Rule['checkIndex']>>[1], who: string): void {
  const dn = ctx.settings.defaultNamespace;
  const issuerRes = cert.issuerRef.kind === 'ClusterIssuer'
    ? index.find(CERT_MANAGER_GROUP, 'ClusterIssuer', undefined, cert.issuerRef.name ?? '')
    : index.ofKind(CERT_MANAGER_GROUP, 'Issuer').find((r) => r.name === cert.issuerRef.name && (r.namespace ?? dn) === cert.namespace);
  const issuer = issuerRes ? asIssuer(issuerRes, dn) : undefined;
  if (!issuer?.caSecretName) return;
  // ClusterIssuers read their CA Secret from cert-manager's cluster resource namespace; accept any namespace there.
  const secretNs = issuer.kind === 'Issuer' ? issuer.namespace : undefined;
  const anchorCert = index
    .ofKind(CERT_MANAGER_GROUP, 'Certificate')
    .map((r) => asCertificate(r, dn)!)
    .find((c) => c && c.secretName === issuer.caSecretName && (!secretNs || c.namespace === secretNs));
  if (anchorCert) {
    if (cert.durationMs >= anchorCert.durationMs) {
      ctx.report({
        resource: res,
        path: res.has(['spec', 'duration']) ? ['spec', 'duration'] : ['spec', 'secretName'],
        message: `${who} lives ${humanDuration(cert.durationMs)}, not less than the trust anchor Certificate ${displayName(anchorCert.resource)} (${humanDuration(anchorCert.durationMs)}). The issuer must expire before the anchor that signs it; otherwise proxies keep presenting certificates that chain to an expired anchor and mTLS between them fails. Shorten the issuer's duration.`,
        related: [relatedTo(anchorCert.resource, `trust anchor Certificate ${displayName(anchorCert.resource)}`)],
      });
    }
    return;
  }
  const anchorSecret = index.ofKind('', 'Secret').find((s) => s.name === issuer.caSecretName && (!secretNs || (s.namespace ?? dn) === secretNs));
  const pem = anchorSecret?.get(['data', 'tls.crt']) ?? anchorSecret?.get(['stringData', 'tls.crt']);
  if (typeof pem !== 'string') return;
  const anchor = decodeCertificates(pem).certs[0];
  if (!anchor) return;
  const issuerExpiry = ctx.settings.now.getTime() + cert.durationMs;
  const anchorExpiry = new Date(anchor.notAfter).getTime();
  if (issuerExpiry >= anchorExpiry) {
    ctx.report({
      resource: res,
      path: res.has(['spec', 'duration']) ? ['spec', 'duration'] : ['spec', 'secretName'],
      message: `${who} would be valid for ${humanDuration(cert.durationMs)}, past the trust anchor in Secret ${displayName(anchorSecret!)}, which expires ${anchor.notAfter}. The issuer must expire before its anchor, or proxies end up with certificates chaining to an expired root and mTLS fails. Shorten the duration or rotate the anchor first.`,
      related: [relatedTo(anchorSecret!, `trust anchor expires ${anchor.notAfter}`)],
    });
  }
}
