// mtlsLens.openRuleDocs [ruleId]: open a rule's documentation page (docs/rules/<id>.md, shipped with the
// extension). Without an argument the user picks the rule from a list.
import * as vscode from 'vscode';
import type { Command } from './command';
import { ruleDocsUri } from '../diagnostics/index';

export const openRuleDocs: Command = {
  id: 'mtlsLens.openRuleDocs',
  async run(ctx, arg) {
    const rules = ctx.analyzer.rules.map((r) => r.meta);
    let ruleId = typeof arg === 'string' ? arg.trim().toUpperCase() : undefined;
    if (ruleId === undefined) {
      const picked = await vscode.window.showQuickPick(
        rules.map((m) => ({ label: m.id, description: m.title, detail: upstreamCodes(m.istio, m.kiali) })),
        { title: 'mTLS Lens: open rule documentation', placeHolder: 'Rule id or title', matchOnDescription: true },
      );
      if (!picked) return undefined;
      ruleId = picked.label;
    }
    if (!rules.some((m) => m.id === ruleId)) {
      void vscode.window.showWarningMessage(`mTLS Lens has no rule "${ruleId}". Rule ids look like MTLS101.`);
      return undefined;
    }
    const uri = ruleDocsUri(ctx, ruleId);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showWarningMessage(`The documentation page of ${ruleId} is missing from this build (${uri.fsPath}).`);
      return undefined;
    }
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // The built-in Markdown extension can be disabled; the page is still readable as text.
      await vscode.window.showTextDocument(uri, { preview: true });
    }
    return uri.toString();
  },
};

function upstreamCodes(istio?: string, kiali?: string): string | undefined {
  const codes = [istio && `istioctl ${istio}`, kiali && `Kiali ${kiali}`].filter(Boolean);
  return codes.length ? `Same check as ${codes.join(', ')}` : undefined;
}
