// Helpers that turn "change this field" into text edits on the resource's file.
import type { Resource } from '../yaml/resource';
import type { FieldPath, Fix, TextEdit } from '../types';

/** Replace the scalar value at `path` with `newText` (written as-is). */
export function replaceValue(res: Resource, path: FieldPath, newText: string): TextEdit | undefined {
  const off = res.offsetsOf(path);
  if (!off) return undefined;
  return { file: res.file, range: { start: res.positionAt(off[0]), end: res.positionAt(off[1]) }, newText };
}

/**
 * Remove the key/value pair at `path` with all its lines (a nested block included), so the YAML
 * stays valid.
 */
export function removePair(res: Resource, path: FieldPath): TextEdit | undefined {
  const text = res.source;
  const off = res.pairOffsetsOf(path);
  if (!off) return undefined;
  const lineStart = text.lastIndexOf('\n', off[0] - 1) + 1;
  let end = off[1];
  const nl = text.indexOf('\n', end);
  end = nl < 0 ? text.length : nl + 1;
  // If only a '- ' sequence marker precedes the key, keep it off the table: removing a key that starts a
  // sequence item would change the item's shape. Callers check that case themselves.
  return { file: res.file, range: { start: res.positionAt(lineStart), end: res.positionAt(end) }, newText: '' };
}

/** Insert `newText` at the start of the line that holds offset `offset`. */
export function insertLineBefore(res: Resource, offset: number, newText: string): TextEdit {
  const lineStart = res.source.lastIndexOf('\n', offset - 1) + 1;
  const p = res.positionAt(lineStart);
  return { file: res.file, range: { start: p, end: p }, newText };
}

export function fix(title: string, edits: (TextEdit | undefined)[], preferred = false): Fix | undefined {
  const real = edits.filter((e): e is TextEdit => !!e);
  return real.length === edits.length && real.length > 0 ? { title, edits: real, preferred } : undefined;
}

/** Collect fixes, dropping those that could not be built. */
export function fixes(...list: (Fix | undefined)[]): Fix[] {
  return list.filter((f): f is Fix => !!f);
}
