// Explain: a hover on a workload's `kind:` / `metadata.name` line and the mtlsLens.explainWorkload command,
// both rendering core's explainWorkload Markdown (effective mTLS per port, the deciding policies, authz).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { explainWorkload } from '../../core/mesh/explain';
import { asWorkload, type Workload } from '../../core/mesh/workloads';
import type { Resource } from '../../core/yaml/resource';

export function explainFeature(ctx: Ctx): void {
  ctx.push(
    vscode.languages.registerHoverProvider({ language: 'yaml' }, {
      provideHover(doc, pos) {
        const found = workloadAt(ctx, doc, pos, true);
        if (!found) return undefined;
        return new vscode.Hover(markdown(ctx, found.workload), found.range);
      },
    }),
    vscode.commands.registerCommand('mtlsLens.explainWorkload', async (uri?: vscode.Uri, line?: number) => {
      const editor = vscode.window.activeTextEditor;
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!doc) {
        void vscode.window.showInformationMessage('mTLS Lens: open a manifest with a Deployment, Pod or other workload to explain it.');
        return;
      }
      const pos = line !== undefined ? new vscode.Position(line, 0) : (editor?.selection.active ?? new vscode.Position(0, 0));
      const found = workloadAt(ctx, doc, pos, false);
      if (!found) {
        void vscode.window.showInformationMessage('mTLS Lens: no workload (Deployment, StatefulSet, DaemonSet, Pod, …) at the cursor.');
        return;
      }
      const file = found.workload.resource.file;
      const text = explainWorkload(ctx.analyzer.indexFor(file), ctx.analyzer.settingsFor(file), found.workload);
      const shown = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', shown.uri).then(undefined, () => vscode.window.showTextDocument(shown, vscode.ViewColumn.Beside));
    }),
  );
}

function markdown(ctx: Ctx, w: Workload): vscode.MarkdownString {
  const file = w.resource.file;
  const md = new vscode.MarkdownString(explainWorkload(ctx.analyzer.indexFor(file), ctx.analyzer.settingsFor(file), w, linkOf));
  md.isTrusted = false;
  return md;
}

/** `file:///…#L12` links open the document at that line in VS Code. */
function linkOf(res: Resource): string {
  return `${res.file}#L${res.kindRange().start.line + 1}`;
}

/**
 * The workload whose document contains `pos`. For the hover, only on the `kind:` or `metadata.name` line
 * (hovers elsewhere belong to other features).
 */
function workloadAt(ctx: Ctx, doc: vscode.TextDocument, pos: vscode.Position, strict: boolean): { workload: Workload; range: vscode.Range } | undefined {
  const key = doc.uri.toString();
  for (const res of ctx.analyzer.index.resourcesOf(key)) {
    if (pos.line < res.range.start.line || pos.line > res.range.end.line) continue;
    const w = asWorkload(res, ctx.analyzer.settingsFor(key).defaultNamespace);
    if (!w) continue;
    const kind = res.rangeOf(['kind']);
    const name = res.rangeOf(['metadata', 'name']);
    const hit = [kind, name].find((r) => r.start.line === pos.line);
    if (strict && !hit) return undefined;
    const r = hit ?? kind;
    return { workload: w, range: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) };
  }
  return undefined;
}
