// One cached view of the mesh for rules and explanations: mesh config, workloads, Services,
// PeerAuthentications and DestinationRules, plus memoised per-workload answers. Everything is rebuilt
// only when the index version changes.
import type { ResourceIndex } from '../index';
import type { AnalysisSettings } from '../settings';
import type { Resource } from '../yaml/resource';
import { cachedOn, cachedOnKinds } from './cache';
import { meshConfigOf, type MeshConfig } from './mesh-config';
import { effectiveMtls, paDependencies, peerAuthenticationsOf, sameList, type MtlsExplanation, type PaTable } from './peer-authentication';
import { meshWorkloads, servicesOf, type MeshWorkloads, type ServiceTable } from './services';
import { destinationRulesOf, type DrTable } from './destination-rule';
import { injectionFor, namespaceResource, enableNamespacesByDefault } from './injection';
import type { Workload } from './workloads';

export interface MeshView {
  index: ResourceIndex;
  mesh: MeshConfig;
  workloads: MeshWorkloads;
  services: ServiceTable;
  pas: PaTable;
  drs: DrTable;
  /** Effective PeerAuthentication of a workload (memoised). */
  effective(w: Workload): MtlsExplanation;
  /**
   * False only when the workload is known to stay out of the mesh (no sidecar, no ambient) with its
   * Namespace among the analysed objects; PeerAuthentication does not apply to such workloads. When the
   * Namespace is not in the workspace we cannot tell, and assume the workload is meshed.
   */
  meshed(w: Workload): boolean;
  /** Namespace names known from Namespace objects and from any namespaced object. */
  namespaces: Set<string>;
  /** Changes exactly when the inputs of meshed() change (Namespace and ConfigMap objects). */
  meshedGeneration: object;
}

export function meshView(index: ResourceIndex, settings: AnalysisSettings): MeshView {
  const mesh = meshConfigOf(index, settings);
  const key = `view|${mesh.rootNamespace}|${mesh.autoMtls}|${mesh.trustDomain}|${mesh.defaultNamespace}`;
  return cachedOn(index, key, () => {
    const pas = peerAuthenticationsOf(index, mesh);
    const workloads = meshWorkloads(index, mesh);
    const nsBucket = index.ofKind('', 'Namespace');
    const cmBucket = index.ofKind('', 'ConfigMap');
    // Memos that outlive the index version while their inputs are unchanged (keyed by resource identity,
    // which unchanged files keep).
    const effectiveMemo = effectiveMemoOf(index, key);
    const meshedMemo = cachedOnKinds(index, `${key}|meshed`, [nsBucket, cmBucket], () => new Map<Resource, boolean>());
    const nsByDefault = cachedOnKinds(index, 'ns-by-default', [cmBucket], () => enableNamespacesByDefault(index));
    const namespaces = namespaceNames(index, mesh.defaultNamespace);
    return {
      index,
      mesh,
      workloads,
      services: servicesOf(index, mesh),
      pas,
      drs: destinationRulesOf(index, mesh),
      namespaces,
      meshedGeneration: meshedMemo,
      effective(w) {
        // Reused while the PeerAuthentications that can affect this namespace are the same resources.
        const deps = paDependencies(pas, w.namespace);
        const hit = effectiveMemo.get(w.resource);
        if (hit && sameList(hit.deps, deps)) return hit.value;
        const value = effectiveMtls(index, w, mesh);
        effectiveMemo.set(w.resource, { deps, value });
        return value;
      },
      meshed(w) {
        let m = meshedMemo.get(w.resource);
        if (m === undefined) {
          const ns = namespaceResource(index, w.namespace);
          const d = injectionFor(w, ns, { enableNamespacesByDefault: nsByDefault });
          m = d.mode !== 'none' || !d.namespaceKnown;
          meshedMemo.set(w.resource, m);
        }
        return m;
      },
    };
  });
}

/** Kinds whose namespaces count as "known" (Namespace objects first; then what the mesh rules read). */
const NAMESPACE_SOURCES: [string, string][] = [
  ['', 'Namespace'],
  ['', 'Service'],
  ['', 'ServiceAccount'],
  ['', 'ConfigMap'],
  ['', 'Pod'],
  ['apps', 'Deployment'],
  ['apps', 'StatefulSet'],
  ['apps', 'DaemonSet'],
  ['apps', 'ReplicaSet'],
  ['batch', 'Job'],
  ['batch', 'CronJob'],
  ['security.istio.io', 'PeerAuthentication'],
  ['security.istio.io', 'AuthorizationPolicy'],
  ['security.istio.io', 'RequestAuthentication'],
  ['networking.istio.io', 'DestinationRule'],
  ['networking.istio.io', 'Sidecar'],
];

function namespaceNames(index: ResourceIndex, defaultNamespace: string): Set<string> {
  const buckets = NAMESPACE_SOURCES.map(([g, k]) => index.ofKind(g, k));
  return cachedOnKinds(index, `namespaces|${defaultNamespace}`, buckets, () => {
    const out = new Set<string>();
    for (const r of buckets[0]) if (r.name) out.add(r.name);
    for (const b of buckets.slice(1)) for (const r of b) out.add(r.namespace ?? defaultNamespace);
    return out;
  });
}

const effectiveMemos = new WeakMap<ResourceIndex, Map<string, WeakMap<Resource, { deps: Resource[]; value: MtlsExplanation }>>>();

/** Per-workload effective-mode memo that outlives index versions (entries check their own inputs). */
function effectiveMemoOf(index: ResourceIndex, key: string): WeakMap<Resource, { deps: Resource[]; value: MtlsExplanation }> {
  let byKey = effectiveMemos.get(index);
  if (!byKey) effectiveMemos.set(index, (byKey = new Map()));
  let memo = byKey.get(key);
  if (!memo) byKey.set(key, (memo = new WeakMap()));
  return memo;
}
