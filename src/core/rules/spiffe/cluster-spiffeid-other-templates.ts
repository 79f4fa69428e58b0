// MTLS513: ClusterSPIFFEID dnsNameTemplates and workloadSelectorTemplates must be valid Go templates
// (SPIRE's webhook parses them); a literal workload selector must also have the `type:value` form SPIRE
// requires when it renders the entry.
import type { Rule } from '../rule';
import { CLUSTER_SPIFFE_ID_KIND } from '../../model/spire';
import { checkGoTemplate } from '../../spiffe';
import { valueSubRange } from './value-range';

export const clusterSpiffeIdOtherTemplates: Rule = {
  meta: { id: 'MTLS513', title: 'ClusterSPIFFEID DNS name and workload selector templates', defaultSeverity: 'error', kinds: [CLUSTER_SPIFFE_ID_KIND] },
  checkResource(res, ctx) {
    for (const field of ['dnsNameTemplates', 'workloadSelectorTemplates']) {
      const list = res.get(['spec', field]);
      if (!Array.isArray(list)) continue;
      list.forEach((value: unknown, i: number) => {
        const path = ['spec', field, i];
        const text = String(value ?? '');
        const check = checkGoTemplate(text);
        if (check.problem) {
          ctx.report({
            resource: res,
            range: valueSubRange(res, path, check.problem.start, check.problem.end),
            message: `${field}[${i}] is not a valid Go template: ${check.problem.message}. SPIRE's webhook rejects the ClusterSPIFFEID, so its pods get no SVID for mTLS.`,
          });
          return;
        }
        if (field === 'workloadSelectorTemplates' && !text.includes('{{')) {
          const colon = text.indexOf(':');
          if (colon <= 0 || colon === text.length - 1) {
            ctx.report({
              resource: res,
              path,
              message: `workloadSelectorTemplates[${i}] "${text}" is not a type:value selector (e.g. k8s:ns:payments); SPIRE fails to render the entry for every selected pod, so none of them gets an SVID.`,
            });
          }
        }
      });
    }
  },
};
