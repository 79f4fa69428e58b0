// MTLS703: a workload that opts out of sidecar injection (`sidecar.istio.io/inject: "false"`) inside a
// namespace that is injected, or where PeerAuthentication says STRICT. Without a proxy it neither
// originates nor terminates mTLS: STRICT does not protect it, and its own calls to STRICT workloads are
// refused. Sometimes intended (jobs, probes); then silence this rule for that object.
import type { Rule } from '../rule';
import { fix, fixes, removePair } from '../fix';
import { workloadsOf } from '../../mesh/workloads';
import { INJECTION_LABEL, REVISION_LABEL, SIDECAR_INJECT, enableNamespacesByDefault, injectionFor, namespaceResource } from '../../mesh/injection';
import { meshView } from '../../mesh/view';
import { relatedTo } from './shared';

export const optedOutInMeshedNamespace: Rule = {
  meta: { id: 'MTLS703', title: 'Workload opted out of the mesh in a meshed namespace', defaultSeverity: 'warning' },
  checkIndex(index, ctx) {
    const byDefault = enableNamespacesByDefault(index);
    let view: ReturnType<typeof meshView> | undefined;
    for (const w of workloadsOf(index, ctx.settings.defaultNamespace)) {
      const ns = namespaceResource(index, w.namespace);
      const decision = injectionFor(w, ns, { enableNamespacesByDefault: byDefault });
      const path = decision.decidedBy?.path;
      if (decision.mode !== 'none' || !path || path[path.length - 1] !== SIDECAR_INJECT || decision.decidedBy!.resource !== w.resource) continue;
      // What would have happened without the opt-out?
      const nsInjects = ns && (ns.labels[INJECTION_LABEL] === 'enabled' || !!ns.labels[REVISION_LABEL]);
      view ??= meshView(index, ctx.settings);
      const effective = view.effective(w);
      const strict = effective.mode === 'STRICT';
      if (!nsInjects && !strict) continue;
      const strictStep = strict ? [...effective.chain].reverse().find((s) => s.mode === 'STRICT' && s.resource) : undefined;
      const related = [];
      if (nsInjects && ns) related.push(relatedTo(ns, `namespace ${w.namespace} enables sidecar injection`));
      if (strictStep?.resource) related.push(relatedTo(strictStep.resource, `PeerAuthentication ${strictStep.resource.name} requires STRICT mTLS here`));
      const where = [nsInjects ? `namespace ${w.namespace} is injected` : '', strict ? `PeerAuthentication ${strictStep?.resource?.name ?? ''} makes mTLS STRICT for it` : '']
        .filter(Boolean)
        .join(' and ');
      ctx.report({
        resource: w.resource,
        path,
        severity: strict ? 'warning' : 'info',
        message: `${w.kind} ${w.name} opts out of sidecar injection (${SIDECAR_INJECT}: "false") although ${where}. Without a proxy it sends and accepts plaintext only: STRICT cannot protect it, and its calls to STRICT workloads are refused. Remove the opt-out unless this workload must stay outside the mesh.`,
        related,
        fixes: fixes(fix(`Remove ${SIDECAR_INJECT}: "false"`, [removePair(w.resource, path)], true)),
      });
    }
  },
};
