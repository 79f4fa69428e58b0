// MTLS223: SIMPLE / MUTUAL / OPTIONAL_MUTUAL servers without credentialName(s) need file certificates:
// serverCertificate and privateKey (per tlsCertificates entry), and the mutual modes a client CA bundle to
// verify client certificates. Missing ones are errors (IST0106); more than 2 tlsCertificates is a warning.
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls, isObj, str } from '../../../model/istio';
import { displayName, reportSchemaError, reportSchemaWarning } from '../common';
import { serverLabel, usesCredential } from './cert-fields';

export const missingServerCert: Rule = {
  meta: { id: 'MTLS223', title: 'Gateway TLS server without certificate, key or client CA', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      if (t.mode !== 'SIMPLE' && t.mode !== 'MUTUAL' && t.mode !== 'OPTIONAL_MUTUAL') continue;
      if (usesCredential(t)) continue;
      const who = `Gateway ${displayName(res)} ${serverLabel(t)}`;
      const mutual = t.mode !== 'SIMPLE';
      if (mutual && !str(t.tls.caCertificates)) {
        reportSchemaError(ctx, res, [...t.path, 'mode'],
          `${who} is ${t.mode} but has no caCertificates, so it cannot verify client certificates and Istio rejects the Gateway. ` +
            'Set caCertificates, or use credentialName with a Secret that holds ca.crt.');
      }
      const list = Array.isArray(t.tls.tlsCertificates) && t.tls.tlsCertificates.length > 0 ? t.tls.tlsCertificates : undefined;
      if (list && list.length > 2) {
        reportSchemaWarning(ctx, res, [...t.path, 'tlsCertificates'], `${who} lists ${list.length} tlsCertificates; a server can use at most 2 (typically one RSA and one ECDSA). Remove the extra ones.`, { key: true });
      }
      const certs = list ? list.map((c: unknown, i: number) => ({ c: isObj(c) ? c : {}, path: [...t.path, 'tlsCertificates', i] })) : [{ c: t.tls, path: t.path }];
      for (const { c, path } of certs) {
        const missing = ['serverCertificate', 'privateKey'].filter((f) => !str(c[f]));
        if (missing.length === 0) continue;
        reportSchemaError(ctx, res, list ? path : [...t.path, 'mode'],
          `${who} is ${t.mode} but has no ${missing.join(' or ')}, so it has no certificate to present and Istio rejects the Gateway. ` +
            'Set credentialName to a TLS Secret (recommended) or both file paths.');
      }
    }
  },
};
