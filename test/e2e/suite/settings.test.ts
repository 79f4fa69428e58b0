// Turning a rule off in settings (mtlsLens.rules) removes its diagnostics at once, and only its own;
// turning it back on restores them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codesOf, openFile, ourDiagnostics, ruleId, waitFor, waitForCodes } from './helpers';

describe('settings', () => {
  const config = () => vscode.workspace.getConfiguration('mtlsLens');

  before(() => activateExtension());
  afterEach(() => config().update('rules', undefined, vscode.ConfigurationTarget.Workspace));

  it('"MTLS103": "off" removes the PERMISSIVE diagnostics and keeps the others', async () => {
    const { document } = await openFile('broken-mesh/10-peer-authentication.yaml');
    const before = await waitForCodes(document.uri, ['MTLS103', 'MTLS604']);
    assert.ok(before.filter((d) => ruleId(d) === 'MTLS103').length >= 2);

    await config().update('rules', { MTLS103: 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('MTLS103 to disappear', () => !ourDiagnostics(document.uri).some((d) => ruleId(d) === 'MTLS103'), 5_000);
    assert.ok(codesOf(ourDiagnostics(document.uri)).includes('MTLS604'), 'other rules keep reporting');

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForCodes(document.uri, ['MTLS103'], 5_000);
  });

  it('a severity override changes the diagnostic severity', async () => {
    const { document } = await openFile('broken-mesh/10-peer-authentication.yaml');
    await waitForCodes(document.uri, ['MTLS604']);
    await config().update('rules', { MTLS604: 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      'MTLS604 to become an error',
      () => ourDiagnostics(document.uri).find((d) => ruleId(d) === 'MTLS604')?.severity === vscode.DiagnosticSeverity.Error,
      5_000,
    );
  });
});
