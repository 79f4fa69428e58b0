// A quick-fix, obtained the way the light bulb gets it (vscode.executeCodeActionProvider) and applied,
// changes the file as expected, and its diagnostic goes away after re-analysis.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, at, openFile, ourDiagnostics, ruleId, waitFor, waitForCodes } from './helpers';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && 'kind' in a);
}

describe('quick-fixes', () => {
  before(() => activateExtension());

  it('"Change to GET" fixes a lower-case HTTP method (MTLS119) and its diagnostic goes away', async () => {
    const editor = await openFile('broken-mesh/30-authorization.yaml');
    const uri = editor.document.uri;
    const [diag] = (await waitForCodes(uri, ['MTLS119'])).filter((d) => ruleId(d) === 'MTLS119');
    assert.equal(at(diag.range), '19:23');
    assert.equal(editor.document.getText(diag.range), '"get"');

    const actions = await quickFixes(uri, diag.range);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Change to GET');
    assert.ok(fix, `no "Change to GET" among: ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the real fix is the preferred one (Shift+Alt+. applies it)');
    assert.ok(titles.includes('Disable MTLS119 for this line'), `no disable-for-line action among: ${titles.join(' | ')}`);
    assert.ok(fix.edit, 'the fix carries a workspace edit');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(editor.document.lineAt(18).text, /^\s*methods: \["GET"\]$/, "the fix keeps the quotes the user wrote");
    await waitFor('MTLS119 to go away', () => !ourDiagnostics(uri).some((d) => ruleId(d) === 'MTLS119'));
    // the other finding in the file stays
    assert.ok(ourDiagnostics(uri).some((d) => ruleId(d) === 'MTLS118'));
  });

  it('"Disable for this line" adds a directive comment that silences only that rule there', async () => {
    const editor = await openFile('broken-mesh/30-authorization.yaml');
    const uri = editor.document.uri;
    const [diag] = (await waitForCodes(uri, ['MTLS118'])).filter((d) => ruleId(d) === 'MTLS118');
    const line = diag.range.start.line;
    const disable = (await quickFixes(uri, diag.range)).find((a) => a.title === 'Disable MTLS118 for this line');
    assert.ok(disable?.edit, 'no "Disable MTLS118 for this line" action');
    assert.equal(await vscode.workspace.applyEdit(disable.edit), true);
    assert.match(editor.document.lineAt(line).text, /^\s*# mtls-lens-disable-next-line MTLS118\s*$/);
    await waitFor('MTLS118 to go away', () => !ourDiagnostics(uri).some((d) => ruleId(d) === 'MTLS118'));
  });

  after(async () => {
    // leave the shared workspace as it was for the tests that follow
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
