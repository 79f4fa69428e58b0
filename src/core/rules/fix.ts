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

/**
 * Insert a `key: value` line (`text`, without indentation) into the block map that holds `siblingPath`,
 * right after that sibling's pair and at its indentation. Returns undefined for flow-style maps
 * (`{a: 1}`), where a line-based insert would break the YAML.
 */
export function insertKeyAfter(res: Resource, siblingPath: FieldPath, text: string): TextEdit | undefined {
  const off = res.pairOffsetsOf(siblingPath);
  if (!off) return undefined;
  const src = res.source;
  const lineStart = src.lastIndexOf('\n', off[0] - 1) + 1;
  // Only whitespace or sequence markers ("- ") may precede the key on its line.
  if (!/^[ \t]*(?:- +)*$/.test(src.slice(lineStart, off[0]))) return undefined;
  const column = off[0] - lineStart;
  let end = off[1];
  if (end > off[0] && src[end - 1] === '\n') end -= 1; // block values may end after their last newline
  const nl = src.indexOf('\n', end);
  const at = nl < 0 ? src.length : nl + 1;
  const p = res.positionAt(at);
  return { file: res.file, range: { start: p, end: p }, newText: `${nl < 0 ? '\n' : ''}${' '.repeat(column)}${text}\n` };
}

/**
 * Set the value of the existing key at `path` to `text` (written as-is): replaces the value, or fills
 * in a key written without one (`rules:`).
 */
export function setValue(res: Resource, path: FieldPath, text: string): TextEdit | undefined {
  const value = replaceValue(res, path, text);
  if (value) return value;
  const pair = res.pairOffsetsOf(path);
  if (!pair) return undefined;
  const src = res.source;
  const colon = src.indexOf(':', pair[1]);
  const eol = src.indexOf('\n', pair[1]);
  if (colon < 0 || (eol >= 0 && colon > eol)) return undefined;
  const p = res.positionAt(colon + 1);
  return { file: res.file, range: { start: p, end: p }, newText: ` ${text}` };
}

/**
 * Remove the block-sequence item at `path` (e.g. ['spec','rules',0,'when',1]) with all its lines.
 * Returns undefined for flow sequences (`[a, b]`), where a line-based edit would break the YAML.
 */
export function removeSeqItem(res: Resource, path: FieldPath): TextEdit | undefined {
  const off = res.offsetsOf(path);
  if (!off) return undefined;
  const src = res.source;
  const lineStart = src.lastIndexOf('\n', off[0] - 1) + 1;
  if (!/^[ \t]*-[ \t]+$/.test(src.slice(lineStart, off[0]))) return undefined;
  let end = off[1];
  if (end > off[0] && src[end - 1] === '\n') end -= 1;
  const nl = src.indexOf('\n', end);
  end = nl < 0 ? src.length : nl + 1;
  return { file: res.file, range: { start: res.positionAt(lineStart), end: res.positionAt(end) }, newText: '' };
}
