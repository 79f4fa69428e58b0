// What the status lenses compute on. Without a cluster (or with mtlsLens.codeLens.source = workspace) it is
// the workspace analysis itself. With a cluster snapshot it is the cluster with the YAML documents open in
// the editor applied over it (CombinedIndex), next to the live cluster alone. The combined index is
// updated incrementally: a snapshot is parsed once, and an edited document replaces only its own file.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterSnapshot } from '../../cluster/snapshot';
import type { WorkloadSvid } from '../../cluster/svid';
import { parseYamlFile } from '../../core/yaml/parse';
import { CombinedIndex } from '../../core/status/combine';
import { clusterFaultPhrase } from '../../core/status/phrases';
import type { StatusInputs, SvidInfo } from '../../core/status/workload';
import type { Resource } from '../../core/yaml/resource';
import { loadClusterModule } from '../cluster/load';

/** The part of the cluster feature's ClusterState the lenses use (see src/editor/cluster/state.ts). */
export interface ClusterSource {
  status: string;
  snapshot?: ClusterSnapshot;
  /** Set when status is 'error'. */
  error?: { kind: string; message: string };
  /** The context the user chose (undefined: the kubeconfig's current context). */
  context?: string;
  svids: ReadonlyMap<string, WorkloadSvid | string>;
  onDidChange: vscode.Event<void>;
  readSvid(namespace: string, pod: string): Promise<void>;
}

export type LensSource = 'workspace+cluster' | 'workspace';

export class LensModel {
  private combined: CombinedIndex | undefined;
  private snapshot: ClusterSnapshot | undefined;
  private svidMap = new Map<string, SvidInfo>();
  private svidsDirty = true;
  /** Bumped whenever the cluster state changes (a new snapshot, an SVID read). */
  private clusterGeneration = 0;

  constructor(private readonly ctx: Ctx) {}

  cluster(): ClusterSource | undefined {
    return this.ctx.api.clusterState as ClusterSource | undefined;
  }

  source(): LensSource {
    return vscode.workspace.getConfiguration('mtlsLens').get<LensSource>('codeLens.source') === 'workspace' ? 'workspace' : 'workspace+cluster';
  }

  /** The snapshot the lenses use, or undefined for workspace-only answers. */
  activeSnapshot(): ClusterSnapshot | undefined {
    const c = this.cluster();
    return this.source() === 'workspace+cluster' && c?.status === 'ready' ? c.snapshot : undefined;
  }

  /**
   * Inputs for the current state; cheap when nothing changed (index versions are the cache keys).
   * Without a cluster the answer comes from the mesh `file` belongs to (its .mtls-lens root).
   */
  inputs(file?: string): StatusInputs {
    const settings = file ? this.ctx.analyzer.settingsFor(file) : this.ctx.analyzer.settings;
    const snap = this.activeSnapshot();
    if (!snap) {
      this.combined = undefined;
      this.snapshot = undefined;
      const c = this.cluster();
      // The cluster was asked for but could not be read: the lens says so, not just "workspace only".
      const clusterProblem = this.source() === 'workspace+cluster' && c?.status === 'error' && c.error ? clusterFaultPhrase(c.error.kind, c.context) : undefined;
      return { index: file ? this.ctx.analyzer.indexFor(file) : this.ctx.analyzer.index, settings, clusterProblem };
    }
    if (!this.combined || this.snapshot !== snap) this.loadSnapshot(snap);
    this.syncOverlays();
    return { index: this.combined!.afterApply, live: this.combined!.live, context: snap.context, settings, svids: this.svids() };
  }

  /** The live cluster alone (the certificate tree shows what runs), whatever the lens source setting. */
  liveInputs(): StatusInputs | undefined {
    const c = this.cluster();
    const snap = c?.status === 'ready' ? c.snapshot : undefined;
    if (!snap) return undefined;
    if (!this.combined || this.snapshot !== snap) this.loadSnapshot(snap);
    return { index: this.combined!.live, context: snap.context, settings: this.ctx.analyzer.settings };
  }

  /** A cluster object by its cluster:// document name (the read-only cluster view). */
  liveResource(file: string): Resource | undefined {
    if (this.activeSnapshot()) this.inputs();
    return this.combined?.live.resourcesOf(file)[0];
  }

  /** The cluster's copy of a manifest object, when a snapshot is in use. */
  liveCopyOf = (res: Resource): Resource | undefined => this.combined?.liveCopyOf(res);

  /** Versions that change every lens answer: the index versions, plus the SVIDs read so far. */
  version(file?: string): string {
    const i = this.inputs(file);
    return `${i.index.version}|${i.live?.version ?? '-'}|${this.clusterGeneration}|${i.context ?? ''}`;
  }

  /** The cluster feature changed something (status, snapshot, SVIDs). */
  clusterChanged(): void {
    this.svidsDirty = true;
    this.clusterGeneration++;
  }

  private loadSnapshot(snap: ClusterSnapshot): void {
    const t0 = performance.now();
    const docs = loadClusterModule().snapshotToDocuments(snap);
    const combined = new CombinedIndex(this.ctx.analyzer.settings.defaultNamespace);
    combined.setLive(snap.context, docs.map((d) => ({ file: d.file, resources: parseYamlFile(d.file, d.text).resources })));
    this.combined = combined;
    this.snapshot = snap;
    this.ctx.log.info(`status lenses: ${docs.length} cluster objects of ${snap.context} indexed in ${(performance.now() - t0).toFixed(0)} ms`);
  }

  /** Open YAML documents the analyzer holds are the overlay: what an apply would change. */
  private syncOverlays(): void {
    const combined = this.combined!;
    const open = new Set<string>();
    for (const doc of vscode.workspace.textDocuments) {
      const key = doc.uri.toString();
      if (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') {
        if (this.ctx.analyzer.hasFile(key)) open.add(key);
      }
    }
    for (const f of combined.overlayFiles()) if (!open.has(f)) combined.removeOverlay(f);
    for (const f of open) combined.setOverlay(f, this.ctx.analyzer.index.resourcesOf(f));
  }

  private svids(): ReadonlyMap<string, SvidInfo> {
    const raw = this.cluster()?.svids;
    if (!raw || !this.svidsDirty) return this.svidMap;
    const out = new Map<string, SvidInfo>();
    for (const [key, v] of raw) {
      if (typeof v === 'string') continue;
      const leaf = v.chain[0];
      const notAfter = leaf?.notAfter ?? v.summary[0]?.notAfter;
      out.set(key, { notAfter, spiffeIds: leaf?.spiffeIds ?? v.summary[0]?.spiffeIds ?? [] });
    }
    this.svidMap = out;
    this.svidsDirty = false;
    return out;
  }
}
