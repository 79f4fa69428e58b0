// MTLS207: insecureSkipVerify turns server verification off, so Istio rejects (IST0106) verification
// settings next to it: caCertificates/credentialName/subjectAltNames with SIMPLE, caCertificates/
// subjectAltNames with MUTUAL (there credentialName still carries the client certificate).
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, str, tlsLevelLabel } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';

export const insecureSkipVerifyConflict: Rule = {
  meta: { id: 'MTLS207', title: 'insecureSkipVerify with verification settings', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    for (const t of dr?.tls ?? []) {
      const skip = t.tls.insecureSkipVerify;
      if (!(skip === true || skip === 'true')) continue;
      const fields = t.mode === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : t.mode === 'MUTUAL' ? ['caCertificates', 'subjectAltNames'] : [];
      const present = fields.filter((f) => (f === 'subjectAltNames' ? Array.isArray(t.tls[f]) : !!str(t.tls[f])));
      if (present.length === 0) continue;
      reportSchemaError(ctx, res, [...t.path, 'insecureSkipVerify'],
        `DestinationRule ${displayName(res)}: ${tlsLevelLabel(t)} sets insecureSkipVerify together with ${present.join(', ')}; ` +
          'skipping verification contradicts them and Istio rejects the rule. Remove insecureSkipVerify to actually verify the server (recommended).',
        { key: true, fixes: fixes(fix('Remove insecureSkipVerify (verify the server)', [removePair(res, [...t.path, 'insecureSkipVerify'])], true)) });
    }
  },
};
