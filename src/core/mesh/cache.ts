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
