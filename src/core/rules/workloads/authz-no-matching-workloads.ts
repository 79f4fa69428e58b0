// MTLS750 (IST0127): an AuthorizationPolicy that applies to no in-mesh pod. Istio's check, exactly: only
// Pod objects count, and only pods in the mesh (istio-proxy container, injection label/annotation or
// namespace label, or ambient redirection). A root-namespace policy needs a match anywhere; a
// selector-less policy needs any in-mesh pod in its namespace. When only Deployment-style pod templates
// match, the finding drops to info: the pods will exist once deployed.
import type { Rule } from '../rule';
import { asWorkload, matchLabels, workloadsOf, type Workload } from '../../mesh/workloads';
import { isAmbientPod, isInMesh, namespaceResource, injectionFor, enableNamespacesByDefault } from '../../mesh/injection';
import { meshConfigOf } from '../../mesh/mesh-config';
import { displayName, invisibleToIstio, namespaceOf, relatedTo } from './shared';

export const authzNoMatchingWorkloads: Rule = {
  meta: { id: 'MTLS750', title: 'AuthorizationPolicy applies to no workload', defaultSeverity: 'warning', istio: 'IST0127' },
  checkIndex(index, ctx) {
    const policies = index.ofKind('security.istio.io', 'AuthorizationPolicy').filter((p) => !invisibleToIstio(p, ctx));
    if (!policies.length) return;
    const root = meshConfigOf(index, ctx.settings).rootNamespace;
    const meshedPods: Workload[] = [];
    for (const pod of index.ofKind('', 'Pod')) {
      if (invisibleToIstio(pod, ctx)) continue;
      const w = asWorkload(pod, ctx.settings.defaultNamespace);
      if (w && (isInMesh(w, namespaceResource(index, w.namespace)) || isAmbientPod(w))) meshedPods.push(w);
    }
    let templates: Workload[] | undefined;
    const meshedTemplates = () => {
      const byDefault = enableNamespacesByDefault(index);
      return (templates ??= workloadsOf(index, ctx.settings.defaultNamespace).filter(
        (w) => w.kind !== 'Pod' && injectionFor(w, namespaceResource(index, w.namespace), { enableNamespacesByDefault: byDefault }).mode !== 'none',
      ));
    };
    for (const ap of policies) {
      const ns = namespaceOf(ap, ctx);
      const selector = ap.get(['spec', 'selector']);
      const hasSelector = selector !== undefined && selector !== null;
      const matchLabelsOf = hasSelector && typeof selector === 'object' ? (selector.matchLabels ?? {}) : {};
      const selectorText = Object.entries(matchLabelsOf as Record<string, unknown>)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',');
      const candidates = (list: Workload[]) =>
        ns === root ? list : list.filter((w) => w.namespace === ns);
      if (ns === root && !hasSelector) continue; // mesh-wide policy: applies to every workload
      const matches = (list: Workload[]) => candidates(list).filter((w) => !hasSelector || matchLabels(matchLabelsOf, w.labels));
      if (matches(meshedPods).length) continue;
      const templateMatch = matches(meshedTemplates())[0];
      const scope = ns === root ? 'anywhere in the mesh' : `in namespace ${ns}`;
      const what = hasSelector ? `no in-mesh pod ${scope} has the labels ${selectorText || '(any)'}` : `namespace ${ns} has no in-mesh pods`;
      const path = hasSelector ? ['spec', 'selector'] : ['metadata', 'name'];
      if (templateMatch) {
        ctx.report({
          resource: ap,
          path,
          severity: 'info',
          message: `AuthorizationPolicy ${displayName(ap)} matches no running Pod among the analysed files (${what}); it will apply to the pods of ${templateMatch.kind} ${templateMatch.name} once they run. istioctl analyze reports IST0127 until then.`,
          related: [relatedTo(templateMatch.resource, `${templateMatch.kind} ${templateMatch.name} has matching pod labels`)],
        });
        continue;
      }
      ctx.report({
        resource: ap,
        path,
        message: `AuthorizationPolicy ${displayName(ap)} applies to nothing: ${what}. Its rules protect no workload, so the access control you expect is not enforced. Fix the selector labels or the namespace, or enrol the target workloads in the mesh.`,
      });
    }
  },
};

