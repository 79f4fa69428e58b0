// Small helpers shared by the mesh rules: related locations and document-appending edits.
import type { Resource } from '../../yaml/resource';
import type { FieldPath, RelatedLocation, TextEdit } from '../../types';
import { resourceLabel } from '../../mesh/tls-pairing';

export function relatedAt(res: Resource, message: string, path?: FieldPath): RelatedLocation {
  return { file: res.file, range: path ? res.rangeOf(path) : res.kindRange(), message };
}

/** Related location of a resource, labelled "Kind ns/name: <why>". */
export function relatedTo(res: Resource, why: string, path?: FieldPath): RelatedLocation {
  return relatedAt(res, `${resourceLabel(res)}: ${why}`, path);
}

/** An edit that appends a new YAML document at the end of `res`'s file. */
export function appendDocument(res: Resource, yamlText: string): TextEdit {
  const text = res.source;
  const end = res.positionAt(text.length);
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { file: res.file, range: { start: end, end }, newText: `${sep}---\n${yamlText.endsWith('\n') ? yamlText : `${yamlText}\n`}` };
}

/** YAML for a flat string map, indented by `indent` spaces (keys and values quoted when needed). */
export function yamlMap(map: Record<string, string>, indent: number): string {
  const pad = ' '.repeat(indent);
  return Object.entries(map)
    .map(([k, v]) => `${pad}${quote(k)}: ${quote(v)}`)
    .join('\n');
}

function quote(s: string): string {
  return /^[A-Za-z0-9_.\-/]+$/.test(s) && !/^(true|false|null|yes|no|on|off|~|[0-9.]+)$/i.test(s) ? s : JSON.stringify(s);
}

export function more(n: number, noun: string): string {
  return n > 0 ? ` (and ${n} more ${noun}${n > 1 ? 's' : ''})` : '';
}
