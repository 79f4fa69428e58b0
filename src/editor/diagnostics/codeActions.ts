// Quick-fixes for our diagnostics: the finding's own fixes, then "disable for this line / file"
// comment directives (core/directives.ts understands them).
import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import { ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import { disableForFile, disableForLine, type PlainEdit } from './disableEdits';

export interface FindingLookup {
  findingFor(file: string, d: vscode.Diagnostic): Finding | undefined;
  /** False while the document has changes the analysis has not seen (fix offsets would be stale). */
  isCurrent(doc: vscode.TextDocument): boolean;
}

export class MeshCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly lookup: FindingLookup) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const fixes: vscode.CodeAction[] = [];
    const disables: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    const current = this.lookup.isCurrent(doc);
    const file = doc.uri.toString();
    for (const diag of context.diagnostics) {
      const ruleId = ruleIdOf(diag);
      if (!ruleId) continue;
      const finding = current ? this.lookup.findingFor(file, diag) : undefined;
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix.edits);
        action.diagnostics = [diag];
        action.isPreferred = !!fix.preferred;
        fixes.push(action);
      }
      // One "disable" pair per rule and line, however many diagnostics of the rule sit there.
      const key = `${ruleId}@${diag.range.start.line}`;
      if (offered.has(key)) continue;
      offered.add(key);
      const text = doc.getText();
      const lineEdit = disableForLine(text, diag.range.start.line, ruleId);
      if (lineEdit) disables.push(disableAction(`Disable ${ruleId} for this line`, doc.uri, lineEdit, diag));
      if (!offered.has(ruleId)) {
        offered.add(ruleId);
        const fileEdit = disableForFile(text, ruleId);
        if (fileEdit) disables.push(disableAction(`Disable ${ruleId} for this file`, doc.uri, fileEdit, diag));
      }
    }
    // Real fixes first; line disables before file disables (the narrower suppression is the better habit).
    disables.sort((a, b) => Number(a.title.endsWith('file')) - Number(b.title.endsWith('file')));
    return [...fixes, ...disables];
  }
}

function disableAction(title: string, uri: vscode.Uri, edit: PlainEdit, diag: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(uri, toRange(edit.range), edit.newText);
  action.diagnostics = [diag];
  return action;
}
