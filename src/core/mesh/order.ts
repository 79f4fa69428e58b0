// Which of several competing objects Istio keeps: the oldest by creationTimestamp (ties broken by name,
// then namespace, as pilot sorts them). Manifests in a workspace rarely carry timestamps, so without
// them we fall back to document order (file, then position in the file) and say so.
import type { Resource } from '../yaml/resource';

export type OrderBasis = 'creationTimestamp' | 'document order';

export function creationTime(res: Resource): number | undefined {
  const ts = res.get(['metadata', 'creationTimestamp']);
  if (ts instanceof Date) return ts.getTime();
  if (typeof ts !== 'string') return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

export function compareDocumentOrder(a: Resource, b: Resource): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.docIndex - b.docIndex;
}

/** Sorts oldest first. Uses timestamps only when every object has one (mixing bases would not be an order). */
export function oldestFirst<T>(items: T[], resourceOf: (t: T) => Resource): { sorted: T[]; basis: OrderBasis } {
  const times = items.map((t) => creationTime(resourceOf(t)));
  if (items.length > 0 && times.every((t) => t !== undefined)) {
    const withTime = items.map((t, i) => ({ t, time: times[i]! }));
    withTime.sort((x, y) => {
      if (x.time !== y.time) return x.time - y.time;
      const a = resourceOf(x.t);
      const b = resourceOf(y.t);
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
      return (a.namespace ?? '') < (b.namespace ?? '') ? -1 : (a.namespace ?? '') > (b.namespace ?? '') ? 1 : 0;
    });
    return { sorted: withTime.map((x) => x.t), basis: 'creationTimestamp' };
  }
  return { sorted: [...items].sort((x, y) => compareDocumentOrder(resourceOf(x), resourceOf(y))), basis: 'document order' };
}

export function basisPhrase(basis: OrderBasis): string {
  return basis === 'creationTimestamp'
    ? 'the oldest by creationTimestamp'
    : 'the first in document order (no creationTimestamp in the manifests, so apply order is assumed to follow the files)';
}
