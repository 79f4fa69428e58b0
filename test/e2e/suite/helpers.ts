// Small helpers for tests that run inside the real extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mtls-lens.mtls-lens';
export const DIAGNOSTIC_SOURCE = 'mTLS Lens';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The activated extension and the API object its activate() returned. */
export async function activateExtension(): Promise<{ ext: vscode.Extension<any>; api: Record<string, any> }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = (await ext.activate()) ?? {};
  return { ext, api };
}

export function workspaceUri(relPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relPath.split('/'));
}

export async function openFile(relPath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relPath));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls until `probe` returns a truthy value (analysis is asynchronous), or fails saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    }
    await sleep(100);
  }
}

export function ruleId(d: vscode.Diagnostic): string {
  const c = d.code;
  return String(typeof c === 'object' && c !== null ? c.value : c);
}

/** Our diagnostics on a file (other extensions' are ignored). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codesOf(ds: readonly vscode.Diagnostic[]): string[] {
  return [...new Set(ds.map(ruleId))].sort();
}

/** Waits until our diagnostics on `uri` include every code in `codes`. */
export function waitForCodes(uri: vscode.Uri, codes: string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics ${codes.join(', ')} on ${vscode.workspace.asRelativePath(uri)} (have: ${codesOf(ourDiagnostics(uri)).join(', ') || 'none'})`,
    () => {
      const ds = ourDiagnostics(uri);
      const have = new Set(ds.map(ruleId));
      return codes.every((c) => have.has(c)) && ds;
    },
    timeoutMs,
  );
}

/** 1-based "line:col" of a range start, as people read it in the Problems panel. */
export const at = (r: vscode.Range) => `${r.start.line + 1}:${r.start.character + 1}`;
