// MTLS225: TLS protocol and cipher settings Istio warns about (IST0133): TLS 1.0/1.1 as minimum without
// cipherSuites (the defaults no longer contain ciphers those versions can use), and cipher suites that are
// unknown (dropped) or listed twice.
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls, stringList } from '../../../model/istio';
import { displayName, reportSchemaWarning } from '../common';
import { serverLabel } from './cert-fields';

/** Cipher suites Envoy (BoringSSL) supports for Gateway servers, excluding PSK suites. */
const KNOWN_CIPHERS = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA',
]);

/** Envoy also accepts "ALL" and expressions starting with an operator ("-", "+", "!", "["), which are not checked. */
function isKnownCipher(c: string): boolean {
  return c === '' || c === 'ALL' || !/^[A-Za-z0-9]/.test(c) || KNOWN_CIPHERS.has(c);
}

export const tlsVersionsCiphers: Rule = {
  meta: { id: 'MTLS225', title: 'Gateway TLS version or cipher suite problem', defaultSeverity: 'warning', istio: 'IST0133', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      const who = `Gateway ${displayName(res)} ${serverLabel(t)}`;
      const ciphers = stringList(t.tls.cipherSuites);
      const min = t.tls.minProtocolVersion;
      if ((min === 'TLSV1_0' || min === 'TLSV1_1') && ciphers.length === 0) {
        reportSchemaWarning(ctx, res, [...t.path, 'minProtocolVersion'],
          `${who} allows ${min} but sets no cipherSuites; the default suites no longer include any that ${min} can use, so such clients still fail. ` +
            'Prefer TLSV1_2; if old clients really need it, list compatible cipherSuites.');
      }
      const seen = new Set<string>();
      ciphers.forEach((c, i) => {
        const path = [...t.path, 'cipherSuites', i];
        if (!isKnownCipher(c)) {
          reportSchemaWarning(ctx, res, path, `${who}: cipher suite "${c}" is not supported by the gateway proxy and is dropped. Use OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256.`);
        } else if (seen.has(c)) {
          reportSchemaWarning(ctx, res, path, `${who}: cipher suite "${c}" is listed twice; the duplicate is ignored.`);
        }
        seen.add(c);
      });
    }
  },
};
