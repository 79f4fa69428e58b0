// One context owns every lifetime (rust-analyzer's Ctx pattern). Activation builds it once; every
// listener, provider and watcher is registered through it. Things that belong to the current cluster
// context live in `clusterScope`, which is disposed and renewed when the user switches context.
import * as vscode from 'vscode';
import { Analyzer } from '../core/analyzer';
import { allRules } from '../core/rules/all';
import { readAnalysisSettings } from './settings';
import type { Finding } from '../core/types';

/**
 * Asked when an editor closes a document the analyzer knows. Return true to claim the file: the
 * handler then keeps it in the analysis (the workspace indexer re-reads it from disk and calls
 * fireAnalysisChanged). When no handler claims it, the file is removed from the analysis.
 */
export type DocumentClosedHandler = (uri: vscode.Uri, file: string) => boolean;

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  /** The workspace analysis: open documents and indexed files, analysed together. */
  readonly analyzer: Analyzer;
  /** What the extension returns from activate(): the models tests read (tree items, lenses, state). */
  readonly api: Record<string, unknown> = {};
  private readonly owned: vscode.Disposable[] = [];
  private cluster: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the analysis results changed (diagnostics, lenses and hovers listen). */
  readonly onDidChangeAnalysis = this.changed.event;
  private readonly closedHandlers: DocumentClosedHandler[] = [];
  /** Last analyzer.run() result; dropped by fireAnalysisChanged so every reader shares one run. */
  private cachedFindings: Map<string, Finding[]> | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('mTLS Lens', { log: true });
    this.owned.push(this.log, this.changed);
    this.analyzer = new Analyzer(allRules, readAnalysisSettings());
    this.analyzer.onRuleError = (id, e) => this.log.error(`rule ${id} failed: ${e.stack ?? e.message}`);
  }

  /** Register something that lives as long as the extension. */
  push<T extends vscode.Disposable>(...items: T[]): T {
    this.owned.push(...items);
    return items[0];
  }

  /** Register something that lives as long as the current cluster context. */
  pushCluster<T extends vscode.Disposable>(...items: T[]): T {
    this.cluster.push(...items);
    return items[0];
  }

  /** Dispose everything that belonged to the old cluster context. */
  resetClusterScope(): void {
    for (const d of this.cluster.splice(0).reverse()) safeDispose(d);
  }

  /** Tell listeners that analysis results changed. Call it after every change to the analyzer. */
  fireAnalysisChanged(): void {
    this.cachedFindings = undefined;
    this.changed.fire();
  }

  /** Every finding of every file the analyzer knows, by file key (uri.toString()); computed once per change. */
  findings(): Map<string, Finding[]> {
    this.cachedFindings ??= this.analyzer.run();
    return this.cachedFindings;
  }

  /** See DocumentClosedHandler. */
  /**
   * Whether an editor currently supplies this file's text (the document sync sets it). The workspace index
   * asks this rather than looking at textDocuments: VS Code keeps a document alive for a while after its
   * last tab closed, and by then the file belongs to the index again.
   */
  editorOwnsFile: (file: string) => boolean = () => false;

  onDocumentClosed(handler: DocumentClosedHandler): vscode.Disposable {
    this.closedHandlers.push(handler);
    return new vscode.Disposable(() => {
      const i = this.closedHandlers.indexOf(handler);
      if (i >= 0) this.closedHandlers.splice(i, 1);
    });
  }

  /** Whether some handler claimed a closed document (the diagnostics feature asks before removing it). */
  claimClosedDocument(uri: vscode.Uri, file: string): boolean {
    return this.closedHandlers.some((h) => {
      try {
        return h(uri, file);
      } catch (e) {
        this.log.error(`document-closed handler failed: ${(e as Error).stack ?? e}`);
        return false;
      }
    });
  }

  dispose(): void {
    this.resetClusterScope();
    for (const d of this.owned.splice(0).reverse()) safeDispose(d);
  }
}

function safeDispose(d: vscode.Disposable): void {
  try {
    d.dispose();
  } catch {
    // disposal must not stop the rest from being disposed
  }
}
