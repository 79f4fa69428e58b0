// The diagnostics feature: open documents → analyzer → one DiagnosticCollection, quick-fixes, and the
// settings that change what is reported. Also exposes what the end-to-end tests read (ctx.api).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { readAnalysisSettings } from '../settings';
import { DocumentSync } from './documentSync';
import { DiagnosticPublisher } from './publisher';
import { MeshCodeActionProvider } from './codeActions';

/** The docs page of a rule, shipped inside the extension. */
export function ruleDocsUri(ctx: Ctx, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(ctx.extension.extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function diagnosticsFeature(ctx: Ctx): void {
  const publisher = ctx.push(new DiagnosticPublisher(ctx, (id) => ruleDocsUri(ctx, id)));
  const sync = ctx.push(new DocumentSync(ctx));

  ctx.push(
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }],
      new MeshCodeActionProvider({
        findingFor: (file, d) => publisher.findingFor(file, d),
        isCurrent: (doc) => sync.isCurrent(doc),
      }),
      MeshCodeActionProvider.metadata,
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mtlsLens')) return;
      sync.reloadSettings();
      reanalyse(ctx, 'settings changed');
      // Publish at once: turning a rule off must take its diagnostics away without waiting for a timer.
      publisher.publishNow();
    }),
  );

  Object.assign(ctx.api, {
    /** Findings published for a document (URI or its string). */
    getFindings: (uri: vscode.Uri | string) => publisher.findingsOf(typeof uri === 'string' ? uri : uri.toString()),
    ruleIds: () => ctx.analyzer.rules.map((r) => r.meta.id),
    ruleDocsUri: (ruleId: string) => ruleDocsUri(ctx, ruleId),
    /** Resolves when no document is waiting to be analysed and no publish is pending (or after timeoutMs). */
    settled: (timeoutMs = 10_000) => waitUntil(() => !sync.busy && !publisher.busy, timeoutMs),
  });
}

/** Re-read mtlsLens.* settings and analyse everything again (settings can change how files parse). */
export function reanalyse(ctx: Ctx, why: string): void {
  const t0 = performance.now();
  ctx.analyzer.settings = readAnalysisSettings();
  ctx.analyzer.reanalyseAll();
  ctx.log.info(`${why}: re-analysed ${ctx.analyzer.fileNames().length} files in ${(performance.now() - t0).toFixed(1)} ms`);
  ctx.fireAnalysisChanged();
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
