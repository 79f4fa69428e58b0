// Services and the workloads behind them: selector vs pod template labels, and Service targetPort
// (number or name) to container port. Istio's port-level PeerAuthentication and the inbound listener
// work on container ports, while clients and DestinationRules speak Service ports; this maps between them.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import { cachedOn } from './cache';
import type { MeshConfig } from './mesh-config';
import { matchLabels, workloadsOf, type Workload } from './workloads';

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
}

export interface ServiceTable {
  all: ServiceInfo[];
  byFqdn: Map<string, ServiceInfo>;
  byNamespace: Map<string, ServiceInfo[]>;
}

export function meshWorkloads(index: ResourceIndex, mesh: MeshConfig): MeshWorkloads {
  return cachedOn(index, `workloads|${mesh.defaultNamespace}`, () => {
    const all = workloadsOf(index, mesh.defaultNamespace);
    const byNamespace = new Map<string, Workload[]>();
    const byResource = new Map<Resource, Workload>();
    for (const w of all) {
      const list = byNamespace.get(w.namespace) ?? [];
      list.push(w);
      byNamespace.set(w.namespace, list);
      byResource.set(w.resource, w);
    }
    return { all, byNamespace, byResource };
  });
}

export function servicesOf(index: ResourceIndex, mesh: MeshConfig): ServiceTable {
  return cachedOn(index, `services|${mesh.defaultNamespace}`, () => {
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

/** Workloads a Service selects (same namespace, selector ⊆ pod labels). */
export function workloadsBehind(index: ResourceIndex, mesh: MeshConfig, service: ServiceInfo): Workload[] {
  if (!service.selector) return [];
  return (meshWorkloads(index, mesh).byNamespace.get(service.namespace) ?? []).filter((w) => matchLabels(service.selector, w.labels));
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
