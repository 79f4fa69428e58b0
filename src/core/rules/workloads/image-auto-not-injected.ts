// MTLS706 (IST0147 on Pods / IST0146 on Deployments): an `istio-proxy` container with `image: auto`.
// That placeholder is filled in only by the injection webhook (gateway injection). A Pod object written
// with it was never injected; a Deployment whose pods match no Istio webhook will fail to pull "auto".
// Mirrors Istio: webhooks of MutatingWebhookConfigurations whose names end in "istio.io".
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import { matchSelector } from '../../mesh/workloads';
import { namespaceResource, PROXY_CONTAINER } from '../../mesh/injection';
import { namespaceOf, relatedTo, invisibleToIstio } from './shared';

interface IstioWebhook {
  config: Resource;
  index: number;
  namespaceSelector: unknown;
  objectSelector: unknown;
}

export const imageAutoNotInjected: Rule = {
  meta: { id: 'MTLS706', title: '`image: auto` on a pod that is not injected', defaultSeverity: 'error', istio: 'IST0147' },
  checkIndex(index, ctx) {
    const webhooks: IstioWebhook[] = [];
    for (const cfg of index.ofKind('admissionregistration.k8s.io', 'MutatingWebhookConfiguration')) {
      const list = cfg.get(['webhooks']);
      if (!Array.isArray(list)) continue;
      list.forEach((wh: any, i: number) => {
        if (typeof wh?.name === 'string' && wh.name.endsWith('istio.io')) {
          webhooks.push({ config: cfg, index: i, namespaceSelector: wh.namespaceSelector ?? null, objectSelector: wh.objectSelector ?? null });
        }
      });
    }
    for (const pod of index.ofKind('', 'Pod')) {
      if (invisibleToIstio(pod, ctx)) continue;
      const i = autoProxyIndex(pod.get(['spec', 'containers']));
      if (i < 0) continue;
      ctx.report({
        resource: pod,
        path: ['spec', 'containers', i, 'image'],
        message: `Pod ${pod.name} has an istio-proxy container with image "auto", a placeholder only the injection webhook replaces. A Pod written this way was not injected, so the proxy cannot start and the pod has no working sidecar (no mTLS). Create it through a Deployment in an injected namespace instead.`,
      });
    }
    for (const dep of index.ofKind('apps', 'Deployment')) {
      if (invisibleToIstio(dep, ctx)) continue;
      const i = autoProxyIndex(dep.get(['spec', 'template', 'spec', 'containers']));
      if (i < 0) continue;
      const nsName = namespaceOf(dep, ctx);
      const ns = namespaceResource(index, nsName);
      const nsLabels = ns?.labels ?? {};
      const podLabels = labelsOf(dep.get(['spec', 'template', 'metadata', 'labels']));
      const matched = webhooks.some((w) => matchSelector(w.namespaceSelector, nsLabels) && matchSelector(w.objectSelector, podLabels));
      if (matched) continue;
      const related = webhooks.length
        ? [...new Set(webhooks.map((w) => w.config))].map((c) => relatedTo(c, `Istio injection webhooks in ${c.name}: none selects namespace ${nsName} and these pod labels`))
        : [];
      ctx.report({
        resource: dep,
        path: ['spec', 'template', 'spec', 'containers', i, 'image'],
        istio: 'IST0146',
        severity: 'warning',
        message: `Deployment ${dep.name} uses image "auto" for istio-proxy, which only an Istio injection webhook fills in, but ${webhooks.length ? 'no Istio webhook selects' : 'no Istio injection webhook is among the analysed files that would select'} its pods in namespace ${nsName}. Its pods would fail to start (no image "auto"), so the gateway never serves TLS/mTLS. Label the namespace istio-injection=enabled (or the pods sidecar.istio.io/inject: "true").`,
        related,
      });
    }
  },
};

function autoProxyIndex(containers: unknown): number {
  if (!Array.isArray(containers)) return -1;
  return containers.findIndex((c: any) => c?.name === PROXY_CONTAINER && c?.image === 'auto');
}

function labelsOf(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (x && typeof x === 'object' && !Array.isArray(x)) for (const [k, v] of Object.entries(x)) if (v != null) out[k] = String(v);
  return out;
}
