// Small helpers the workload/service/gateway rules share.
import type { Resource } from '../../yaml/resource';
import type { RuleContext } from '../rule';
import type { FieldPath, RelatedLocation, TextEdit } from '../../types';
import { insertLineBefore } from '../fix';
import type { ResourceIndex } from '../../index';
import { cachedOn } from '../../mesh/cache';

/** The namespace a namespaced object lives in (kubectl's default when the YAML sets none). */
export function namespaceOf(res: Resource, ctx: RuleContext): string {
  return res.namespace ?? ctx.settings.defaultNamespace;
}

/** "ns/name", or just the name when the YAML sets no namespace. */
export function displayName(res: Resource): string {
  return res.namespace ? `${res.namespace}/${res.name}` : res.name;
}

/** A related-location entry pointing at another document's `kind` line (or at `path`). */
export function relatedTo(res: Resource, message: string, path?: (string | number)[]): RelatedLocation {
  return { file: res.file, range: path ? res.rangeOf(path) : res.kindRange(), message };
}

/** Quote a value for a YAML scalar when it needs quoting. */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(value) && !/^(true|false|yes|no|on|off|null|~|\d.*)$/i.test(value) ? value : JSON.stringify(value);
}

/**
 * An edit that adds `key: value` to the labels (or annotations) map under `metaPath` (e.g.
 * ['metadata'] or ['spec','template','metadata']), creating the map when it is missing. Returns
 * undefined for layouts it cannot edit safely (flow-style maps, missing metadata).
 */
export function addMapEntryEdit(res: Resource, metaPath: FieldPath, map: 'labels' | 'annotations', key: string, value: string): TextEdit | undefined {
  const entry = `${yamlScalar(key)}: ${yamlScalar(value)}`;
  const mapValue = res.get([...metaPath, map]);
  if (mapValue && typeof mapValue === 'object' && Object.keys(mapValue).length > 0) {
    const first = Object.keys(mapValue)[0];
    const at = res.pairOffsetsOf([...metaPath, map, first]);
    if (!at || !isBlockKeyAt(res, at[0])) return undefined;
    return insertLineBefore(res, at[0], `${' '.repeat(res.positionAt(at[0]).character)}${entry}\n`);
  }
  if (mapValue !== undefined && mapValue !== null) return undefined; // `labels: {}` and the like
  const meta = res.get(metaPath);
  if (!meta || typeof meta !== 'object') return undefined;
  const siblings = Object.keys(meta);
  if (!siblings.length) return undefined;
  const at = res.pairOffsetsOf([...metaPath, siblings[0]]);
  if (!at || !isBlockKeyAt(res, at[0])) return undefined;
  const indent = ' '.repeat(res.positionAt(at[0]).character);
  if (mapValue === null) {
    const pair = res.pairOffsetsOf([...metaPath, map]);
    if (!pair) return undefined;
    // `labels:` with an empty value: put the entry on the next line.
    const nl = res.source.indexOf('\n', pair[1]);
    if (nl < 0) return undefined;
    return insertLineBefore(res, nl + 1, `${indent}  ${entry}\n`);
  }
  return insertLineBefore(res, at[0], `${indent}${map}:\n${indent}  ${entry}\n`);
}

/** True when only spaces precede `offset` on its line (a block-style key, not `- key` or `{key`). */
function isBlockKeyAt(res: Resource, offset: number): boolean {
  const lineStart = res.source.lastIndexOf('\n', offset - 1) + 1;
  return /^ *$/.test(res.source.slice(lineStart, offset));
}

/**
 * Whether the analysed resources show any sign of Istio (an istio.io kind, an Istio namespace label, an
 * istio-proxy container, the injector ConfigMap). Istio-only advice (e.g. "this namespace is not
 * injected") stays quiet in workspaces that use another mesh or none.
 */
export function usesIstio(index: ResourceIndex): boolean {
  return cachedOn(index, 'workloads|uses-istio', () => {
    for (const r of index.all()) {
      if (r.group.endsWith('istio.io')) return true;
      if (r.kind === 'Namespace' && r.group === '') {
        const l = r.labels;
        if ('istio-injection' in l || 'istio.io/rev' in l || 'istio.io/dataplane-mode' in l) return true;
      }
      if (r.kind === 'ConfigMap' && r.name.startsWith('istio-sidecar-injector')) return true;
      const spec = r.kind === 'Pod' ? r.obj.spec : r.get(['spec', 'template', 'spec']);
      if (spec && Array.isArray(spec.containers) && spec.containers.some((c: any) => c?.name === 'istio-proxy')) return true;
    }
    return false;
  });
}

/** Namespaces `istioctl analyze` drops from its input entirely (the injector's ignored namespaces). */
const ISTIO_INVISIBLE_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/**
 * True when `istioctl analyze` would not even read this object: it lives in (or is) one of the system
 * namespaces its file source filters out. IST-coded rules skip such objects to agree with Istio.
 */
export function invisibleToIstio(res: Resource, ctx: RuleContext): boolean {
  const ns = res.kind === 'Namespace' && res.group === '' ? res.name : namespaceOf(res, ctx);
  return ISTIO_INVISIBLE_NAMESPACES.has(ns);
}
