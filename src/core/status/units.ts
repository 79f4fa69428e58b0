// Workload units: what a person calls "a workload". A Deployment in a manifest and the live pods its
// ReplicaSet created are one unit (Deployment bookinfo/reviews-v1 with 3 pods), not four. Live pods are
// grouped under their controller from ownerReferences (ReplicaSet `<deployment>-<pod-template-hash>` →
// the Deployment); a manifest workload with the same kind/namespace/name takes them as its pods.
import type { ResourceIndex } from '../index';
import { cachedOn } from '../mesh/cache';
import { asWorkload, matchSelector, workloadsOf, type Workload } from '../mesh/workloads';
import { isLiveResource } from './combine';

export interface WorkloadUnit {
  kind: string;
  namespace: string;
  name: string;
  /** The manifest (or editor) document of the workload; undefined when only live pods are known. */
  template?: Workload;
  /** Live pods of the unit (from the cluster). */
  pods: Workload[];
}

export interface UnitTable {
  all: WorkloadUnit[];
  byKey: Map<string, WorkloadUnit>;
  byNamespace: Map<string, WorkloadUnit[]>;
}

export function unitKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The labels a unit's policies are matched against: the template's, else the first live pod's. */
export function unitLabels(u: WorkloadUnit): Record<string, string> {
  return u.template?.labels ?? u.pods[0]?.labels ?? {};
}

/** A Workload that stands for the unit in the mesh semantics (template first, else a live pod). */
export function representative(u: WorkloadUnit): Workload | undefined {
  return u.template ?? u.pods[0];
}

export function workloadUnits(index: ResourceIndex, defaultNamespace: string): UnitTable {
  return cachedOn(index, `status-units|${defaultNamespace}`, () => build(index, defaultNamespace));
}

function build(index: ResourceIndex, defaultNamespace: string): UnitTable {
  const byKey = new Map<string, WorkloadUnit>();
  const all: WorkloadUnit[] = [];
  const add = (u: WorkloadUnit) => {
    byKey.set(unitKey(u.kind, u.namespace, u.name), u);
    all.push(u);
    return u;
  };
  const livePods: Workload[] = [];
  const manifests: Workload[] = [];
  for (const w of workloadsOf(index, defaultNamespace)) (w.kind === 'Pod' && isLiveResource(w.resource) ? livePods : manifests).push(w);
  // A manifest ReplicaSet or Pod whose owner is also among the manifests (a dump of a cluster) is part
  // of the owner's unit, not a workload of its own.
  const manifestKeys = new Set(manifests.map((w) => unitKey(w.kind, w.namespace, w.name)));
  const livePodKeys = new Set(livePods.map((p) => `${p.namespace}/${p.name}`));
  for (const w of manifests) {
    if (w.kind === 'Pod' && livePodKeys.has(`${w.namespace}/${w.name}`)) continue; // the running copy stands for it
    const owner = controllerOf(w);
    if (owner && manifestKeys.has(unitKey(owner.kind, w.namespace, owner.name))) continue;
    if (!byKey.has(unitKey(w.kind, w.namespace, w.name))) add({ kind: w.kind, namespace: w.namespace, name: w.name, template: w, pods: [] });
  }
  const templates = [...all];
  for (const pod of livePods) {
    const owner = controllerOf(pod);
    if (owner) {
      const key = unitKey(owner.kind, pod.namespace, owner.name);
      const unit = byKey.get(key) ?? add({ kind: owner.kind, namespace: pod.namespace, name: owner.name, pods: [] });
      unit.pods.push(pod);
      continue;
    }
    // A bare pod: the manifest Pod of the same name, or a manifest workload whose selector picks it.
    const same = byKey.get(unitKey('Pod', pod.namespace, pod.name));
    const bySelector = same ?? templates.find((u) => u.namespace === pod.namespace && u.kind !== 'Pod' && selects(u, pod));
    if (bySelector) bySelector.pods.push(pod);
    else add({ kind: 'Pod', namespace: pod.namespace, name: pod.name, pods: [pod] });
  }
  const byNamespace = new Map<string, WorkloadUnit[]>();
  for (const u of all) byNamespace.set(u.namespace, [...(byNamespace.get(u.namespace) ?? []), u]);
  return { all, byKey, byNamespace };
}

function selects(u: WorkloadUnit, pod: Workload): boolean {
  const sel = u.template?.resource.get(['spec', 'selector']);
  return !!sel && typeof sel === 'object' && matchSelector(sel, pod.labels);
}

/** The controller a pod (or ReplicaSet) belongs to, following a pod's ReplicaSet up to its Deployment by name. */
export function controllerOf(pod: Workload): { kind: string; name: string } | undefined {
  const refs = pod.resource.get(['metadata', 'ownerReferences']);
  const ref = Array.isArray(refs) ? refs.find((r: any) => typeof r?.kind === 'string' && typeof r?.name === 'string') : undefined;
  if (!ref) return undefined;
  if (ref.kind === 'ReplicaSet' && pod.kind === 'Pod') {
    const hash = pod.labels['pod-template-hash'];
    if (hash && ref.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1) };
  }
  return { kind: ref.kind, name: ref.name };
}

/** Re-exported so callers need one import for "is this document a workload". */
export { asWorkload };
