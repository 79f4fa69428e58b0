// In-memory object store with a global resourceVersion counter and an event history, so lists carry
// resourceVersions, continue tokens can expire, and watches can resume from an RV or get 410.
import { randomUUID } from 'node:crypto';
import { type KindRegistry, type ResourceInfo } from './kinds.js';
import type { FakeStore, KubeObject, ObjectRef } from './types.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  info: ResourceInfo;
  object: KubeObject;
  /** The object before this change (for selector transitions in watches). */
  previous?: KubeObject;
}

const key = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;

export class ObjectStore implements FakeStore {
  private readonly byResource = new Map<ResourceInfo, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private rv = 1000;
  /** resourceVersions below this are too old to watch from or continue with. */
  compactedRv = 1000;

  constructor(private readonly kinds: KindRegistry, private readonly now: () => Date) {}

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Store without emitting an event (seeding). Keeps given uid/resourceVersion/creationTimestamp. */
  seed(obj: object): KubeObject {
    const stored = this.prepare(obj);
    this.rv += 1;
    stored.metadata.resourceVersion ??= String(this.rv);
    const n = Number(stored.metadata.resourceVersion);
    if (Number.isFinite(n) && n > this.rv) this.rv = n;
    this.bucket(this.infoOf(stored)).set(key(stored.metadata.namespace, stored.metadata.name), stored);
    this.compactedRv = this.rv;
    return stored;
  }

  put(obj: object): KubeObject {
    const stored = this.prepare(obj);
    const info = this.infoOf(stored);
    const bucket = this.bucket(info);
    const k = key(stored.metadata.namespace, stored.metadata.name);
    const previous = bucket.get(k);
    if (previous) {
      stored.metadata.uid = previous.metadata.uid;
      stored.metadata.creationTimestamp = previous.metadata.creationTimestamp;
    }
    this.rv += 1;
    stored.metadata.resourceVersion = String(this.rv);
    bucket.set(k, stored);
    this.emit({ rv: this.rv, type: previous ? 'MODIFIED' : 'ADDED', info, object: stored, previous });
    return stored;
  }

  delete(ref: ObjectRef): boolean {
    const info = this.kinds.lookup(ref.kind, ref.apiVersion);
    const bucket = info && this.byResource.get(info);
    const k = key(info?.namespaced ? ref.namespace : undefined, ref.name);
    const existing = bucket?.get(k);
    if (!info || !bucket || !existing) return false;
    bucket.delete(k);
    this.rv += 1;
    const object = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(this.rv) } };
    this.emit({ rv: this.rv, type: 'DELETED', info, object, previous: existing });
    return true;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const info = this.kinds.lookup(ref.kind, ref.apiVersion);
    return info && this.byResource.get(info)?.get(key(info.namespaced ? ref.namespace : undefined, ref.name));
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const info = this.kinds.lookup(kind);
    return info ? this.listInfo(info, namespace) : [];
  }

  listInfo(info: ResourceInfo, namespace?: string): KubeObject[] {
    const bucket = this.byResource.get(info);
    if (!bucket) return [];
    return [...bucket.entries()]
      .filter(([, o]) => namespace === undefined || o.metadata.namespace === namespace)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => o);
  }

  compact(): void {
    this.history.length = 0;
    this.compactedRv = this.rv;
  }

  /** Events after `rv` (exclusive) for one resource. */
  eventsSince(info: ResourceInfo, rv: number): StoreEvent[] {
    return this.history.filter((e) => e.info === info && e.rv > rv);
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    for (const fn of this.listeners) fn(e);
  }

  private bucket(info: ResourceInfo): Map<string, KubeObject> {
    let b = this.byResource.get(info);
    if (!b) this.byResource.set(info, (b = new Map()));
    return b;
  }

  private infoOf(o: KubeObject): ResourceInfo {
    return this.kinds.forObject(o.apiVersion, o.kind, o.metadata.namespace !== undefined);
  }

  /** Validate the minimum, deep-copy, fill uid and creationTimestamp, drop namespace on cluster-scoped kinds. */
  private prepare(obj: object): KubeObject {
    const o = obj as Partial<KubeObject>;
    if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      throw new Error(`fake-apiserver: object needs string apiVersion and kind: ${JSON.stringify(obj)?.slice(0, 200)}`);
    }
    if (!o.metadata || typeof o.metadata.name !== 'string' || !o.metadata.name) {
      throw new Error(`fake-apiserver: ${o.kind} needs metadata.name`);
    }
    const copy = structuredClone(o) as KubeObject;
    const info = this.kinds.forObject(copy.apiVersion, copy.kind, copy.metadata.namespace !== undefined);
    if (info.namespaced) copy.metadata.namespace ??= 'default';
    else delete copy.metadata.namespace;
    copy.metadata.uid ??= randomUUID();
    copy.metadata.creationTimestamp ??= this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return copy;
  }
}
