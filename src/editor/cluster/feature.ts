// The cluster feature: the certificate tree view, the context status bar item and picker, the
// certificate hover, and the commands on tree nodes. dist/cluster.js is loaded only when the view opens
// or a cluster command runs.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ClusterState } from './state';
import { loadClusterModule } from './load';
import { chooseKubeconfig } from './kubeconfig-source';
import { certificateHoverProvider } from './hover';
import { CertificateTreeProvider } from '../tree/provider';
import { CertificateDocuments, CERT_SCHEME } from '../tree/details';
import type { TreeNode } from '../tree/model';

export function clusterFeature(ctx: Ctx): void {
  const state = ctx.push(new ClusterState(ctx));
  ctx.api.clusterState = state; // the live status lenses (src/editor/lens) read the snapshot and SVIDs from it
  const tree = ctx.push(new CertificateTreeProvider(ctx, state));
  const view = ctx.push(vscode.window.createTreeView('mtlsLens.certificates', { treeDataProvider: tree, showCollapseAll: true }));
  tree.view = view;
  const docs = new CertificateDocuments();
  ctx.push(vscode.workspace.registerTextDocumentContentProvider(CERT_SCHEME, docs));
  ctx.push(vscode.languages.registerHoverProvider({ language: 'yaml' }, certificateHoverProvider()));
  void vscode.commands.executeCommand('setContext', 'mtlsLens.cluster.status', 'disconnected');

  const status = ctx.push(vscode.window.createStatusBarItem('mtlsLens.context', vscode.StatusBarAlignment.Left, 10));
  status.name = 'mTLS Lens: Kubernetes context';
  status.command = 'mtlsLens.pickContext';
  const updateStatus = () => {
    const name = state.snapshot?.context ?? state.client?.context ?? state.context;
    if (state.status === 'disconnected' && !name) return status.hide();
    const icon = state.status === 'loading' ? '$(sync~spin)' : state.status === 'error' ? '$(error)' : '$(cloud)';
    status.text = `${icon} ${name ?? 'cluster'}`;
    status.tooltip = state.status === 'error' ? state.error?.message : `mTLS Lens context: ${name}${state.snapshot ? `\n${state.snapshot.server}` : ''}\nClick to switch context`;
    status.show();
  };
  ctx.push(state.onDidChange(() => {
    tree.rebuild();
    updateStatus();
  }));
  ctx.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('mtlsLens.expiry')) tree.rebuild();
    if (e.affectsConfiguration('mtlsLens.kubeconfig') || e.affectsConfiguration('mtlsLens.cluster.namespace')) if (state.status !== 'disconnected') void state.connect();
  }));
  ctx.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (state.status === 'error' && state.error?.kind === 'untrusted') void state.connect();
  }));

  const command = (id: string, run: (...args: any[]) => unknown) =>
    ctx.push(vscode.commands.registerCommand(id, async (...args: any[]) => {
      try {
        return await run(...args);
      } catch (e) {
        ctx.log.error(`${id}: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`mTLS Lens: ${(e as Error).message}`);
        return undefined;
      }
    }));

  command('mtlsLens.connectCluster', () => state.connect());
  command('mtlsLens.refreshCertificates', () => (state.client ? state.reload() : state.connect()));
  command('mtlsLens.pickContext', async () => {
    const cluster = loadClusterModule();
    const choice = await chooseKubeconfig();
    let contexts;
    try {
      contexts = cluster.readContexts({ kubeconfigPath: choice.path, origin: choice.origin });
    } catch (e) {
      void vscode.window.showErrorMessage(`mTLS Lens: ${(e as Error).message}`);
      return;
    }
    if (!contexts.length) return void vscode.window.showWarningMessage('mTLS Lens: the kubeconfig has no contexts.');
    const active = state.snapshot?.context ?? state.context;
    const pick = await vscode.window.showQuickPick(
      contexts.map((c) => ({ label: c.name, description: c.server, detail: `cluster ${c.cluster} · user ${c.user}${c.namespace ? ` · namespace ${c.namespace}` : ''}`, picked: c.name === active })),
      { title: 'mTLS Lens: Kubernetes context', placeHolder: active ? `Current: ${active}` : 'Choose a context' },
    );
    if (pick) await state.connect(pick.label);
  });
  command('mtlsLens.filterNamespace', async () => {
    const names = state.snapshot?.namespaces.map((n) => n.metadata.name).sort() ?? [];
    const all = '$(clear-all) All namespaces';
    const pick = await vscode.window.showQuickPick([all, ...names], { title: 'Show certificates of namespace' });
    if (pick === undefined) return;
    tree.namespaceFilter = pick === all ? undefined : pick;
    tree.rebuild();
  });
  command('mtlsLens.showCertificate', async (n?: TreeNode) => {
    if (!n?.cert) return void vscode.window.showInformationMessage('mTLS Lens: pick a certificate in the mTLS Lens tree.');
    const doc = await vscode.workspace.openTextDocument(docs.add(n.cert));
    await vscode.window.showTextDocument(doc, { preview: true });
  });
  command('mtlsLens.copySpiffeId', async (n?: TreeNode) => {
    const id = n?.cert?.chain[n.cert.index]?.spiffeIds[0];
    if (!id) return void vscode.window.showInformationMessage('mTLS Lens: this certificate has no SPIFFE ID.');
    await vscode.env.clipboard.writeText(id);
  });
  command('mtlsLens.copyCertificatePem', async (n?: TreeNode) => {
    const pem = n?.cert?.chain[n.cert.index]?.pem;
    if (pem) await vscode.env.clipboard.writeText(pem); // the certificate only: keys never reach the tree
  });
  command('mtlsLens.revealYaml', async (n?: TreeNode) => {
    const r = n?.resource;
    if (!r) return;
    const found = [...ctx.analyzer.index.all()].find((x) => x.kind === r.kind && x.name === r.name && (x.namespace ?? ctx.analyzer.settings.defaultNamespace) === (r.namespace ?? ctx.analyzer.settings.defaultNamespace) && !x.file.startsWith('cluster://'));
    if (!found) return void vscode.window.showInformationMessage(`mTLS Lens: no ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} in the workspace's YAML.`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(found.file));
    const at = new vscode.Position(found.range.start.line, found.range.start.character);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
  });

  ctx.api.certificateTree = {
    /** "label — description" lines, indented two spaces per level. */
    labels: () => tree.labels(),
    model: () => tree.model,
    status: () => ({ status: state.status, error: state.error, context: state.snapshot?.context }),
    connect: (context?: string) => state.connect(context),
    readSvid: (ns: string, pod: string) => state.readSvid(ns, pod),
    badge: () => view.badge?.value ?? 0,
  };
}
