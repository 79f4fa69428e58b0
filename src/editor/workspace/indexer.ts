// The background workspace index: every YAML manifest of the open folders goes into the same Analyzer as
// the open documents, so cross-document rules see the whole repository. Files open in an editor belong to
// the document sync (unsaved contents win); everything else is read from disk here, at start-up with window
// progress, and then one file at a time as the file watcher reports changes.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { IndexFilter, YAML_GLOB, chartDirOf } from './filter';

const BATCH = 64;
const CHANGE_DELAY_MS = 100;

export class WorkspaceIndexer implements vscode.Disposable {
  /** Keys (uri.toString()) of files this indexer put into the analyzer from disk. */
  private readonly indexed = new Set<string>();
  private filter = new IndexFilter({ include: [], exclude: [] });
  private run: vscode.CancellationTokenSource | undefined;
  private pendingChange: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves when the current full index pass ends (tests and the reindex command wait on it). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: Ctx) {
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.fileChanged(u)),
      watcher.onDidChange((u) => this.fileChanged(u)),
      watcher.onDidDelete((u) => this.fileDeleted(u)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reindex('workspace folders changed')),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mtlsLens.include') || e.affectsConfiguration('mtlsLens.exclude') || e.affectsConfiguration('files.exclude')) {
          this.reindex('index settings changed');
        }
      }),
      ctx.onDocumentClosed((uri, file) => this.documentClosed(uri, file)),
    );
  }

  get fileCount(): number {
    return this.indexed.size;
  }

  /** Drop what was read from disk and read the workspace again. */
  reindex(reason: string): Promise<void> {
    this.run?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.run = source;
    this.ready = Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'mTLS Lens: indexing manifests' }, (progress) =>
        this.indexAll(source.token, progress, reason),
      ),
    ).catch((e) => this.ctx.log.error(`workspace index failed: ${(e as Error).stack ?? e}`));
    return this.ready;
  }

  private async indexAll(token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string }>, reason: string): Promise<void> {
    const t0 = Date.now();
    this.filter = await this.buildFilter();
    if (token.isCancellationRequested) return;
    // files.exclude applies because no exclude pattern is passed; our own globs are applied by the filter.
    const uris = await vscode.workspace.findFiles(YAML_GLOB, undefined, undefined, token);
    const wanted = new Set<string>();
    const files = uris.filter((u) => this.accepts(u));
    for (const u of files) wanted.add(u.toString());
    for (const key of [...this.indexed]) {
      if (!wanted.has(key)) this.forget(key);
    }
    let done = 0;
    for (let i = 0; i < files.length; i += BATCH) {
      if (token.isCancellationRequested) return;
      await Promise.all(files.slice(i, i + BATCH).map((u) => this.readIntoAnalyzer(u)));
      done += Math.min(BATCH, files.length - i);
      progress.report({ message: `${done}/${files.length}` });
    }
    this.ctx.log.info(`indexed ${files.length} YAML files (${reason}) in ${Date.now() - t0} ms`);
    this.ctx.fireAnalysisChanged();
  }

  private async buildFilter(): Promise<IndexFilter> {
    const c = vscode.workspace.getConfiguration('mtlsLens');
    const charts = await vscode.workspace.findFiles('**/Chart.yaml', '**/node_modules/**');
    const chartDirs = new Set<string>();
    for (const u of charts) chartDirs.add(chartDirOf(relative(u)));
    if (chartDirs.size) {
      this.ctx.log.info(`skipping Helm chart templates in ${[...chartDirs].map((d) => `${d || '.'}/templates`).join(', ')} (render them with helm template to analyse them)`);
    }
    return new IndexFilter({ include: c.get<string[]>('include') ?? [], exclude: c.get<string[]>('exclude') ?? [] }, chartDirs);
  }

  private accepts(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return false;
    return this.filter.skipReason(relative(uri)) === undefined;
  }

  private isOpen(key: string): boolean {
    return this.ctx.editorOwnsFile(key);
  }

  /** Read a file from disk into the analyzer unless an editor owns it. Returns whether it was read. */
  private async readIntoAnalyzer(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    if (this.isOpen(key)) return false;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > this.ctx.analyzer.settings.maxFileSizeBytes) {
        // The analyzer would refuse it anyway; do not read it into memory.
        this.ctx.log.info(`not indexing ${relative(uri)}: ${stat.size} bytes is over mtlsLens.maxFileSizeMB`);
        this.forget(key);
        return false;
      }
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      if (this.isOpen(key)) return false; // opened while we were reading: the editor's text wins
      this.ctx.analyzer.setFile(key, text);
      this.indexed.add(key);
      return true;
    } catch (e) {
      this.ctx.log.warn(`could not index ${relative(uri)}: ${(e as Error).message}`);
      this.forget(key);
      return false;
    }
  }

  private forget(key: string): void {
    if (!this.indexed.delete(key)) return;
    if (!this.isOpen(key)) this.ctx.analyzer.removeFile(key);
  }

  private fileChanged(uri: vscode.Uri): void {
    if (uri.path.endsWith('/Chart.yaml')) {
      void this.reindex('Helm chart added or changed');
      return;
    }
    if (!this.accepts(uri)) return;
    void this.readIntoAnalyzer(uri).then((read) => read && this.changedSoon());
  }

  private fileDeleted(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.indexed.has(key)) return;
    this.forget(key);
    this.changedSoon();
  }

  /** An editor closed a document: re-read it from disk if it belongs to the index (its saved state counts). */
  private documentClosed(uri: vscode.Uri, file: string): boolean {
    if (!this.accepts(uri)) return false;
    this.indexed.delete(file);
    void this.readIntoAnalyzer(uri).then((read) => {
      if (!read) this.ctx.analyzer.removeFile(file);
      this.changedSoon();
    });
    return true;
  }

  /** Coalesce bursts of watcher events (a git checkout) into one re-analysis. */
  private changedSoon(): void {
    if (this.pendingChange) clearTimeout(this.pendingChange);
    this.pendingChange = setTimeout(() => {
      this.pendingChange = undefined;
      this.ctx.fireAnalysisChanged();
    }, CHANGE_DELAY_MS);
  }

  dispose(): void {
    this.run?.cancel();
    if (this.pendingChange) clearTimeout(this.pendingChange);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
}
