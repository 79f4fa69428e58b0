// MTLS220: a Gateway server in ISTIO_MUTUAL mode presents the gateway's own mesh certificate; Istio
// rejects (IST0106) certificate fields next to it, since they could never be used.
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';
import { certFieldsSet, serverLabel } from './cert-fields';

export const istioMutualWithCerts: Rule = {
  meta: { id: 'MTLS220', title: 'Gateway ISTIO_MUTUAL with certificate fields', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      if (t.mode !== 'ISTIO_MUTUAL') continue;
      const fields = certFieldsSet(t).filter((f) => f !== 'caCrl');
      for (const f of fields) {
        reportSchemaError(ctx, res, [...t.path, f],
          `Gateway ${displayName(res)} ${serverLabel(t)} is ISTIO_MUTUAL, which uses the gateway's mesh (SPIFFE) certificate, yet sets ${f}; ` +
            'Istio rejects the Gateway. Remove the certificate fields, or use SIMPLE/MUTUAL to serve your own certificate.',
          { key: true, fixes: fixes(fix(`Remove ${f}`, [removePair(res, [...t.path, f])])) });
      }
    }
  },
};
