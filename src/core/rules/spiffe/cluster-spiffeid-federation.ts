// MTLS511: ClusterSPIFFEID federatesWith entries must be SPIFFE trust domain names (or SPIFFE IDs, from
// which SPIRE takes the trust domain). A bad entry makes SPIRE's webhook reject the resource.
import type { Rule } from '../rule';
import { CLUSTER_SPIFFE_ID_KIND } from '../../model/spire';
import { parseSpiffeId, trustDomainProblem } from '../../spiffe';
import { fix, fixes, replaceValue } from '../fix';
import { valueSubRange } from './value-range';

export const clusterSpiffeIdFederation: Rule = {
  meta: { id: 'MTLS511', title: 'ClusterSPIFFEID federatesWith trust domains', defaultSeverity: 'error', kinds: [CLUSTER_SPIFFE_ID_KIND] },
  checkResource(res, ctx) {
    const list = res.get(['spec', 'federatesWith']);
    if (!Array.isArray(list)) return;
    list.forEach((value: unknown, i: number) => {
      const text = String(value ?? '');
      const path = ['spec', 'federatesWith', i];
      const problem = text.includes(':/') ? (() => { const r = parseSpiffeId(text); return r.ok ? undefined : r.problem; })() : trustDomainProblem(text);
      if (!problem) return;
      const lower = text.toLowerCase();
      const repaired = lower !== text && !trustDomainProblem(lower) ? lower : undefined;
      ctx.report({
        resource: res,
        range: valueSubRange(res, path, problem.start, problem.end),
        message: `federatesWith[${i}] "${text}" is not a SPIFFE trust domain: ${problem.message}. SPIRE's webhook rejects the ClusterSPIFFEID, so its pods get no SVIDs (and no federated bundle for cross-domain mTLS).`,
        fixes: repaired ? fixes(fix(`Write ${repaired}`, [replaceValue(res, path, repaired)], true)) : undefined,
      });
    });
  },
};
