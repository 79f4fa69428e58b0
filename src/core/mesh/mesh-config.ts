// The Istio mesh settings the semantics depend on: root namespace, auto-mTLS and trust domain.
// They come from the analysis settings (mtlsLens.rootNamespace / mtlsLens.autoMtls / trustDomain) unless
// the workspace holds the mesh ConfigMap itself (ConfigMap `istio`, key `mesh`), which is what istiod
// would actually read, so it wins.
import { parse as parseYaml } from 'yaml';
import type { ResourceIndex } from '../index';
import type { AnalysisSettings } from '../settings';
import type { Resource } from '../yaml/resource';
import { cachedOnKinds } from './cache';

export interface MeshConfig {
  rootNamespace: string;
  autoMtls: boolean;
  trustDomain: string;
  /** Namespace of objects that do not set one (from the settings; not part of Istio's mesh config). */
  defaultNamespace: string;
  /** The ConfigMap the values were read from, when the workspace has one. */
  source?: Resource;
  /** Problems reading the ConfigMap (shown in explanations; never thrown). */
  notes: string[];
}

export function meshConfigOf(index: ResourceIndex, settings: AnalysisSettings): MeshConfig {
  const key = `mesh-config|${settings.rootNamespace}|${settings.autoMtls}|${settings.trustDomain}|${settings.defaultNamespace}`;
  return cachedOnKinds(index, key, [index.ofKind('', 'ConfigMap')], () => compute(index, settings));
}

function compute(index: ResourceIndex, settings: AnalysisSettings): MeshConfig {
  const base: MeshConfig = {
    rootNamespace: settings.rootNamespace,
    autoMtls: settings.autoMtls,
    trustDomain: settings.trustDomain,
    defaultNamespace: settings.defaultNamespace,
    notes: [],
  };
  const cm = findMeshConfigMap(index, settings.rootNamespace);
  if (!cm) return base;
  const text = cm.get(['data', 'mesh']);
  if (typeof text !== 'string') return base;
  let mesh: unknown;
  try {
    mesh = parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    base.notes.push(`ConfigMap ${cm.namespace ?? ''}/${cm.name}: data.mesh is not valid YAML (${(e as Error).message.split('\n')[0]}); using the settings instead.`);
    return base;
  }
  if (!mesh || typeof mesh !== 'object' || Array.isArray(mesh)) return { ...base, source: cm };
  const m = mesh as Record<string, unknown>;
  const out: MeshConfig = { ...base, source: cm };
  if (typeof m.enableAutoMtls === 'boolean') out.autoMtls = m.enableAutoMtls;
  else if (m.enableAutoMtls === 'false' || m.enableAutoMtls === 'true') out.autoMtls = m.enableAutoMtls === 'true';
  if (typeof m.rootNamespace === 'string' && m.rootNamespace) out.rootNamespace = m.rootNamespace;
  if (typeof m.trustDomain === 'string' && m.trustDomain) out.trustDomain = m.trustDomain;
  return out;
}

/** The mesh ConfigMap: `istio` in the root namespace first, else any ConfigMap named `istio`. */
function findMeshConfigMap(index: ResourceIndex, rootNamespace: string): Resource | undefined {
  const candidates = index.ofKind('', 'ConfigMap').filter((r) => r.name === 'istio' && typeof r.get(['data', 'mesh']) === 'string');
  return candidates.find((r) => r.namespace === rootNamespace) ?? candidates[0];
}
