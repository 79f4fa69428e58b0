// The workspace is analysed as a whole: an unsaved edit of a PeerAuthentication in one file changes the
// diagnostics of a DestinationRule in another open file, both ways (issue: workspace semantics).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, ourDiagnostics, ruleId, sleep, waitFor, waitForCodes } from './helpers';

describe('workspace semantics across files', () => {
  before(() => activateExtension());
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('editing a PeerAuthentication in one file updates a diagnostic in another open file', async () => {
    const dr = await openFile('broken-mesh/20-destination-rules.yaml');
    const conflict = () => ourDiagnostics(dr.document.uri).filter((d) => ruleId(d) === 'MTLS600');
    const [before] = await waitForCodes(dr.document.uri, ['MTLS600']).then(conflict);
    const pa = await openFile('broken-mesh/10-peer-authentication.yaml');
    assert.ok(
      before.relatedInformation?.some((r) => r.location.uri.toString() === pa.document.uri.toString()),
      'the DestinationRule finding links to the PeerAuthentication that makes the workload STRICT',
    );

    // payments/default: STRICT → PERMISSIVE, without saving
    const line = pa.document.getText().split('\n').findIndex((l) => /^\s+mode: STRICT\s*$/.test(l));
    assert.ok(line >= 0, 'the namespace PeerAuthentication has mode: STRICT');
    const col = pa.document.lineAt(line).text.indexOf('STRICT');
    const strict = new vscode.Range(line, col, line, col + 'STRICT'.length);
    const toPermissive = new vscode.WorkspaceEdit();
    toPermissive.replace(pa.document.uri, strict, 'PERMISSIVE');
    assert.equal(await vscode.workspace.applyEdit(toPermissive), true);
    await waitFor('MTLS600 on the other file to go away once the workload is no longer STRICT', () => conflict().length === 0);
    assert.equal(pa.document.isDirty, true, 'the edit is unsaved: open contents win over the file on disk');

    const back = new vscode.WorkspaceEdit();
    back.replace(pa.document.uri, new vscode.Range(line, col, line, col + 'PERMISSIVE'.length), 'STRICT');
    assert.equal(await vscode.workspace.applyEdit(back), true);
    await waitForCodes(dr.document.uri, ['MTLS600']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a policy lens counts the workloads defined in other files of the workspace', async () => {
    const { document } = await openFile('broken-mesh/10-peer-authentication.yaml');
    await waitFor('the ledger-ports lens to count Deployment ledger from 40-workloads.yaml', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100)) ?? [];
      return lenses.some((l) => /^UNSET \(inherits\) · applies to 1 workload · workspace only$/.test(l.command?.title ?? ''));
    });
  });

  it('closing a document hands its file back to the workspace index: its findings stay, read from disk', async () => {
    const dr = await openFile('broken-mesh/20-destination-rules.yaml');
    await waitForCodes(dr.document.uri, ['MTLS600', 'MTLS200']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // VS Code keeps the closed document alive for a while; the file must not drop out of the analysis meanwhile
    await sleep(1500);
    const codes = ourDiagnostics(dr.document.uri).map(ruleId);
    assert.ok(codes.includes('MTLS600') && codes.includes('MTLS200'), `findings after closing: ${codes.join(', ') || 'none'}`);
  });
});
