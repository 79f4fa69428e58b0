// MTLS221: PASSTHROUGH / AUTO_PASSTHROUGH forward the client's TLS untouched to the backend, so the
// gateway never uses certificates configured on the server. Istio accepts them with a warning (IST0133).
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls } from '../../../model/istio';
import { displayName, reportSchemaWarning } from '../common';
import { certFieldsSet, serverLabel } from './cert-fields';

export const passthroughWithCerts: Rule = {
  meta: { id: 'MTLS221', title: 'Gateway passthrough with ignored certificates', defaultSeverity: 'warning', istio: 'IST0133', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      // An unset mode is PASSTHROUGH (the enum's zero value): a forgotten `mode: SIMPLE` lands here.
      const mode = t.mode ?? 'PASSTHROUGH';
      if (mode !== 'PASSTHROUGH' && mode !== 'AUTO_PASSTHROUGH') continue;
      const fields = certFieldsSet(t);
      if (fields.length === 0) continue;
      reportSchemaWarning(ctx, res, t.mode ? [...t.path, 'mode'] : t.path,
        `Gateway ${displayName(res)} ${serverLabel(t)} is ${t.mode ? mode : 'PASSTHROUGH (no mode set, which defaults to PASSTHROUGH)'}: TLS goes through to the backend unterminated, so ${fields.join(', ')} ` +
          'are ignored and the backend\'s own certificate is what clients see. Remove them, or use SIMPLE/MUTUAL to terminate TLS at the gateway.',
        { key: !t.mode });
    }
  },
};
