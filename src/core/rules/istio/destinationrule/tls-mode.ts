// MTLS204: a DestinationRule TLS mode outside Istio's enum (DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL). The
// schema rejects the rule (IST0106); lower-case spellings get an upper-casing fix.
import type { Rule } from '../../rule';
import { CLIENT_TLS_MODES, KIND, asDestinationRule, tlsLevelLabel } from '../../../model/istio';
import { displayName, orList, reportSchemaError } from '../common';
import { fix, fixes, replaceValue } from '../../fix';

export const clientTlsMode: Rule = {
  meta: { id: 'MTLS204', title: 'Unknown DestinationRule TLS mode', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    for (const t of dr?.tls ?? []) {
      if (t.mode === undefined || (CLIENT_TLS_MODES as readonly string[]).includes(t.mode)) continue;
      const upper = t.mode.toUpperCase();
      const known = (CLIENT_TLS_MODES as readonly string[]).includes(upper);
      const path = [...t.path, 'mode'];
      reportSchemaError(ctx, res, path,
        `DestinationRule ${displayName(res)}: ${tlsLevelLabel(t)} mode "${t.mode}" is not one of ${orList(CLIENT_TLS_MODES)} (case-sensitive); ` +
          `Istio rejects the rule, so clients fall back to auto-mTLS or plaintext.${known ? ` Write ${upper}.` : ''}`,
        { fixes: known ? fixes(fix(`Change to ${upper}`, [replaceValue(res, path, upper)], true)) : undefined });
    }
  },
};
