// MTLS206: MUTUAL TLS without credentialName must name the client certificate and key files; without
// them the sidecar has nothing to present and Istio rejects the rule (IST0106).
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, str, tlsLevelLabel } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

export const mutualWithoutClientCert: Rule = {
  meta: { id: 'MTLS206', title: 'MUTUAL TLS without a client certificate', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    for (const t of dr?.tls ?? []) {
      if (t.mode !== 'MUTUAL' || str(t.tls.credentialName)) continue;
      const missing = ['clientCertificate', 'privateKey'].filter((f) => !str(t.tls[f]));
      if (missing.length === 0) continue;
      reportSchemaError(ctx, res, [...t.path, 'mode'],
        `DestinationRule ${displayName(res)}: ${tlsLevelLabel(t)} is MUTUAL but has no ${missing.join(' or ')}, so the sidecar has no client ` +
          'certificate to present and Istio rejects the rule. Set credentialName to a Secret with the client certificate, or both file paths. ' +
          'For in-mesh destinations use ISTIO_MUTUAL, which uses the workload certificate.');
    }
  },
};
