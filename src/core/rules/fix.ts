// Helpers that turn "change this field" into text edits on the resource's file.
import type { Resource } from '../yaml/resource';
import type { FieldPath, Fix, TextEdit } from '../types';

/** Replace the scalar value at `path` with `newText` (written as-is). */
export function replaceValue(res: Resource, path: FieldPath, newText: string): TextEdit | undefined {
  const off = res.offsetsOf(path);
  if (!off) return undefined;
  return { file: res.file, range: { start: res.positionAt(off[0]), end: res.positionAt(off[1]) }, newText: keepQuoteStyle(res.source.slice(off[0], off[1]), newText) };
}

/** A fix that swaps `"get"` for GET keeps the user's quotes: `"GET"`. Structured or already quoted text is left alone. */
function keepQuoteStyle(old: string, newText: string): string {
  const q = old[0];
  if ((q !== '"' && q !== "'") || old[old.length - 1] !== q || old.length < 2) return newText;
  if (/^["'[{|>]/.test(newText) || newText.includes('\n') || newText.includes(q)) return newText;
  return `${q}${newText}${q}`;
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
  // A block map/sequence value ends after its last newline; without this step the next line went too.
  if (end > off[0] && text[end - 1] === '\n') end -= 1;
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

/**
 * Append scalar items (`items`, already written as YAML scalars) to the sequence at `path`: new `- item`
 * lines after the last item of a block sequence, or `, item` before the `]` of a flow sequence.
 */
export function appendToSequence(res: Resource, path: FieldPath, items: string[]): TextEdit | undefined {
  const seq = res.get(path);
  const whole = res.offsetsOf(path);
  if (!Array.isArray(seq) || !whole || items.length === 0) return undefined;
  const src = res.source;
  if (src[whole[0]] === '[') {
    const close = src.lastIndexOf(']', whole[1]);
    if (close < whole[0]) return undefined;
    const p = res.positionAt(close);
    const inner = src.slice(whole[0] + 1, close).trim();
    return { file: res.file, range: { start: p, end: p }, newText: `${inner === '' ? '' : ', '}${items.join(', ')}` };
  }
  if (seq.length === 0) return undefined;
  const last = res.offsetsOf([...path, seq.length - 1]);
  if (!last) return undefined;
  const lineStart = src.lastIndexOf('\n', last[0] - 1) + 1;
  const marker = /^([ \t]*-[ \t]+)$/.exec(src.slice(lineStart, last[0]));
  if (!marker) return undefined;
  let end = last[1];
  if (end > last[0] && src[end - 1] === '\n') end -= 1;
  const nl = src.indexOf('\n', end);
  const at = nl < 0 ? src.length : nl + 1;
  const p = res.positionAt(at);
  const lines = items.map((i) => `${marker[1]}${i}\n`).join('');
  return { file: res.file, range: { start: p, end: p }, newText: `${nl < 0 ? '\n' : ''}${lines}` };
}

/** The key of the last entry of the block map at `path` (to insert a new key after it), if any. */
export function lastKeyPath(res: Resource, path: FieldPath): FieldPath | undefined {
  const map = res.get(path);
  if (!map || typeof map !== 'object' || Array.isArray(map)) return undefined;
  const keys = Object.keys(map);
  return keys.length ? [...path, keys[keys.length - 1]] : undefined;
}

/**
 * Add `key: value` (both already YAML scalars) to the block map at `mapPath`, creating the map under its
 * parent when it is absent or empty (`annotations:`). Returns undefined for flow maps.
 */
export function addMapEntry(res: Resource, mapPath: FieldPath, key: string, value: string): TextEdit | undefined {
  const existing = res.get(mapPath);
  const inside = lastKeyPath(res, mapPath);
  if (existing && typeof existing === 'object' && inside) return insertKeyAfter(res, inside, `${key}: ${value}`);
  if (existing != null && (typeof existing !== 'object' || Object.keys(existing).length > 0)) return undefined;
  const mapKey = String(mapPath[mapPath.length - 1]);
  const src = res.source;
  if (res.has(mapPath)) {
    // `annotations:` written without a value, or `annotations: {}`: replace from the key to the line end.
    const pair = res.pairOffsetsOf(mapPath);
    if (!pair) return undefined;
    const lineStart = src.lastIndexOf('\n', pair[0] - 1) + 1;
    const column = pair[0] - lineStart;
    const eol = src.indexOf('\n', pair[0]);
    const end = eol < 0 ? src.length : eol;
    return { file: res.file, range: { start: res.positionAt(pair[0]), end: res.positionAt(end) }, newText: `${mapKey}:\n${' '.repeat(column + 2)}${key}: ${value}` };
  }
  const sibling = lastKeyPath(res, mapPath.slice(0, -1));
  if (!sibling) return undefined;
  const off = res.pairOffsetsOf(sibling);
  if (!off) return undefined;
  const lineStart = src.lastIndexOf('\n', off[0] - 1) + 1;
  const column = off[0] - lineStart;
  return insertKeyAfter(res, sibling, `${mapKey}:\n${' '.repeat(column + 2)}${key}: ${value}`);
}
