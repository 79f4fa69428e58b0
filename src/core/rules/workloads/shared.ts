// Small helpers the workload/service/gateway rules share.
import type { Resource } from '../../yaml/resource';
import type { RuleContext } from '../rule';
import type { FieldPath, RelatedLocation, TextEdit } from '../../types';
import { insertLineBefore } from '../fix';

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
    return insertLineBefore(res, pair[1] + 1, `${indent}  ${entry}\n`);
  }
  return insertLineBefore(res, at[0], `${indent}${map}:\n${indent}  ${entry}\n`);
}

/** True when only spaces precede `offset` on its line (a block-style key, not `- key` or `{key`). */
function isBlockKeyAt(res: Resource, offset: number): boolean {
  const lineStart = res.source.lastIndexOf('\n', offset - 1) + 1;
  return /^ *$/.test(res.source.slice(lineStart, offset));
}
