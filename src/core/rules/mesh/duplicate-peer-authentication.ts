// MTLS603: competing PeerAuthentications. Istio keeps one mesh-wide PA (root namespace), one
// namespace-wide PA per namespace, and one workload PA per workload: the oldest. The others are dropped
// with only a log line in istiod. Reported on each dropped PA, naming the one Istio keeps.
import type { Rule, RuleContext } from '../rule';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { matchingWorkloadPas, type ClassifiedPa } from '../../mesh/peer-authentication';
import { basisPhrase, type OrderBasis } from '../../mesh/order';
import { resourceLabel } from '../../mesh/tls-pairing';
import { relatedTo } from './util';

export const duplicatePeerAuthentication: Rule = {
  meta: {
    id: 'MTLS603',
    title: 'PeerAuthentication ignored because another one of the same scope wins',
    defaultSeverity: 'warning',
    kiali: 'KIA0002',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS603', [view.pas, view.workloads], (ctx) => {
      const { pas } = view;
      reportDropped(ctx, pas.mesh, pas.meshBasis, `mesh-wide (root namespace ${view.mesh.rootNamespace}, no selector)`);
      for (const [ns, group] of pas.namespace) reportDropped(ctx, group.items, group.basis, `namespace-wide (namespace ${ns}, no selector)`);
      // Workload level: per workload, every matching PA but the oldest is dropped for it.
      const dropped = new Map<ClassifiedPa, { kept: ClassifiedPa; basis: OrderBasis; workloads: string[] }>();
      for (const w of view.workloads.all) {
        const m = matchingWorkloadPas(pas, w);
        if (m.items.length < 2) continue;
        for (const d of m.items.slice(1)) {
          const entry = dropped.get(d) ?? { kept: m.items[0], basis: m.basis, workloads: [] };
          entry.workloads.push(`${w.kind} ${w.namespace}/${w.name}`);
          dropped.set(d, entry);
        }
      }
      for (const [pa, { kept, basis, workloads }] of dropped) {
        ctx.report({
          resource: pa.resource,
          path: ['spec', 'selector'],
          key: true,
          message:
            `${workloads.join(', ')} ${workloads.length > 1 ? 'are' : 'is'} also selected by ${resourceLabel(kept.resource)}, which Istio keeps as ${basisPhrase(basis)}; ` +
            `this PeerAuthentication is ignored for ${workloads.length > 1 ? 'them' : 'it'}, so its mTLS mode (${pa.mode}) does not apply. Merge the two or narrow one selector.`,
          related: [relatedTo(kept.resource, 'the PeerAuthentication Istio applies', ['spec', 'selector'])],
        });
      }
    });
  },
};

function reportDropped(ctx: RuleContext, items: ClassifiedPa[], basis: OrderBasis, scope: string): void {
  const [kept, ...rest] = items;
  for (const d of rest) {
    ctx.report({
      resource: d.resource,
      path: ['metadata', 'name'],
      message:
        `More than one ${scope} PeerAuthentication: Istio keeps only ${resourceLabel(kept.resource)} (${basisPhrase(basis)}) and ignores this one, ` +
        `so its mTLS mode (${d.mode}) has no effect. Delete one, or merge them into a single PeerAuthentication.`,
      related: [relatedTo(kept.resource, 'the PeerAuthentication Istio applies', ['metadata', 'name'])],
    });
  }
}
