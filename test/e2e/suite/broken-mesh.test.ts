// The broken example, as a person sees it in the editor: the right rule codes at the right places, and
// the same findings the CLI reports for the same files (the two front ends share one analyzer).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, at, codesOf, ourDiagnostics, ruleId, waitFor, waitForCodes, workspaceUri } from './helpers';

const BROKEN = 'broken-mesh';

/** Rule code -> 1-based "line:col" where it must be reported; from the PROBLEM comments in the files. */
const anchors: Record<string, [code: string, at: string][]> = {
  '10-peer-authentication.yaml': [
    ['MTLS105', '23:13'], // portLevelMtls 80: DISABLE on an application port
    ['MTLS604', '32:3'], // selector PeerAuthentication in the root namespace
    ['MTLS103', '36:11'], // PERMISSIVE
    ['MTLS103', '46:11'],
  ],
  '30-authorization.yaml': [
    ['MTLS118', '16:17'], // principal written with spiffe://
    ['MTLS119', '19:23'], // lower-case HTTP method
  ],
  '50-certificates.yaml': [
    ['MTLS300', '12:16'], // renewBefore below cert-manager's minimum
    ['MTLS313', '15:3'], // SPIFFE certificate without client auth
  ],
};

async function brokenFiles(): Promise<vscode.Uri[]> {
  const uris = await vscode.workspace.findFiles(`${BROKEN}/*.yaml`);
  assert.ok(uris.length > 0, `no files in ${BROKEN}/ of the test workspace`);
  return uris.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What the CLI reports for the given workspace-relative files, as "file code line:col" lines (file relative
 * to the workspace folder). The editor analyses every open YAML document together, so the CLI gets exactly that set.
 */
function cliFindings(extensionPath: string, cwd: string, files: string[]): string[] {
  const r = spawnSync(process.execPath, [join(extensionPath, 'bin', 'mtls-lens.js'), 'lint', ...files, '--format', 'json'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, // under desktop VS Code, execPath is Electron
  });
  assert.ok(r.stdout, `the CLI printed nothing (exit ${r.status}): ${r.stderr}`);
  const { findings } = JSON.parse(r.stdout) as { findings: { file: string; code: string; range: { start: { line: number; column: number } } }[] };
  return findings.map((f) => `${f.file} ${f.code} ${f.range.start.line}:${f.range.start.column}`).sort();
}

describe('broken-mesh example in the editor', function () {
  let api: Record<string, any>;
  let extensionPath: string;
  let uris: vscode.Uri[];

  before(async () => {
    ({ api } = await activateExtension());
    extensionPath = vscode.extensions.getExtension('mtls-lens.mtls-lens')!.extensionPath;
    uris = await brokenFiles();
    // open every file, so cross-document rules (PeerAuthentication vs DestinationRule, …) see them all
    for (const u of uris) await vscode.workspace.openTextDocument(u);
    await vscode.window.showTextDocument(uris[0]);
  });

  for (const [file, expected] of Object.entries(anchors)) {
    it(`reports ${[...new Set(expected.map(([c]) => c))].join(', ')} at the right places in ${file}`, async () => {
      const uri = workspaceUri(`${BROKEN}/${file}`);
      const ds = await waitForCodes(uri, expected.map(([c]) => c));
      const seen = ds.map((d) => `${ruleId(d)} ${at(d.range)}`);
      for (const [code, pos] of expected) assert.ok(seen.includes(`${code} ${pos}`), `${code} expected at ${pos}; diagnostics: ${seen.join(', ')}`);
      // every diagnostic carries a link to its rule's documentation
      for (const d of ds) {
        const code = d.code as { value: string; target: vscode.Uri };
        assert.ok(code.target, `${code.value} has no docs link`);
        assert.match(code.target.path, new RegExp(`docs/rules/${code.value}\\.md$`));
      }
    });
  }

  it('agrees with the CLI on every finding in the folder', async () => {
    const openYaml = vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'file' && /\.ya?ml$/.test(d.uri.path))
      .map((d) => vscode.workspace.asRelativePath(d.uri, false));
    const inBroken = (line: string) => line.startsWith(`${BROKEN}/`);
    const expected = cliFindings(extensionPath, vscode.workspace.workspaceFolders![0].uri.fsPath, openYaml).filter(inBroken);
    assert.ok(expected.length > 0, 'the CLI found nothing in the broken example');
    const editor = () =>
      uris.flatMap((u) => ourDiagnostics(u).map((d) => `${vscode.workspace.asRelativePath(u, false)} ${ruleId(d)} ${at(d.range)}`)).sort();
    if (typeof api.settled === 'function') await api.settled();
    await waitFor('editor diagnostics to match the CLI', () => editor().join('\n') === expected.join('\n'), 10_000).catch(() => {
      assert.deepEqual(editor(), expected); // fails with a readable diff
    });
  });

  it('gives every diagnostic an MTLSnnn rule code', () => {
    const codes = uris.flatMap((u) => codesOf(ourDiagnostics(u)));
    assert.ok(codes.every((c) => /^MTLS\d{3}$/.test(c)), `unexpected codes: ${codes.join(', ')}`);
  });
});
