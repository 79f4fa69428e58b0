// MTLS704: a pod (template) with `hostNetwork: true` in a namespace that is meshed (Istio injection or
// ambient, or Linkerd injection). Neither the Istio injector, ztunnel nor Linkerd's injector capture
// host-network pods, so their traffic never passes a proxy: no mTLS, and STRICT does not protect them.
import type { Rule } from '../rule';
import { workloadsOf } from '../../mesh/workloads';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL, namespaceResource } from '../../mesh/injection';
import { relatedTo } from './shared';

export const hostNetworkInMesh: Rule = {
  meta: { id: 'MTLS704', title: 'Host-network pod in a meshed namespace bypasses the proxy', defaultSeverity: 'warning' },
  checkIndex(index, ctx) {
    for (const w of workloadsOf(index, ctx.settings.defaultNamespace)) {
      if (w.podSpec.hostNetwork !== true) continue;
      const ns = namespaceResource(index, w.namespace);
      if (!ns) continue;
      const l = ns.labels;
      const why =
        l[INJECTION_LABEL] === 'enabled'
          ? `namespace ${w.namespace} is labelled ${INJECTION_LABEL}=enabled`
          : l[REVISION_LABEL] && l[INJECTION_LABEL] === undefined
            ? `namespace ${w.namespace} is labelled ${REVISION_LABEL}=${l[REVISION_LABEL]}`
            : l[DATAPLANE_MODE_LABEL] === 'ambient'
              ? `namespace ${w.namespace} is in ambient mode`
              : ns.annotations['linkerd.io/inject'] === 'enabled'
                ? `namespace ${w.namespace} is annotated linkerd.io/inject: enabled`
                : undefined;
      if (!why) continue;
      ctx.report({
        resource: w.resource,
        path: [...w.templatePath, 'spec', 'hostNetwork'],
        message: `${w.kind} ${w.name} uses hostNetwork: true although ${why}. Mesh proxies never capture host-network pods, so its traffic carries no mTLS and STRICT policies do not protect it. Drop hostNetwork if the pod does not need the node's network.`,
        related: [relatedTo(ns, `namespace ${w.namespace} is meshed`)],
      });
    }
  },
};
