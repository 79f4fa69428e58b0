// Feeds open YAML documents to the analyzer: at once when opened, after a pause in typing when changed
// (a newer change supersedes a pending one), and out of the analysis when closed unless another
// feature (the workspace indexer) claims the file. The analyzer's file key is `uri.toString()`.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { KeyedDebouncer } from './keyedDebouncer';

/** Schemes whose documents are real content; diff views (git:, …) would duplicate findings. */
const CONTENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export function isMeshYamlCandidate(doc: vscode.TextDocument): boolean {
  if (!CONTENT_SCHEMES.has(doc.uri.scheme)) return false;
  return doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.uri.path);
}

export class DocumentSync implements vscode.Disposable {
  private readonly debouncer = new KeyedDebouncer<string>();
  /** Document version last given to the analyzer, per file key (quick-fixes are only valid for it). */
  private readonly analysedVersions = new Map<string, number>();
  private delayMs = readDelay();

  constructor(private readonly ctx: Ctx) {
    ctx.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.analyseSoon(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.analyseSoon(e.document, this.delayMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d.uri)),
      // A language mode switch (plaintext → yaml) closes and reopens the document, handled above.
      // Closing its last tab does not dispose a document at once (VS Code keeps the model a while), but
      // for the user the file is closed: its diagnostics should go, and come back when a tab reopens it.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsChanged(e)),
    );
    ctx.editorOwnsFile = (key) => this.analysedVersions.has(key) || this.debouncer.has(key);
    for (const d of vscode.workspace.textDocuments) this.analyseSoon(d, 0);
  }

  get busy(): boolean {
    return this.debouncer.pending > 0;
  }

  /** Whether the analysis holds exactly this version of the document. */
  isCurrent(doc: vscode.TextDocument): boolean {
    return this.analysedVersions.get(doc.uri.toString()) === doc.version;
  }

  reloadSettings(): void {
    this.delayMs = readDelay();
  }

  /** Analyse every open candidate document now (after a settings change or on request). */
  analyseAllOpen(): void {
    for (const d of vscode.workspace.textDocuments) if (isMeshYamlCandidate(d)) this.analyse(d);
  }

  private analyseSoon(doc: vscode.TextDocument, delayMs: number): void {
    if (!isMeshYamlCandidate(doc)) return;
    const key = doc.uri.toString();
    this.debouncer.schedule(key, delayMs, () => {
      if (doc.isClosed) return;
      this.analyse(doc);
    });
  }

  private analyse(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const text = doc.getText();
    const t0 = performance.now();
    try {
      this.ctx.analyzer.setFile(key, text);
    } catch (e) {
      // The analyzer guards rules itself; this catches parser bugs so typing never breaks the host.
      this.ctx.log.error(`could not analyse ${label(doc)}: ${(e as Error).stack ?? e}`);
      return;
    }
    this.analysedVersions.set(key, doc.version);
    const ms = performance.now() - t0;
    this.ctx.log.info(`analysed ${label(doc)} (version ${doc.version}, ${text.length} chars) in ${ms.toFixed(1)} ms`);
    this.ctx.fireAnalysisChanged();
  }

  private tabsChanged(e: vscode.TabChangeEvent): void {
    if (e.closed.length) {
      const stillShown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.flatMap(tabUris)).map((u) => u.toString()));
      for (const uri of e.closed.flatMap(tabUris)) if (!stillShown.has(uri.toString())) this.closed(uri);
    }
    for (const uri of e.opened.flatMap(tabUris)) {
      const key = uri.toString();
      if (this.analysedVersions.has(key)) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc) this.analyseSoon(doc, 0);
    }
  }

  private closed(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    // Forgetting the version also marks the document as "not shown", so a tab reopening it re-analyses it.
    const wasOurs = this.analysedVersions.delete(key);
    if (!wasOurs || !this.ctx.analyzer.hasFile(key)) return;
    if (this.ctx.claimClosedDocument(uri, key)) {
      this.ctx.log.info(`closed ${label(uri)}: kept in the analysis from disk`);
      return;
    }
    this.ctx.analyzer.removeFile(key);
    this.ctx.log.info(`closed ${label(uri)}: removed from the analysis`);
    this.ctx.fireAnalysisChanged();
  }

  dispose(): void {
    this.debouncer.dispose();
  }
}

function readDelay(): number {
  const v = vscode.workspace.getConfiguration('mtlsLens').get<number>('lintDelayMs');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 250;
}

function label(docOrUri: vscode.TextDocument | vscode.Uri): string {
  const uri = docOrUri instanceof vscode.Uri ? docOrUri : docOrUri.uri;
  return uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString();
}

/** The documents a tab shows (both sides of a diff). */
function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}
