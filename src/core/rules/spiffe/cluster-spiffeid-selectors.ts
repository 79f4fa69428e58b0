// MTLS512: ClusterSPIFFEID namespaceSelector/podSelector must convert to Kubernetes label selectors:
// valid label keys and values, operators In/NotIn/Exists/DoesNotExist, values only (and required) for
// In/NotIn. Otherwise SPIRE's webhook rejects the resource.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import { CLUSTER_SPIFFE_ID_KIND, LABEL_SELECTOR_OPERATORS, labelKeyProblem, labelValueProblem } from '../../model/spire';

const REJECTED = "SPIRE's webhook rejects the ClusterSPIFFEID, so the pods it should cover get no SVID for mTLS";

export const clusterSpiffeIdSelectors: Rule = {
  meta: { id: 'MTLS512', title: 'ClusterSPIFFEID label selectors', defaultSeverity: 'error', kinds: [CLUSTER_SPIFFE_ID_KIND] },
  checkResource(res, ctx) {
    for (const field of ['namespaceSelector', 'podSelector']) checkSelector(res, ctx, field);
  },
};

function checkSelector(res: Resource, ctx: RuleContext, field: string): void {
  const sel = res.get(['spec', field]);
  if (sel == null || typeof sel !== 'object') return;
  const labels = sel.matchLabels;
  if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels)) {
      const keyProblem = labelKeyProblem(k);
      if (keyProblem) ctx.report({ resource: res, path: ['spec', field, 'matchLabels', k], key: true, message: `${field}.matchLabels key "${k}" is not a valid label key (${keyProblem}); ${REJECTED}.` });
      const valueProblem = labelValueProblem(String(v ?? ''));
      if (valueProblem) ctx.report({ resource: res, path: ['spec', field, 'matchLabels', k], message: `${field}.matchLabels value "${String(v)}" for ${k} is not a valid label value (${valueProblem}); ${REJECTED}.` });
    }
  }
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions : [];
  exprs.forEach((e: any, i: number) => {
    const path = ['spec', field, 'matchExpressions', i];
    const op = String(e?.operator ?? '');
    if (!(LABEL_SELECTOR_OPERATORS as readonly string[]).includes(op)) {
      ctx.report({ resource: res, path: [...path, 'operator'], message: `${field}.matchExpressions[${i}].operator "${op}" is not In, NotIn, Exists or DoesNotExist; ${REJECTED}.` });
      return;
    }
    const keyProblem = labelKeyProblem(String(e?.key ?? ''));
    if (keyProblem) ctx.report({ resource: res, path: [...path, 'key'], message: `${field}.matchExpressions[${i}].key "${String(e?.key ?? '')}" is not a valid label key (${keyProblem}); ${REJECTED}.` });
    const values = Array.isArray(e?.values) ? e.values : [];
    if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      ctx.report({ resource: res, path: [...path, 'operator'], message: `${field}.matchExpressions[${i}] uses ${op} without values; ${REJECTED}.` });
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      ctx.report({ resource: res, path: [...path, 'values'], key: true, message: `${field}.matchExpressions[${i}] uses ${op}, which takes no values; ${REJECTED}.` });
    }
  });
}
