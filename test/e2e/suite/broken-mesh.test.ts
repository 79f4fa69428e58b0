// The broken example, as a person sees it in the editor: the right rule codes at the right places, each
// linked to its rule's documentation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, at, codesOf, ourDiagnostics, ruleId, waitForCodes, workspaceUri } from './helpers';

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

describe('broken-mesh example in the editor', function () {
  let uris: vscode.Uri[];

  before(async () => {
    await activateExtension();
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

  it('gives every diagnostic an MTLSnnn rule code', () => {
    const codes = uris.flatMap((u) => codesOf(ourDiagnostics(u)));
    assert.ok(codes.every((c) => /^MTLS\d{3}$/.test(c)), `unexpected codes: ${codes.join(', ')}`);
  });
});
