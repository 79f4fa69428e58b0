// Derived mesh structures (workloads by namespace, classified PeerAuthentications, Service lookups...)
// are rebuilt only when the index changes. Analyzer.run() calls every cross-document rule on every
// analysis, so without this each rule would redo the same O(resources) work.
import type { ResourceIndex } from '../index';

interface Entry {
  version: number;
  values: Map<string, unknown>;
}

const caches = new WeakMap<ResourceIndex, Entry>();

/**
 * The value computed by `compute` for this index version and `key`. The key must include every input
 * besides the index that changes the result (e.g. the root namespace).
 */
export function cachedOn<T>(index: ResourceIndex, key: string, compute: () => T): T {
  let entry = caches.get(index);
  if (!entry || entry.version !== index.version) {
    entry = { version: index.version, values: new Map() };
    caches.set(index, entry);
  }
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  entry.values.set(key, value);
  return value;
}

interface InputEntry {
  inputs: readonly unknown[];
  lengths: number[];
  value: unknown;
}

const byInputs = new WeakMap<ResourceIndex, Map<string, InputEntry>>();

/**
 * Like cachedOn, but survives index versions as long as the given kind buckets (index.ofKind arrays) are
 * unchanged. The index replaces a bucket array when a file holding that kind is removed or replaced and
 * appends to it when a new file adds one, so "same array and same length" means "same resources". Use it
 * for tables that depend on a few kinds only (a keystroke in a Deployment does not rebuild the
 * PeerAuthentication table). Inputs that are not arrays (settings objects, other cached tables) are
 * compared with ===.
 */
export function cachedOnKinds<T>(index: ResourceIndex, key: string, inputs: readonly unknown[], compute: () => T): T {
  let map = byInputs.get(index);
  if (!map) byInputs.set(index, (map = new Map()));
  const hit = map.get(key);
  if (hit && hit.inputs.length === inputs.length && hit.inputs.every((arr, i) => sameBucket(arr, hit.lengths[i], inputs[i]))) {
    return hit.value as T;
  }
  const value = compute();
  map.set(key, { inputs, lengths: inputs.map((a) => (Array.isArray(a) ? a.length : -1)), value });
  return value;
}

/** An unchanged bucket: the same array with the same length; every empty bucket is the same (ofKind returns a fresh []). */
function sameBucket(old: unknown, oldLength: number, now: unknown): boolean {
  if (!Array.isArray(old) || !Array.isArray(now)) return old === now;
  return (old === now && now.length === oldLength) || (oldLength === 0 && now.length === 0);
}
