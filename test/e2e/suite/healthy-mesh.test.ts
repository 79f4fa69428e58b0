// The healthy example is what the rules recommend: opened together, its files get no error or warning.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, ourDiagnostics, ruleId, sleep } from './helpers';

describe('healthy-mesh example in the editor', () => {
  it('has no error or warning diagnostics', async () => {
    const { api } = await activateExtension();
    const uris = await vscode.workspace.findFiles('healthy-mesh/*.yaml');
    assert.ok(uris.length > 0, 'no files in healthy-mesh/');
    for (const u of uris) await vscode.workspace.openTextDocument(u);
    if (typeof api.settled === 'function') assert.equal(await api.settled(), true, 'analysis did not settle');
    else await sleep(2_000);
    const bad = uris.flatMap((u) =>
      ourDiagnostics(u)
        .filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning)
        .map((d) => `${vscode.workspace.asRelativePath(u)}:${d.range.start.line + 1} ${ruleId(d)} ${d.message}`),
    );
    assert.deepEqual(bad, []);
  });
});
