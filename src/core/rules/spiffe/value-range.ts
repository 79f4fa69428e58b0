// Ranges inside a scalar value, so a finding can underline exactly the bad part of a SPIFFE ID, principal
// or template instead of the whole line.
import type { Resource } from '../../yaml/resource';
import type { FieldPath, Range } from '../../types';

/**
 * The range of characters [start, end) of the string value at `path`. Works for plain and quoted
 * scalars whose source spells the value literally; anything else (escapes, folded or block scalars)
 * falls back to the whole value's range, which is still correct, only less precise.
 */
export function valueSubRange(res: Resource, path: FieldPath, start: number, end: number): Range {
  const whole = res.rangeOf(path);
  const off = res.offsetsOf(path);
  const value = res.get(path);
  if (!off || typeof value !== 'string') return whole;
  const raw = res.source.slice(off[0], off[1]);
  const quote = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
  if (raw.slice(quote, quote + value.length) !== value) return whole;
  const s = Math.max(0, Math.min(start, value.length));
  const e = Math.max(s, Math.min(end, value.length));
  if (e === s) return whole; // an empty highlight helps nobody; show the whole value
  return { start: res.positionAt(off[0] + quote + s), end: res.positionAt(off[0] + quote + e) };
}

/** A short rendering of a value for messages: quoted, and cut in the middle when long. */
export function quoteForMessage(value: string, max = 80): string {
  const v = value.length > max ? `${value.slice(0, max / 2)}…${value.slice(-max / 2 + 1)}` : value;
  return JSON.stringify(v);
}
