// Publishes the findings of every file the analyzer knows into one DiagnosticCollection. Cross-document
// rules can put a finding into a file other than the one that changed, so each publish covers all files;
// files whose findings did not change are not re-sent to the UI.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Finding } from '../../core/types';
import { diagnosticMessage, fileUri, ruleIdOf, toDiagnostic } from './convert';

export class DiagnosticPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mtls-lens');
  /** The findings behind the published diagnostics, per file key, for the quick-fix provider. */
  private readonly published = new Map<string, Finding[]>();
  private readonly signatures = new Map<string, string>();
  private readonly uris = new Map<string, vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** How long the last publish took; the next one waits at least that long, so bursts cannot hog the host. */
  private lastCostMs = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly docsUri: (ruleId: string) => vscode.Uri,
  ) {
    ctx.push(ctx.onDidChangeAnalysis(() => this.schedule()));
  }

  /** True while a publish is waiting to run. */
  get busy(): boolean {
    return this.timer !== undefined;
  }

  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publishNow();
    }, Math.min(this.lastCostMs, 500));
  }

  publishNow(): void {
    const t0 = performance.now();
    let all: Map<string, Finding[]>;
    try {
      all = this.ctx.findings();
    } catch (e) {
      this.ctx.log.error(`analysis failed: ${(e as Error).stack ?? e}`);
      return;
    }
    const analysedMs = performance.now() - t0;
    let sent = 0;
    let total = 0;
    for (const [file, findings] of all) {
      total += findings.length;
      this.published.set(file, findings);
      const sig = signature(findings);
      if (this.signatures.get(file) === sig) continue;
      const uri = this.uriOf(file);
      if (!uri) continue;
      this.signatures.set(file, sig);
      this.collection.set(uri, findings.map((f) => toDiagnostic(f, this.docsUri)));
      sent++;
    }
    for (const file of [...this.signatures.keys()]) {
      if (all.has(file)) continue;
      const uri = this.uriOf(file);
      if (uri) this.collection.delete(uri);
      this.signatures.delete(file);
      this.published.delete(file);
      this.uris.delete(file);
    }
    this.lastCostMs = performance.now() - t0;
    this.ctx.log.debug(
      `published ${total} findings of ${all.size} files (${sent} changed): analysis ${analysedMs.toFixed(1)} ms, total ${this.lastCostMs.toFixed(1)} ms`,
    );
  }

  /** Published findings of a file (file key = uri.toString()). */
  findingsOf(file: string): readonly Finding[] {
    return this.published.get(file) ?? [];
  }

  /** The finding a diagnostic of ours was made from: same rule, range and text. */
  findingFor(file: string, d: vscode.Diagnostic): Finding | undefined {
    const ruleId = ruleIdOf(d);
    if (!ruleId) return undefined;
    return this.findingsOf(file).find(
      (f) =>
        f.ruleId === ruleId &&
        f.range.start.line === d.range.start.line &&
        f.range.start.character === d.range.start.character &&
        f.range.end.line === d.range.end.line &&
        f.range.end.character === d.range.end.character &&
        diagnosticMessage(f) === d.message,
    );
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.collection.dispose();
  }

  private uriOf(file: string): vscode.Uri | undefined {
    let uri = this.uris.get(file);
    if (!uri) {
      try {
        uri = fileUri(file);
      } catch {
        this.ctx.log.warn(`not a URI, findings not shown: ${file}`);
        return undefined;
      }
      this.uris.set(file, uri);
    }
    return uri;
  }
}

/** What a diagnostic shows; when it is unchanged the UI already has the right diagnostics. */
function signature(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const r = f.range;
      const rel = f.related?.map((x) => `${x.file}@${x.range.start.line}:${x.range.start.character}:${x.message}`).join(';') ?? '';
      return `${f.ruleId}|${f.severity}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${f.istio ?? ''}|${f.kiali ?? ''}|${f.message}|${rel}`;
    })
    .join('\n');
}
