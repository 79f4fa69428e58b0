// The editor and the CLI share one analyzer, so over the same files they must report the same findings.
// The editor indexes the whole workspace folder (examples/ and fixtures/), so the CLI lints it all too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, at, EXTENSION_ID, ourDiagnostics, ruleId, waitFor } from './helpers';

type JsonFinding = { file: string; code: string; range: { start: { line: number; column: number } } };

/** `mtls-lens lint . --format json` in the workspace folder, as "file code line:col" lines. */
function cliFindings(cwd: string): string[] {
  const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'mtls-lens.js');
  const r = spawnSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // under desktop VS Code, execPath is Electron
  });
  assert.ok(r.stdout, `the CLI printed nothing (exit ${r.status}): ${r.stderr}`);
  const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
  return findings.map((f) => `${f.file} ${f.code} ${f.range.start.line}:${f.range.start.column}`).sort();
}

/** Every diagnostic of ours in the workspace, as "file code line:col" lines. */
function editorFindings(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri]) => ourDiagnostics(uri).map((d) => `${vscode.workspace.asRelativePath(uri, false)} ${ruleId(d)} ${at(d.range)}`))
    .sort();
}

describe('whole workspace', () => {
  it('the editor shows exactly what the CLI reports for the same folder', async () => {
    const { api } = await activateExtension();
    // documents edited by earlier tests must be back to their saved text
    await vscode.commands.executeCommand('workbench.action.files.revertAll').then(undefined, () => {});
    const expected = cliFindings(vscode.workspace.workspaceFolders![0].uri.fsPath);
    assert.ok(expected.some((l) => l.startsWith('broken-mesh/')), 'the CLI found nothing in broken-mesh/');
    if (typeof api.settled === 'function') await api.settled();
    await waitFor('editor diagnostics to match the CLI', () => editorFindings().join('\n') === expected.join('\n'), 15_000).catch(() => {
      assert.deepEqual(editorFindings(), expected); // fails with a readable diff
    });
  });
});
