// Cross-document rules run on every analysis. When nothing a rule reads has changed (same kind buckets,
// same derived tables, same mesh settings), its reports are replayed instead of recomputed, with their
// ranges already resolved so the analyzer does not walk the YAML again.
import type { ResourceIndex } from '../../index';
import type { Report, RuleContext } from '../rule';
import { cachedOnKinds } from '../../mesh/cache';

export function memoReports(
  index: ResourceIndex,
  ctx: RuleContext,
  ruleId: string,
  inputs: readonly unknown[],
  compute: (sink: RuleContext) => void,
): void {
  const reports = cachedOnKinds(index, `reports|${ruleId}`, [...inputs, ctx.settings.defaultNamespace], () => {
    const list: Report[] = [];
    const report = (r: Report) =>
      list.push({ ...r, range: r.range ?? (r.path ? (r.key ? r.resource.keyRangeOf(r.path) : r.resource.rangeOf(r.path)) : r.resource.kindRange()) });
    compute({ settings: ctx.settings, index, report });
    return list;
  });
  for (const r of reports) ctx.report(r);
}
