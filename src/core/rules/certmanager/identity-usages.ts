// MTLS313 (field practice): a certificate carrying a SPIFFE ID is used on both ends of mTLS, as a server
// (accepting connections) and as a client (making them), so it needs both the 'server auth' and
// 'client auth' extended key usages. cert-manager's default usages (digital signature, key encipherment)
// include neither, and TLS stacks that enforce EKUs (Envoy, Go, rustls) reject the handshake.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, DEFAULT_USAGES } from '../../model/certmanager';
import { appendToSequence, fix, fixes, insertKeyAfter, lastKeyPath } from '../fix';
import { describe } from './common';

const NEEDED = ['server auth', 'client auth'];

export const identityUsages: Rule = {
  meta: { id: 'MTLS313', title: 'SPIFFE certificate without server auth and client auth usages', defaultSeverity: 'warning', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert || cert.isCA || cert.spiffeIds.length === 0) return;
    const missing = NEEDED.filter((u) => !cert.effectiveUsages.includes(u));
    if (missing.length === 0) return;
    const written = cert.usages !== undefined && res.has(['spec', 'usages']);
    // An empty list means cert-manager's defaults, so spell those out along with the missing usages.
    const all = [...DEFAULT_USAGES, ...NEEDED];
    const after = lastKeyPath(res, ['spec']);
    const edit = written
      ? appendToSequence(res, ['spec', 'usages'], cert.usages!.length ? missing : all)
      : after
        ? insertKeyAfter(res, after, `usages: [${all.join(', ')}]`)
        : undefined;
    const what = missing.map((m) => `'${m}'`).join(' and ');
    ctx.report({
      resource: res,
      path: written ? ['spec', 'usages'] : undefined,
      key: written,
      message: `${describe(res)} carries the SPIFFE ID ${cert.spiffeIds[0]} but ${written ? 'its usages lack' : "has no usages, so cert-manager's defaults (digital signature, key encipherment) lack"} ${what}. A workload identity certificate is presented on both sides of mTLS; peers that enforce extended key usage reject it. Add ${what} to spec.usages.`,
      fixes: fixes(fix(`Add ${what} to usages`, [edit], true)),
    });
  },
};
