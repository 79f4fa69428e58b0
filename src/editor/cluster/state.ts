// The connection to the current cluster context: loads the snapshot (with progress, cancellable), keeps it
// fresh with watches, reads SVIDs on demand, and tells listeners when anything changed. Everything that
// belongs to one context is registered with ctx.pushCluster and disposed on a switch.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterClient } from '../../cluster/client';
import type { ClusterSnapshot } from '../../cluster/snapshot';
import type { ClusterCertificates } from '../../cluster/certs';
import type { WorkloadSvid } from '../../cluster/svid';
import { loadClusterModule } from './load';
import { chooseKubeconfig } from './kubeconfig-source';

export type ConnectionStatus = 'disconnected' | 'loading' | 'ready' | 'error';

export class ClusterState implements vscode.Disposable {
  status: ConnectionStatus = 'disconnected';
  error?: { kind: string; message: string };
  client?: ClusterClient;
  snapshot?: ClusterSnapshot;
  certs?: ClusterCertificates;
  readonly svids = new Map<string, WorkloadSvid | string>();
  /** Context chosen in the picker (undefined = the kubeconfig's current-context). */
  context?: string;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private generation = 0;
  private watchHandle?: vscode.Disposable;

  constructor(private readonly ctx: Ctx) {}

  async connect(context = this.context): Promise<void> {
    const gen = ++this.generation;
    this.ctx.resetClusterScope(); // watches and anything else of the old context go away
    this.context = context;
    this.snapshot = undefined;
    this.certs = undefined;
    this.svids.clear();
    this.set('loading');
    try {
      const cluster = loadClusterModule();
      const choice = await chooseKubeconfig();
      this.client = cluster.connect({ kubeconfigPath: choice.path, origin: choice.origin, context, allowExec: choice.allowExec });
      await this.reload(gen);
    } catch (e) {
      if (gen !== this.generation) return;
      const err = e as { kind?: string; message?: string };
      this.error = { kind: err.kind ?? 'other', message: err.message ?? String(e) };
      this.ctx.log.warn(`cluster: ${this.error.message}`);
      this.set('error');
    }
  }

  /** Re-read the snapshot of the current context (refresh command, watch events). */
  async reload(gen = this.generation): Promise<void> {
    const client = this.client;
    if (!client) return this.connect();
    const cluster = loadClusterModule();
    const ns = vscode.workspace.getConfiguration('mtlsLens').get<string>('cluster.namespace') || undefined;
    const snap = await vscode.window.withProgress(
      { location: { viewId: 'mtlsLens.certificates' }, title: `Reading ${client.context}`, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        try {
          let last = 0;
          return await cluster.loadSnapshot(client, {
            namespace: ns,
            signal: ac.signal,
            onProgress: (p) => {
              const pct = p.total ? (100 * p.done) / p.total : 0;
              progress.report({ message: p.message, increment: pct - last });
              last = pct;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    if (gen !== this.generation) return;
    this.snapshot = snap;
    this.certs = cluster.clusterCertificates(snap, new Date());
    this.error = undefined;
    this.ctx.log.info(`cluster ${snap.context}: ${snap.pods.length} pods, ${snap.secrets.length} secrets, ${snap.customResources.length} mesh resources in ${snap.stats.ms} ms (${snap.stats.requests} requests)`);
    for (const n of snap.notes) this.ctx.log.warn(`cluster ${snap.context}: ${n.message}`);
    this.startWatches(gen);
    this.set('ready');
  }

  async readSvid(namespace: string, pod: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (!vscode.workspace.isTrusted) {
      this.svids.set(`${namespace}/${pod}`, 'Reading SVIDs runs a command in the pod (exec); trust this workspace to allow it.');
      return this.changed.fire();
    }
    const cluster = loadClusterModule();
    try {
      const svid = await cluster.readIstioSvid(client.config, namespace, pod, { meshRoots: this.certs?.rootsByMesh.istio });
      this.svids.set(`${namespace}/${pod}`, svid);
    } catch (e) {
      this.svids.set(`${namespace}/${pod}`, (e as Error).message);
    }
    this.changed.fire();
  }

  private startWatches(gen: number): void {
    const client = this.client;
    const snap = this.snapshot;
    if (!client || !snap) return;
    const cluster = loadClusterModule();
    let timer: NodeJS.Timeout | undefined;
    const watcher = cluster.watchSnapshot(client, snap.resourceVersions, () => {
      clearTimeout(timer);
      // one reload for a burst of changes; a reload replaces these watches with fresh ones
      timer = setTimeout(() => {
        if (gen === this.generation) void this.reload(gen).catch((e) => this.ctx.log.warn(`cluster reload failed: ${(e as Error).message}`));
      }, 500);
    }, { debounceMs: 1500, onError: (p, m) => this.ctx.log.debug(`watch ${p}: ${m}`) });
    this.watchHandle?.dispose();
    this.watchHandle = this.ctx.pushCluster(new vscode.Disposable(() => {
      clearTimeout(timer);
      watcher.dispose();
    }));
  }

  private set(status: ConnectionStatus): void {
    this.status = status;
    void vscode.commands.executeCommand('setContext', 'mtlsLens.cluster.status', status);
    this.changed.fire();
  }

  dispose(): void {
    this.generation++;
    this.changed.dispose();
  }
}
