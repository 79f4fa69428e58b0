// The resource index: every resource of the workspace (and, when connected, of the cluster),
// looked up by kind, namespace and name. Replacing one file's resources only touches that file's buckets.
import type { Resource } from './yaml/resource';

export function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export class ResourceIndex {
  private readonly byFile = new Map<string, Resource[]>();
  private readonly byKind = new Map<string, Resource[]>();
  /** Bumped on every change, so derived caches (mesh semantics) know when to recompute. */
  version = 0;

  setFile(file: string, resources: Resource[]): void {
    this.removeFile(file);
    this.byFile.set(file, resources);
    for (const r of resources) {
      const key = kindKey(r.group, r.kind);
      let bucket = this.byKind.get(key);
      if (!bucket) this.byKind.set(key, (bucket = []));
      bucket.push(r);
    }
    this.version++;
  }

  removeFile(file: string): void {
    const old = this.byFile.get(file);
    if (!old) return;
    this.byFile.delete(file);
    const gone = new Set(old);
    for (const key of new Set(old.map((r) => kindKey(r.group, r.kind)))) {
      const bucket = this.byKind.get(key);
      if (!bucket) continue;
      const kept = bucket.filter((r) => !gone.has(r));
      if (kept.length) this.byKind.set(key, kept);
      else this.byKind.delete(key);
    }
    this.version++;
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  resourcesOf(file: string): readonly Resource[] {
    return this.byFile.get(file) ?? [];
  }

  *all(): Iterable<Resource> {
    for (const list of this.byFile.values()) yield* list;
  }

  /** Resources of one kind; `group` '' is the core group (Pod, Service, Namespace, ...). */
  ofKind(group: string, kind: string): readonly Resource[] {
    return this.byKind.get(kindKey(group, kind)) ?? [];
  }

  find(group: string, kind: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.ofKind(group, kind).find((r) => r.name === name && (r.namespace ?? '') === (namespace ?? ''));
  }

  get size(): number {
    let n = 0;
    for (const list of this.byFile.values()) n += list.length;
    return n;
  }
}
