// MTLS500: SPIFFE IDs in a cert-manager Certificate's `uris`. Only `spiffe:` URIs are checked; the bad
// part of the ID is underlined and obvious slips (case, doubled or trailing slash) get a fix.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND } from '../../model/certmanager';
import { parseSpiffeId, repairSpiffeId } from '../../spiffe';
import { fix, fixes, replaceValue } from '../fix';
import { valueSubRange } from './value-range';

export const certificateSpiffeUris: Rule = {
  meta: { id: 'MTLS500', title: 'Malformed SPIFFE ID in a Certificate', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert) return;
    cert.uris.forEach((uri, i) => {
      if (!/^spiffe:/i.test(uri)) return;
      const r = parseSpiffeId(uri);
      if (r.ok) return;
      const path = ['spec', 'uris', i];
      const repaired = repairSpiffeId(uri);
      ctx.report({
        resource: res,
        range: valueSubRange(res, path, r.problem.start, r.problem.end),
        message: `spec.uris[${i}] is not a valid SPIFFE ID: ${r.problem.message}. Peers (Istio, Linkerd, SPIRE, Envoy) reject or fail to match such an identity, so mTLS authorization by it fails. Write spiffe://<trust-domain>/<path>, e.g. spiffe://cluster.local/ns/<namespace>/sa/<serviceaccount>.`,
        fixes: repaired ? fixes(fix(`Write ${repaired}`, [replaceValue(res, path, repaired)], true)) : undefined,
      });
    });
  },
};
