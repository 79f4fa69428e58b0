// The two pictures the status compares: what is live in the cluster, and what the cluster would hold after
// the documents open in the editor were applied ("after apply"). Both are ResourceIndexes, so the mesh
// semantics (core/mesh) run unchanged on either. Updates are incremental: replacing one open document
// touches only its own file and the cluster copies it hides, never the whole cluster.
import { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';

/** Cluster objects enter the analysis as documents named cluster://<context>/<ns>/<kind>/<name> (src/cluster/documents.ts). */
export const LIVE_FILE_PREFIX = 'cluster://';

export function isLiveResource(res: Resource): boolean {
  return res.file.startsWith(LIVE_FILE_PREFIX);
}

/** Same object in the cluster and in a manifest: group, kind, namespace (default filled in) and name. */
export function identityOf(res: Resource, defaultNamespace: string): string {
  return `${res.group}/${res.kind}/${res.namespace ?? defaultNamespace}/${res.name}`;
}

/** The live index and the after-apply index, kept in step. */
export class CombinedIndex {
  /** The cluster as read (no workspace documents). */
  readonly live = new ResourceIndex();
  /** The cluster with every overlay document applied over it (or the overlays alone when there is no cluster). */
  readonly afterApply = new ResourceIndex();
  /** Cluster context name, when a snapshot was given. */
  context: string | undefined;
  private liveFileById = new Map<string, string>();
  private readonly overlays = new Map<string, { resources: readonly Resource[]; ids: string[] }>();
  /** Cluster file → overlay files hiding it. */
  private readonly hiddenBy = new Map<string, Set<string>>();

  constructor(private readonly defaultNamespace = 'default') {}

  get hasCluster(): boolean {
    return this.context !== undefined;
  }

  /** Replace the cluster picture (a new snapshot). `files` are parsed cluster documents, one object each. */
  setLive(context: string | undefined, files: { file: string; resources: Resource[] }[]): void {
    for (const f of this.live.files()) {
      this.live.removeFile(f);
      this.afterApply.removeFile(f);
    }
    this.context = context;
    this.liveFileById = new Map();
    for (const { file, resources } of files) {
      this.live.setFile(file, resources);
      for (const r of resources) this.liveFileById.set(identityOf(r, this.defaultNamespace), file);
    }
    this.hiddenBy.clear();
    for (const [file, o] of this.overlays) for (const id of o.ids) this.hide(id, file);
    for (const { file, resources } of files) if (!this.hiddenBy.has(file)) this.afterApply.setFile(file, resources);
  }

  /** Add or replace an overlay document (an open editor document, or a CLI --workspace file). */
  setOverlay(file: string, resources: readonly Resource[]): void {
    const prev = this.overlays.get(file);
    if (prev && prev.resources === resources) return;
    if (prev) this.unhideAll(file, prev.ids);
    // A Pod manifest never replaces the running pod (pods are immutable and are what runs): the live copy
    // stays, so the status keeps counting it. Every other kind is replaced by the open document.
    const ids = resources.filter((r) => r.kind && r.name && !(r.group === '' && r.kind === 'Pod')).map((r) => identityOf(r, this.defaultNamespace));
    this.overlays.set(file, { resources, ids });
    for (const id of ids) this.hide(id, file);
    this.afterApply.setFile(file, [...resources]);
  }

  removeOverlay(file: string): void {
    const prev = this.overlays.get(file);
    if (!prev) return;
    this.overlays.delete(file);
    this.afterApply.removeFile(file);
    this.unhideAll(file, prev.ids);
  }

  overlayFiles(): string[] {
    return [...this.overlays.keys()];
  }

  /** The cluster's copy of an object (same identity), if the cluster has one. */
  liveCopyOf(res: Resource): Resource | undefined {
    const file = this.liveFileById.get(identityOf(res, this.defaultNamespace));
    return file ? this.live.resourcesOf(file)[0] : undefined;
  }

  private hide(id: string, overlayFile: string): void {
    const liveFile = this.liveFileById.get(id);
    if (!liveFile) return;
    let set = this.hiddenBy.get(liveFile);
    if (!set) {
      this.hiddenBy.set(liveFile, (set = new Set()));
      this.afterApply.removeFile(liveFile);
    }
    set.add(overlayFile);
  }

  private unhideAll(overlayFile: string, ids: string[]): void {
    for (const id of ids) {
      const liveFile = this.liveFileById.get(id);
      const set = liveFile ? this.hiddenBy.get(liveFile) : undefined;
      if (!liveFile || !set) continue;
      set.delete(overlayFile);
      if (!set.size) {
        this.hiddenBy.delete(liveFile);
        this.afterApply.setFile(liveFile, [...this.live.resourcesOf(liveFile)]);
      }
    }
  }
}
