// Mesh roots in the editor: every folder of the workspace that holds a .mtls-lens.json/.yaml/.yml file is
// one mesh, analysed apart from the rest with that file's settings (same rule as the CLI). Watches the
// files so that adding, editing or removing one regroups the analysis at once.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { CONFIG_FILE_NAMES, ConfigError, meshRootAmong, parseConfig } from '../../core/config';
import type { AnalysisSettings } from '../../core/settings';

const CONFIG_GLOB = `**/{${CONFIG_FILE_NAMES.join(',')}}`;

export class MeshRoots implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** The roots last applied; starts as "none", so a workspace without roots changes nothing. */
  private current = '[]';
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Resolves when the latest scan has been applied (tests wait on it). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: Ctx) {
    const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    const later = () => this.schedule();
    this.disposables.push(watcher, watcher.onDidCreate(later), watcher.onDidChange(later), watcher.onDidDelete(later),
      vscode.workspace.onDidChangeWorkspaceFolders(later));
  }

  schedule(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.ready = this.scan().catch((e) => this.ctx.log.error(`reading mesh roots failed: ${(e as Error).stack ?? e}`));
    }, 100);
  }

  async scan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**');
    const roots = new Map<string, Partial<AnalysisSettings>>();
    for (const uri of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) {
      const root = uri.toString().slice(0, uri.toString().lastIndexOf('/'));
      if (roots.has(root)) continue; // .json wins over .yaml in the same folder, as in the CLI
      roots.set(root, await this.read(uri));
    }
    const signature = JSON.stringify([...roots]);
    if (signature === this.current) return;
    this.current = signature;
    const list = [...roots.keys()];
    for (const [root, overrides] of roots) this.ctx.analyzer.setMeshSettings(root, overrides);
    this.ctx.analyzer.setMeshRoots((file) => meshRootAmong(list, file));
    this.ctx.log.info(list.length ? `mesh roots: ${list.map((r) => vscode.workspace.asRelativePath(vscode.Uri.parse(r))).join(', ')}` : 'no mesh roots: the workspace is one mesh');
    this.ctx.fireAnalysisChanged();
  }

  private async read(uri: vscode.Uri): Promise<Partial<AnalysisSettings>> {
    const name = vscode.workspace.asRelativePath(uri);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      return parseConfig(text, name);
    } catch (e) {
      const message = e instanceof ConfigError ? e.message : `cannot read ${name}: ${(e as Error).message}`;
      this.ctx.log.warn(message);
      void vscode.window.showWarningMessage(`mTLS Lens: ${message}. The folder is still its own mesh, with default settings.`);
      return {};
    }
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
