// MTLS604: a PeerAuthentication with a selector in the mesh root namespace. Istio only treats selector-less
// PAs there as mesh-wide and never applies a selector PA from the root namespace to any workload, so the
// intended mode silently does nothing.
import type { Rule } from '../rule';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { matchLabels } from '../../mesh/workloads';

export const rootNamespaceSelector: Rule = {
  meta: {
    id: 'MTLS604',
    title: 'PeerAuthentication with a selector in the root namespace is ignored',
    defaultSeverity: 'warning',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS604', [view.pas, view.workloads], (ctx) => {
      for (const pa of view.pas.ignored) {
        const targets = view.workloads.all.filter((w) => matchLabels(pa.selector, w.labels));
        const namespaces = [...new Set(targets.map((w) => w.namespace))];
        const where = namespaces.length
          ? ` Move it to the workloads' namespace${namespaces.length > 1 ? 's' : ''} (${namespaces.join(', ')})`
          : ' Move it to the namespace of the workloads it is meant for';
        ctx.report({
          resource: pa.resource,
          path: ['spec', 'selector'],
          key: true,
          message:
            `This PeerAuthentication has a selector but lives in the mesh root namespace ${view.mesh.rootNamespace}; Istio ignores such policies, ` +
            `so mode ${pa.mode} is never applied${targets.length ? ` to ${targets.map((w) => `${w.namespace}/${w.name}`).slice(0, 3).join(', ')}` : ''}.${where}, ` +
            'or drop the selector to make it mesh-wide.',
          related: targets.slice(0, 3).map((w) => ({ file: w.resource.file, range: w.resource.kindRange(), message: `${w.kind} ${w.namespace}/${w.name}: matches the ignored selector` })),
        });
      }
    });
  },
};
