// Istio's effective PeerAuthentication for a workload and each of its ports (catalog §3.1):
// candidates from the workload's namespace and the root namespace, classified mesh / namespace /
// workload level, the oldest of competing objects kept, UNSET inheriting from the level above, port-level
// keys matched against container ports, PERMISSIVE when nothing applies.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import { cachedOnKinds } from './cache';
import type { MeshConfig } from './mesh-config';
import { matchLabels } from './workloads';
import { basisPhrase, oldestFirst, type OrderBasis } from './order';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
export type PaMode = MtlsMode | 'UNSET';
export type PaLevel = 'mesh' | 'namespace' | 'workload';

export interface ClassifiedPa {
  resource: Resource;
  namespace: string;
  /** 'ignored' = a selector PeerAuthentication in the root namespace, which Istio never applies. */
  level: PaLevel | 'ignored';
  /** matchLabels of a non-empty selector. */
  selector?: Record<string, string>;
  /** spec.mtls.mode; omitted or unknown values count as UNSET. */
  mode: PaMode;
  /** spec.portLevelMtls: port → mode, with the path of each entry. */
  ports: { port: number; mode: PaMode; path: FieldPath }[];
}

export interface PaTable {
  /** Mesh-level PAs (root namespace, no selector), oldest first. */
  mesh: ClassifiedPa[];
  meshBasis: OrderBasis;
  /** Namespace-level PAs per namespace, oldest first. */
  namespace: Map<string, { items: ClassifiedPa[]; basis: OrderBasis }>;
  /** Workload-level PAs per namespace (not yet filtered by labels). */
  workload: Map<string, ClassifiedPa[]>;
  /** Workload-level PAs by `namespace\0key=value` of their first selector label (a fast pre-filter). */
  workloadByLabel: Map<string, ClassifiedPa[]>;
  /** Selector PAs in the root namespace. */
  ignored: ClassifiedPa[];
  all: ClassifiedPa[];
}

export interface ChainStep {
  level: 'default' | PaLevel | 'port';
  resource?: Resource;
  /** The mode the step itself declares (UNSET steps inherit). */
  mode: PaMode;
  /** Port (container port) for 'port' steps. */
  port?: number;
  note: string;
}

export interface MtlsExplanation {
  /** Workload-wide effective mode. */
  mode: MtlsMode;
  /** Effective mode of each container port named in the workload-level PA's portLevelMtls. */
  ports: Record<number, MtlsMode>;
  /** The steps that decided the mode, from the default to the most specific. */
  chain: ChainStep[];
  /** PeerAuthentications that match but are not applied, and why. */
  ignored: { resource: Resource; reason: string }[];
}

/** The part of a workload the resolution needs (a Workload from workloads.ts, or a cluster Pod projection). */
export interface WorkloadIdentity {
  namespace: string;
  labels: Record<string, string>;
}

const PA_GROUP = 'security.istio.io';

export function peerAuthenticationsOf(index: ResourceIndex, mesh: MeshConfig): PaTable {
  const inputs = [index.ofKind(PA_GROUP, 'PeerAuthentication')];
  return cachedOnKinds(index, `pa-table|${mesh.rootNamespace}|${mesh.defaultNamespace}`, inputs, () => buildTable(index, mesh));
}

export function classifyPa(res: Resource, mesh: MeshConfig): ClassifiedPa {
  const namespace = res.namespace ?? mesh.defaultNamespace;
  const rawSelector = res.get(['spec', 'selector', 'matchLabels']);
  const selector =
    rawSelector && typeof rawSelector === 'object' && !Array.isArray(rawSelector) && Object.keys(rawSelector).length > 0
      ? Object.fromEntries(Object.entries(rawSelector).map(([k, v]) => [k, String(v)]))
      : undefined;
  const inRoot = namespace === mesh.rootNamespace;
  const level: ClassifiedPa['level'] = selector ? (inRoot ? 'ignored' : 'workload') : inRoot ? 'mesh' : 'namespace';
  const ports: ClassifiedPa['ports'] = [];
  const plm = res.get(['spec', 'portLevelMtls']);
  if (plm && typeof plm === 'object' && !Array.isArray(plm)) {
    for (const [key, value] of Object.entries(plm)) {
      const port = Number(key);
      if (!Number.isInteger(port)) continue;
      ports.push({ port, mode: toMode((value as any)?.mode), path: ['spec', 'portLevelMtls', key] });
    }
    ports.sort((a, b) => a.port - b.port);
  }
  return { resource: res, namespace, level, selector, mode: toMode(res.get(['spec', 'mtls', 'mode'])), ports };
}

function toMode(x: unknown): PaMode {
  return x === 'STRICT' || x === 'PERMISSIVE' || x === 'DISABLE' ? x : 'UNSET';
}

function buildTable(index: ResourceIndex, mesh: MeshConfig): PaTable {
  const all = index.ofKind(PA_GROUP, 'PeerAuthentication').map((r) => classifyPa(r, mesh));
  const nsGroups = new Map<string, ClassifiedPa[]>();
  const workload = new Map<string, ClassifiedPa[]>();
  const meshLevel: ClassifiedPa[] = [];
  const ignored: ClassifiedPa[] = [];
  for (const pa of all) {
    if (pa.level === 'mesh') meshLevel.push(pa);
    else if (pa.level === 'ignored') ignored.push(pa);
    else {
      const map = pa.level === 'namespace' ? nsGroups : workload;
      const list = map.get(pa.namespace) ?? [];
      list.push(pa);
      map.set(pa.namespace, list);
    }
  }
  const meshSorted = oldestFirst(meshLevel, (p) => p.resource);
  const namespace = new Map<string, { items: ClassifiedPa[]; basis: OrderBasis }>();
  for (const [ns, list] of nsGroups) {
    const s = oldestFirst(list, (p) => p.resource);
    namespace.set(ns, { items: s.sorted, basis: s.basis });
  }
  const workloadByLabel = new Map<string, ClassifiedPa[]>();
  for (const list of workload.values()) {
    for (const pa of list) {
      const [k, v] = Object.entries(pa.selector ?? {})[0];
      const key = `${pa.namespace}\u0000${k}=${v}`;
      workloadByLabel.set(key, [...(workloadByLabel.get(key) ?? []), pa]);
    }
  }
  return { mesh: meshSorted.sorted, meshBasis: meshSorted.basis, namespace, workload, workloadByLabel, ignored, all };
}

/** Workload-level PAs of the workload's namespace whose selector matches its labels, oldest first. */
export function matchingWorkloadPas(table: PaTable, workload: WorkloadIdentity): { items: ClassifiedPa[]; basis: OrderBasis } {
  const list: ClassifiedPa[] = [];
  for (const k in workload.labels) {
    for (const p of table.workloadByLabel.get(`${workload.namespace}\u0000${k}=${workload.labels[k]}`) ?? []) {
      if (matchLabels(p.selector, workload.labels)) list.push(p);
    }
  }
  if (list.length < 2) return { items: list, basis: 'document order' };
  const s = oldestFirst(list, (p) => p.resource);
  return { items: s.sorted, basis: s.basis };
}

export function effectiveMtls(index: ResourceIndex, workload: WorkloadIdentity, mesh: MeshConfig): MtlsExplanation {
  const table = peerAuthenticationsOf(index, mesh);
  const chain: ChainStep[] = [];
  const ignored: MtlsExplanation['ignored'] = [];
  let mode: MtlsMode = 'PERMISSIVE';
  chain.push({ level: 'default', mode: 'PERMISSIVE', note: 'Istio default when no PeerAuthentication sets a mode: PERMISSIVE (accepts mTLS and plaintext).' });

  const apply = (level: PaLevel, items: ClassifiedPa[], basis: OrderBasis, scope: string): ClassifiedPa | undefined => {
    const [kept, ...dropped] = items;
    if (!kept) return undefined;
    for (const d of dropped) {
      ignored.push({ resource: d.resource, reason: `another ${scope} PeerAuthentication (${d.namespace}/${kept.resource.name}) is ${basisPhrase(basis)}; Istio keeps only that one` });
    }
    const inherited = mode;
    if (kept.mode !== 'UNSET') mode = kept.mode;
    let note = kept.mode === 'UNSET' ? `${scope} PeerAuthentication leaves the mode UNSET, so ${inherited} is inherited` : `${scope} PeerAuthentication sets ${kept.mode}`;
    if (dropped.length) note += ` (kept over ${dropped.length} other${dropped.length > 1 ? 's' : ''} as ${basisPhrase(basis)})`;
    chain.push({ level, resource: kept.resource, mode: kept.mode, note });
    return kept;
  };

  apply('mesh', table.mesh, table.meshBasis, 'mesh-wide');
  if (workload.namespace !== mesh.rootNamespace) {
    const ns = table.namespace.get(workload.namespace);
    if (ns) apply('namespace', ns.items, ns.basis, 'namespace-wide');
  }
  for (const pa of table.ignored) {
    if (matchLabels(pa.selector, workload.labels)) {
      ignored.push({ resource: pa.resource, reason: `it has a selector but lives in the root namespace ${mesh.rootNamespace}; Istio ignores such PeerAuthentications` });
    }
  }
  const wl = matchingWorkloadPas(table, workload);
  const chosen = apply('workload', wl.items, wl.basis, 'workload');
  const ports: Record<number, MtlsMode> = {};
  if (chosen) {
    for (const p of chosen.ports) {
      const effective = p.mode === 'UNSET' ? mode : p.mode;
      ports[p.port] = effective;
      chain.push({
        level: 'port',
        resource: chosen.resource,
        mode: p.mode,
        port: p.port,
        note: p.mode === 'UNSET' ? `container port ${p.port} is UNSET, so it follows the workload mode ${mode}` : `container port ${p.port} set to ${p.mode}`,
      });
    }
  }
  return { mode, ports, chain, ignored };
}

/** The effective mode on one container port. */
export function modeForPort(expl: MtlsExplanation, containerPort: number | undefined): MtlsMode {
  return containerPort !== undefined && expl.ports[containerPort] !== undefined ? expl.ports[containerPort] : expl.mode;
}

/** The resource that decided the mode of a port (the most specific step with an explicit mode). */
export function decidingStep(expl: MtlsExplanation, containerPort?: number): ChainStep {
  const steps = expl.chain.filter((s) => s.mode !== 'UNSET' && (s.level !== 'port' || s.port === containerPort));
  return steps[steps.length - 1] ?? expl.chain[0];
}

/** What a client-side lookup calls the namespace default (GetNamespaceMutualTLSMode), or undefined when no PA speaks for it. */
export function namespaceDefaultMode(index: ResourceIndex, namespace: string, mesh: MeshConfig): MtlsMode | undefined {
  const table = peerAuthenticationsOf(index, mesh);
  const meshPa = table.mesh[0];
  const meshMode: MtlsMode | undefined = meshPa ? (meshPa.mode === 'UNSET' ? 'PERMISSIVE' : meshPa.mode) : undefined;
  const nsPa = namespace === mesh.rootNamespace ? undefined : table.namespace.get(namespace)?.items[0];
  if (nsPa) return nsPa.mode === 'UNSET' ? (meshMode ?? 'PERMISSIVE') : nsPa.mode;
  return meshMode;
}

/**
 * The PeerAuthentication resources an effective-mode answer for a workload of `namespace` depends on
 * (mesh level, the namespace's own, and root-namespace selector ones). Memos compare these to reuse answers.
 */
/** Per table (rebuilt whenever PeerAuthentications change): namespace → its dependency list. */
const depsMemo = new WeakMap<PaTable, Map<string, Resource[]>>();

export function paDependencies(table: PaTable, namespace: string): Resource[] {
  let byNs = depsMemo.get(table);
  if (!byNs) depsMemo.set(table, (byNs = new Map()));
  let deps = byNs.get(namespace);
  if (!deps) byNs.set(namespace, (deps = computePaDependencies(table, namespace)));
  return deps;
}

function computePaDependencies(table: PaTable, namespace: string): Resource[] {
  const out: Resource[] = [];
  for (const p of table.mesh) out.push(p.resource);
  for (const p of table.namespace.get(namespace)?.items ?? []) out.push(p.resource);
  for (const p of table.workload.get(namespace) ?? []) out.push(p.resource);
  for (const p of table.ignored) out.push(p.resource);
  return out;
}

export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
