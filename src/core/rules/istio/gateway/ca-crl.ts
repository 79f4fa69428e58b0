// MTLS224: caCrl (a revocation list for client certificates) is rejected (IST0106) with credentialName,
// where the CRL must live in the Secret, and with SIMPLE, where there are no client certificates.
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls, str } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';
import { serverLabel } from './cert-fields';

export const caCrlMisuse: Rule = {
  meta: { id: 'MTLS224', title: 'Gateway caCrl that cannot apply', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      if (!str(t.tls.caCrl) || t.mode === 'ISTIO_MUTUAL') continue; // ISTIO_MUTUAL: MTLS220 reports every certificate field
      const who = `Gateway ${displayName(res)} ${serverLabel(t)}`;
      const remove = fixes(fix('Remove caCrl', [removePair(res, [...t.path, 'caCrl'])]));
      if (str(t.tls.credentialName)) {
        reportSchemaError(ctx, res, [...t.path, 'caCrl'],
          `${who} sets caCrl next to credentialName; the CRL must then be in the Secret (key ca.crl), and Istio rejects the Gateway. Move it into the Secret.`,
          { key: true, fixes: remove });
      }
      if (t.mode === 'SIMPLE') {
        reportSchemaError(ctx, res, [...t.path, 'caCrl'],
          `${who} sets caCrl with SIMPLE TLS, where clients present no certificate to revoke; Istio rejects the Gateway. Use MUTUAL, or remove caCrl.`,
          { key: true, fixes: remove });
      }
    }
  },
};
