// MTLS702 (IST0103): a Pod in a namespace labelled istio-injection=enabled that has no istio-proxy
// container. It was created before the label, or injection failed, so it talks plaintext and a STRICT
// policy makes it unreachable. Mirrors Istio: only Pod objects, only istio-injection=enabled namespaces.
import type { Rule } from '../rule';
import { INJECTION_LABEL, SIDECAR_INJECT, hasIstioProxy, namespaceResource } from '../../mesh/injection';
import { namespaceOf, relatedTo, invisibleToIstio } from './shared';

export const podMissingProxy: Rule = {
  meta: { id: 'MTLS702', title: 'Pod in an injected namespace has no sidecar', defaultSeverity: 'warning', istio: 'IST0103' },
  checkIndex(index, ctx) {
    for (const pod of index.ofKind('', 'Pod')) {
      if (invisibleToIstio(pod, ctx)) continue;
      const nsName = namespaceOf(pod, ctx);
      const ns = namespaceResource(index, nsName);
      if (!ns || ns.name === 'istio-system' || ns.labels[INJECTION_LABEL] !== 'enabled') continue;
      const optOut = pod.labels[SIDECAR_INJECT] ?? pod.annotations[SIDECAR_INJECT] ?? '';
      if (optOut.toLowerCase() === 'false') continue;
      const spec = pod.obj.spec && typeof pod.obj.spec === 'object' ? pod.obj.spec : {};
      if (spec.hostNetwork === true) continue;
      if (hasIstioProxy(spec)) continue;
      ctx.report({
        resource: pod,
        path: ['metadata', 'name'],
        message: `Pod ${nsName}/${pod.name} has no istio-proxy sidecar although namespace ${nsName} is labelled ${INJECTION_LABEL}=enabled. It was probably created before the label was set, or injection failed; until it is restarted it sends and accepts plaintext only. Restart it (e.g. kubectl rollout restart) so it gets injected.`,
        related: [relatedTo(ns, `namespace ${nsName} enables injection here`, ['metadata', 'labels', INJECTION_LABEL])],
      });
    }
  },
};
