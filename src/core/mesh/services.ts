// Services and the workloads behind them: selector vs pod template labels, and Service targetPort
// (number or name) to container port. Istio's port-level PeerAuthentication and the inbound listener
// work on container ports, while clients and DestinationRules speak Service ports; this maps between them.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import { cachedOnKinds } from './cache';
import type { MeshConfig } from './mesh-config';
import { WORKLOAD_GROUP, WORKLOAD_KINDS, matchLabels, workloadsOf, type Workload } from './workloads';

/** Kubernetes' DNS suffix for Services (Istio's default domain suffix). */
export const CLUSTER_DOMAIN = 'cluster.local';

export interface ServicePort {
  port: number;
  name?: string;
  /** targetPort as written; defaults to `port`. */
  targetPort: number | string;
  path: FieldPath;
}

export interface ServiceInfo {
  resource: Resource;
  name: string;
  namespace: string;
  fqdn: string;
  /** spec.selector; undefined = no selector (endpoints managed by hand), which selects no workload. */
  selector?: Record<string, string>;
  ports: ServicePort[];
  headless: boolean;
}

export interface MeshWorkloads {
  all: Workload[];
  byNamespace: Map<string, Workload[]>;
  /** Lookup from a workload's resource to its Workload view. */
  byResource: Map<Resource, Workload>;
  /** Workloads per `namespace\0key=value` pod label, so selectors do not scan whole namespaces. */
  byLabel: Map<string, Workload[]>;
}

export interface ServiceTable {
  all: ServiceInfo[];
  byFqdn: Map<string, ServiceInfo>;
  byNamespace: Map<string, ServiceInfo[]>;
}

export function meshWorkloads(index: ResourceIndex, mesh: MeshConfig): MeshWorkloads {
  const inputs = WORKLOAD_KINDS.map((k) => index.ofKind(WORKLOAD_GROUP[k], k));
  return cachedOnKinds(index, `workloads|${mesh.defaultNamespace}`, inputs, () => {
    const all = workloadsOf(index, mesh.defaultNamespace);
    const byNamespace = new Map<string, Workload[]>();
    const byResource = new Map<Resource, Workload>();
    const byLabel = new Map<string, Workload[]>();
    for (const w of all) {
      const list = byNamespace.get(w.namespace) ?? [];
      list.push(w);
      byNamespace.set(w.namespace, list);
      byResource.set(w.resource, w);
      for (const k in w.labels) {
        const key = labelKey(w.namespace, k, w.labels[k]);
        const bucket = byLabel.get(key);
        if (bucket) bucket.push(w);
        else byLabel.set(key, [w]);
      }
    }
    return { all, byNamespace, byResource, byLabel };
  });
}

export function servicesOf(index: ResourceIndex, mesh: MeshConfig): ServiceTable {
  return cachedOnKinds(index, `services|${mesh.defaultNamespace}`, [index.ofKind('', 'Service')], () => {
    const all: ServiceInfo[] = [];
    for (const res of index.ofKind('', 'Service')) {
      const info = toServiceInfo(res, mesh.defaultNamespace);
      if (info) all.push(info);
    }
    const byFqdn = new Map<string, ServiceInfo>();
    const byNamespace = new Map<string, ServiceInfo[]>();
    for (const s of all) {
      if (!byFqdn.has(s.fqdn)) byFqdn.set(s.fqdn, s);
      const list = byNamespace.get(s.namespace) ?? [];
      list.push(s);
      byNamespace.set(s.namespace, list);
    }
    return { all, byFqdn, byNamespace };
  });
}

function toServiceInfo(res: Resource, defaultNamespace: string): ServiceInfo | undefined {
  if (!res.name) return undefined;
  const namespace = res.namespace ?? defaultNamespace;
  const sel = res.get(['spec', 'selector']);
  const selector =
    sel && typeof sel === 'object' && !Array.isArray(sel) && Object.keys(sel).length > 0
      ? Object.fromEntries(Object.entries(sel).map(([k, v]) => [k, String(v)]))
      : undefined;
  const ports: ServicePort[] = [];
  const rawPorts = res.get(['spec', 'ports']);
  if (Array.isArray(rawPorts)) {
    rawPorts.forEach((p: any, i: number) => {
      const port = Number(p?.port);
      if (!Number.isInteger(port)) return;
      const tp = p?.targetPort;
      const targetPort = typeof tp === 'number' ? tp : typeof tp === 'string' && tp !== '' ? (/^\d+$/.test(tp) ? Number(tp) : tp) : port;
      ports.push({ port, name: typeof p?.name === 'string' ? p.name : undefined, targetPort, path: ['spec', 'ports', i] });
    });
  }
  return {
    resource: res,
    name: res.name,
    namespace,
    fqdn: `${res.name}.${namespace}.svc.${CLUSTER_DOMAIN}`,
    selector,
    ports,
    headless: res.get(['spec', 'clusterIP']) === 'None',
  };
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}=${value}`;
}

/**
 * Workloads of `namespace` whose pod labels include every pair of `selector` (an empty or missing
 * selector selects the whole namespace). Looks up the first pair's bucket instead of scanning.
 */
export function selectWorkloads(workloads: MeshWorkloads, namespace: string, selector: Record<string, string> | undefined): Workload[] {
  const pairs = selector ? Object.entries(selector) : [];
  if (!pairs.length) return workloads.byNamespace.get(namespace) ?? [];
  const [k, v] = pairs[0];
  const bucket = workloads.byLabel.get(labelKey(namespace, k, v)) ?? [];
  return pairs.length === 1 ? bucket : bucket.filter((w) => matchLabels(selector, w.labels));
}

/** Workloads a Service selects (same namespace, selector ⊆ pod labels). */
export function workloadsBehind(index: ResourceIndex, mesh: MeshConfig, service: ServiceInfo): Workload[] {
  if (!service.selector) return [];
  return selectWorkloads(meshWorkloads(index, mesh), service.namespace, service.selector);
}

/** Services that select a workload. */
export function servicesSelecting(index: ResourceIndex, mesh: MeshConfig, workload: Workload): ServiceInfo[] {
  return (servicesOf(index, mesh).byNamespace.get(workload.namespace) ?? []).filter(
    (s) => !!s.selector && matchLabels(s.selector, workload.labels),
  );
}

export interface ContainerPort {
  port: number;
  name?: string;
  container: string;
}

/** Every declared container port of the pod. */
export function containerPortsOf(workload: Workload): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = Array.isArray(workload.podSpec.containers) ? workload.podSpec.containers : [];
  for (const c of containers) {
    for (const p of Array.isArray(c?.ports) ? c.ports : []) {
      const port = Number(p?.containerPort);
      if (Number.isInteger(port)) out.push({ port, name: typeof p?.name === 'string' ? p.name : undefined, container: String(c?.name ?? '') });
    }
  }
  return out;
}

/**
 * The container port a Service port reaches on a workload: a numeric targetPort is used as is (Kubernetes
 * does not require it to be declared); a named one must be declared by a container, else undefined.
 */
export function containerPortFor(workload: Workload, targetPort: number | string): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  return containerPortsOf(workload).find((p) => p.name === targetPort)?.port;
}
