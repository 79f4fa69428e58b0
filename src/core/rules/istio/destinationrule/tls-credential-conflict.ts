// MTLS205: client TLS credential sources Istio rejects (IST0106): credentialName together with file-based
// clientCertificate/privateKey/caCertificates/caCrl (SIMPLE or MUTUAL), and a `configmap://` credential
// in another namespace than the DestinationRule's.
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, str, tlsLevelLabel } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';

const FILE_FIELDS = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'];

export const tlsCredentialConflict: Rule = {
  meta: { id: 'MTLS205', title: 'DestinationRule credentialName mixed with certificate files', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    if (!dr) return;
    const who = `DestinationRule ${displayName(res)}`;
    for (const t of dr.tls) {
      const cred = str(t.tls.credentialName);
      if (!cred) continue;
      if (cred.startsWith('configmap://')) {
        const rest = cred.slice('configmap://'.length).split('/');
        const ns = rest.length === 2 ? rest[0] : dr.namespace;
        if (rest.length > 2 || !rest[rest.length - 1] || ns !== dr.namespace) {
          reportSchemaError(ctx, res, [...t.path, 'credentialName'],
            `${who}: ${tlsLevelLabel(t)} credentialName "${cred}" must name a ConfigMap in the DestinationRule's own namespace` +
              ` ("${dr.namespace}"); Istio rejects the rule. Use configmap://<name> or configmap://${dr.namespace}/<name>.`);
        }
      }
      if (t.mode !== 'SIMPLE' && t.mode !== 'MUTUAL') continue;
      for (const f of FILE_FIELDS) {
        if (!str(t.tls[f])) continue;
        reportSchemaError(ctx, res, [...t.path, f],
          `${who}: ${tlsLevelLabel(t)} sets both credentialName "${cred}" and ${f}; with credentialName the certificates come from that Secret, ` +
            `so Istio rejects file paths next to it. Remove ${f} (put it in the Secret) or drop credentialName.`,
          { key: true, fixes: fixes(fix(`Remove ${f}`, [removePair(res, [...t.path, f])])) });
      }
    }
  },
};
