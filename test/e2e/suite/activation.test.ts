// The extension loads and activates in a real VS Code, and a YAML syntax error shows as a diagnostic.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, ruleId, waitForCodes } from './helpers';

describe('activation in a real VS Code', () => {
  it('runs inside the real extension host', () => {
    assert.match(process.version, /^v\d+\./);
    assert.ok(vscode.version, 'vscode.version is set');
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, Node ${process.version})`);
  });

  it('activates and returns its API object', async () => {
    const { ext, api } = await activateExtension();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api, 'object');
  });

  it('reports a YAML syntax error as MTLS001 on the broken line', async () => {
    const editor = await openFile('fixtures/syntax-error.yaml');
    const ds = await waitForCodes(editor.document.uri, ['MTLS001']);
    const syntax = ds.filter((d) => ruleId(d) === 'MTLS001');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].severity, vscode.DiagnosticSeverity.Error);
    // the flow mapping opens on line 9 (0-based 8) and is never closed: the error is reported there or at the end
    assert.ok(syntax[0].range.start.line >= 8, `MTLS001 at line ${syntax[0].range.start.line + 1}`);
  });
});
