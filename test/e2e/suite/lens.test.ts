// The live status lenses in real VS Code, against the demo cluster that scripts/e2e.mjs starts (its
// kubeconfig reaches the extension host through KUBECONFIG; code-server, being a remote, ignores the
// machine-scoped mtlsLens.kubeconfig in user settings). Lenses come from vscode.executeCodeLensProvider,
// as the editor gets them; an unsaved edit of a policy changes them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, waitFor } from './helpers';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  // the second argument makes VS Code resolve the lenses (our provider computes titles in resolve)
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).map((l) => l.command?.title ?? '').filter(Boolean);
}

describe('live mTLS status lenses', function () {
  this.timeout(90_000);
  let api: Record<string, any>;

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mtlsLens.connectCluster');
    await waitFor('the demo cluster to be read', () => {
      const st = api.certificateTree?.status();
      if (st?.status === 'error') throw new Error(`cluster error: ${st.error?.message}`);
      return st?.status === 'ready';
    }, 60_000);
  });

  it('shows the effective mode, pods and the context on the kind line of workloads, and port overrides', async () => {
    const editor = await openFile('demo-cluster/20-bookinfo-workloads.yaml');
    const uri = editor.document.uri;
    const titles = await waitFor('the reviews-v2 lens from the cluster', async () => {
      const t = await lensTitles(uri);
      // the port lens is placed once the main lens was resolved (provide stays cheap), so poll for both
      return t.some((x) => /^STRICT · 2\/2 pods meshed \(sidecar\)/.test(x)) && t.includes('port 9080: PERMISSIVE') ? t : undefined;
    }, 30_000);
    const context = api.certificateTree.status().context;
    assert.ok(titles.some((t) => /^STRICT · 2\/2 pods meshed \(sidecar\) .*· cluster /.test(t) && t.endsWith(`cluster ${context}`)), titles.join('\n'));
    assert.ok(titles.includes('port 9080: PERMISSIVE'), titles.join('\n'));
    // the Service lens aggregates the workloads behind it
    assert.ok(titles.includes(`STRICT · backs 1 workload · 2/2 pods meshed · cluster ${context}`), titles.join('\n'));
    // the certificate tree's workload node shows the same effective mode
    await vscode.commands.executeCommand('mtlsLens.refreshCertificates');
    const tree = await waitFor('the tree to show reviews-v2 with its mode', () => {
      const labels: string[] = api.certificateTree.labels();
      return labels.find((l) => /^\s*reviews-v2 — 2 pods .* · STRICT \(port 9080: PERMISSIVE\)$/.test(l));
    }, 30_000);
    assert.ok(tree);
        // lenses sit on the `kind:` line, not line 0
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    for (const l of lenses) assert.match(editor.document.lineAt(l.range.start.line).text, /^kind: /);
  });

  it('an unsaved edit of a PeerAuthentication shows "live → after apply" on the workloads it reaches', async () => {
    const workloads = await openFile('demo-cluster/20-bookinfo-workloads.yaml');
    const policies = await openFile('demo-cluster/10-istio-policies.yaml');
    const text = policies.document.getText();
    const at = text.indexOf('mtls: { mode: STRICT }', text.indexOf('metadata: { name: default, namespace: bookinfo }'));
    assert.ok(at > 0, 'the bookinfo default PeerAuthentication is in the file');
    const edit = new vscode.WorkspaceEdit();
    const start = policies.document.positionAt(at + 'mtls: { mode: '.length);
    edit.replace(policies.document.uri, new vscode.Range(start, start.translate(0, 'STRICT'.length)), 'PERMISSIVE');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(policies.document.isDirty, true, 'the edit is not saved');

    const titles = await waitFor('the details-v1 lens to show the pending change', async () => {
      const t = await lensTitles(workloads.document.uri);
      return t.some((x) => x.startsWith('live: STRICT → after apply: PERMISSIVE · 1/1 pod meshed (sidecar)')) ? t : undefined;
    }, 30_000);
    assert.ok(titles.length > 0);
    const paTitles = await lensTitles(policies.document.uri);
    assert.ok(paTitles.some((t) => /^PERMISSIVE · applies to \d+ workloads? .*after apply: \d+ workloads? changes? mode/.test(t)), paTitles.join('\n'));

    // clicking a lens opens the explanation with the chain that decided the mode
    const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workloads.document.uri, 100)).find((l) =>
      l.command?.title.startsWith('live: STRICT'),
    )!;
    const shown: vscode.Uri = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    const doc = await vscode.workspace.openTextDocument(shown);
    assert.match(doc.getText(), /\*\*Live: STRICT → after apply: PERMISSIVE\*\*/);
    assert.match(doc.getText(), /\*\*namespace\*\*: \[PeerAuthentication bookinfo\/default\]\((file|vscode-remote):/);

    // undo: back to the live answer
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const revert = new vscode.WorkspaceEdit();
    revert.replace(policies.document.uri, new vscode.Range(start, start.translate(0, 'PERMISSIVE'.length)), 'STRICT');
    await vscode.workspace.applyEdit(revert);
    await policies.document.save();
  });
});
