// Core results → VS Code objects. Nothing here decides anything; it only translates.
import * as vscode from 'vscode';
import type { Finding, Range, Severity, TextEdit } from '../../core/types';

/** The `source` of every diagnostic we publish (quick-fixes recognise ours by it). */
export const DIAGNOSTIC_SOURCE = 'mTLS Lens';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** Analyzer file keys are `uri.toString()` strings; a bare absolute path (a caller that broke the contract) still works. */
export function fileUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) ? vscode.Uri.parse(file, true) : vscode.Uri.file(file);
}

/**
 * The diagnostic text: the finding's message, then the upstream codes it corresponds to in brackets
 * (`[IST0128]`, `[KIA0205]`), so users can match it with `istioctl analyze` or Kiali output.
 */
export function diagnosticMessage(f: Finding): string {
  const codes = [f.istio, f.kiali].filter((c): c is string => !!c);
  return codes.length ? `${f.message} [${codes.join(', ')}]` : f.message;
}

export function toDiagnostic(f: Finding, docsUri: (ruleId: string) => vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), diagnosticMessage(f), toSeverity(f.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: docsUri(f.ruleId) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(fileUri(r.file), toRange(r.range)), r.message),
    );
  }
  return d;
}

/** The rule id of one of our diagnostics, or undefined for anyone else's. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function toWorkspaceEdit(edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(fileUri(e.file), toRange(e.range), e.newText);
  return we;
}
