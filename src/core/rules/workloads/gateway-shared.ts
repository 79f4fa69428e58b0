// Where an Istio Gateway's pods run, which decides the namespace its credentialName Secrets are read
// from (not the Gateway's own namespace). Istio's analyzers take the first Pod the selector matches;
// `istioctl analyze` also assumes the default ingress gateway pod (labels istio=ingressgateway) in the
// Istio namespace. When neither exists, a Deployment's pod template stands in (our addition: manifests
// in git rarely hold Pods).
import type { ResourceIndex } from '../../index';
import type { Resource } from '../../yaml/resource';
import type { RuleContext } from '../rule';
import { matchLabels, workloadsOf } from '../../mesh/workloads';
import { asCertificate } from '../../model/certmanager';
import { cachedOn } from '../../mesh/cache';
import { invisibleToIstio, namespaceOf } from './shared';

export interface GatewayPods {
  namespace: string;
  via: 'pod' | 'default-ingress' | 'template';
  /** The Pod or workload that matched (absent for the assumed default ingress gateway). */
  source?: Resource;
}

export const DEFAULT_INGRESS_LABELS: Readonly<Record<string, string>> = { istio: 'ingressgateway' };

export function gatewaySelector(gw: Resource): Record<string, string> {
  const sel = gw.get(['spec', 'selector']);
  const out: Record<string, string> = {};
  if (sel && typeof sel === 'object' && !Array.isArray(sel)) for (const [k, v] of Object.entries(sel)) if (v != null) out[k] = String(v);
  return out;
}

export function isIstioGateway(res: Resource): boolean {
  return res.group === 'networking.istio.io' && res.kind === 'Gateway';
}

export function gatewayPods(index: ResourceIndex, gw: Resource, ctx: RuleContext): GatewayPods | undefined {
  const selector = gatewaySelector(gw);
  for (const pod of index.ofKind('', 'Pod')) {
    if (invisibleToIstio(pod, ctx)) continue;
    if (matchLabels(selector, pod.labels)) return { namespace: namespaceOf(pod, ctx), via: 'pod', source: pod };
  }
  if (matchLabels(selector, DEFAULT_INGRESS_LABELS)) return { namespace: ctx.settings.rootNamespace, via: 'default-ingress' };
  for (const w of workloadsOf(index, ctx.settings.defaultNamespace)) {
    if (w.kind !== 'Pod' && matchLabels(selector, w.labels)) return { namespace: w.namespace, via: 'template', source: w.resource };
  }
  return undefined;
}

/** Each `servers[i].tls.credentialName` of a Gateway, with its path. */
export function credentialNames(gw: Resource): { name: string; path: (string | number)[] }[] {
  const servers = gw.get(['spec', 'servers']);
  if (!Array.isArray(servers)) return [];
  const out: { name: string; path: (string | number)[] }[] = [];
  servers.forEach((s: any, i: number) => {
    const cn = s?.tls?.credentialName;
    if (typeof cn === 'string' && cn !== '') out.push({ name: cn, path: ['spec', 'servers', i, 'tls', 'credentialName'] });
  });
  return out;
}

/** Secret lookup the way Istio resolves a credentialName: "ns/name" is a full name, else the pods' namespace. */
export function resolveCredential(credential: string, podNamespace: string): { namespace: string; name: string } {
  const slash = credential.indexOf('/');
  return slash > 0 ? { namespace: credential.slice(0, slash), name: credential.slice(slash + 1) } : { namespace: podNamespace, name: credential };
}

export function findSecret(index: ResourceIndex, namespace: string, name: string, ctx: RuleContext): Resource | undefined {
  return index.ofKind('', 'Secret').find((s) => s.name === name && namespaceOf(s, ctx) === namespace);
}

/** cert-manager Certificates by the Secret they write, "ns/secretName" → Certificates. */
export function certificatesBySecret(index: ResourceIndex, defaultNamespace: string): Map<string, Resource[]> {
  return cachedOn(index, `workloads|certs-by-secret|${defaultNamespace}`, () => {
    const out = new Map<string, Resource[]>();
    for (const res of index.ofKind('cert-manager.io', 'Certificate')) {
      const c = asCertificate(res, defaultNamespace);
      if (!c?.secretName) continue;
      const key = `${c.namespace}/${c.secretName}`;
      out.set(key, [...(out.get(key) ?? []), res]);
    }
    return out;
  });
}
