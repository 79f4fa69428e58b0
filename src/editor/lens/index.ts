// The live status feature: CodeLenses on each document's `kind:` line, the explanation a lens opens, the
// read-only cluster object view, and automatic SVID reads for meshed pods (the "SVID 21h left" part).
// Lenses refresh (debounced) when the analysis or the cluster changes; nothing here runs on a keystroke.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { explainDocument } from '../../core/status/explain';
import { statusOfDocument } from '../../core/status/lens';
import { workloadUnits } from '../../core/status/units';
import { workloadStatus } from '../../core/status/workload';
import { LensModel } from './model';
import { StatusLensProvider, SHOW_STATUS_COMMAND } from './provider';
import { ClusterObjectDocuments, ExplanationDocuments, STATUS_SCHEME, CLUSTER_VIEW_SCHEME, linkOf } from './documents';
import { SvidReader } from './svids';

export function lensFeature(ctx: Ctx): void {
  const model = new LensModel(ctx);
  const provider = ctx.push(new StatusLensProvider(ctx, model));
  const explanations = new ExplanationDocuments();
  const svids = new SvidReader(model);
  ctx.push(
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { pattern: '**/*.{yaml,yml}' }], provider),
    vscode.workspace.registerTextDocumentContentProvider(STATUS_SCHEME, explanations),
    vscode.workspace.registerTextDocumentContentProvider(CLUSTER_VIEW_SCHEME, new ClusterObjectDocuments((file) => model.liveResource(file))),
    ctx.onDidChangeAnalysis(() => provider.invalidate()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mtlsLens.codeLens')) provider.invalidate(true);
    }),
    // open/close changes which documents overlay the cluster
    vscode.workspace.onDidOpenTextDocument(() => model.activeSnapshot() && provider.invalidate()),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      provider.forget(doc.uri.toString());
      if (model.activeSnapshot()) provider.invalidate();
    }),
    vscode.commands.registerCommand(SHOW_STATUS_COMMAND, (uri?: string, docIndex?: number) => showStatus(ctx, model, explanations, uri, docIndex)),
  );

  // The cluster feature may register after this one: subscribe on first sight of its state.
  let subscribed = false;
  const hookCluster = () => {
    const cluster = model.cluster();
    if (subscribed || !cluster) return;
    subscribed = true;
    ctx.push(
      cluster.onDidChange(() => {
        model.clusterChanged();
        provider.invalidate();
      }),
    );
  };
  hookCluster();
  ctx.push(ctx.onDidChangeAnalysis(hookCluster));
  setTimeout(hookCluster, 0);

  // Read the SVID of a workload's first sidecar pod when its lens is computed (once per pod and snapshot).
  provider.onResolved = (res) => {
    const snap = model.activeSnapshot();
    if (!snap || !vscode.workspace.isTrusted) return;
    const st = statusOfDocument(model.inputs(res.file), res, { liveCopyOf: model.liveCopyOf });
    const pod = st?.pods.find((p) => p.dataplane === 'sidecar');
    if (pod) svids.request(snap, pod.namespace, pod.name);
  };

  Object.assign(ctx.api, {
    statusLenses: {
      /** Titles of the lenses of a document, computed now (tests). */
      titles: (uri: vscode.Uri | string) => {
        const key = typeof uri === 'string' ? uri : uri.toString();
        return ctx.analyzer.index.resourcesOf(key).flatMap((r) => provider.lensesOf(r).map((l) => l.title));
      },
      source: () => (model.activeSnapshot() ? `cluster ${model.activeSnapshot()!.context}` : 'workspace'),
      stats: () => ({ ...provider.stats }),
      /** The effective mode of the workload a live pod belongs to, for the certificate tree's workload nodes. */
      liveModeOfPod: (namespace: string, pod: string) => liveModeOfPod(model, namespace, pod),
    },
  });
}

function liveModeOfPod(model: LensModel, namespace: string, pod: string): string | undefined {
  const inputs = model.liveInputs();
  if (!inputs) return undefined;
  const unit = workloadUnits(inputs.index, inputs.settings.defaultNamespace).byNamespace.get(namespace)?.find((u) => u.pods.some((p) => p.name === pod));
  if (!unit) return undefined;
  const st = workloadStatus(inputs, unit);
  const ports = Object.entries(st.current.ports).filter(([, m]) => m !== st.current.mode).map(([p, m]) => `port ${p}: ${m}`);
  return ports.length ? `${st.current.mode} (${ports.join(', ')})` : st.current.mode;
}

async function showStatus(ctx: Ctx, model: LensModel, docs: ExplanationDocuments, uri?: string, docIndex?: number): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  const key = uri ?? editor?.document.uri.toString();
  const resources = key ? ctx.analyzer.index.resourcesOf(key) : [];
  const line = editor?.selection.active.line ?? 0;
  const res = docIndex !== undefined ? resources.find((r) => r.docIndex === docIndex) : resources.find((r) => line >= r.range.start.line && line <= r.range.end.line);
  if (!res) {
    void vscode.window.showInformationMessage('mTLS Lens: put the cursor in a workload or mesh policy document to see its mTLS status.');
    return undefined;
  }
  const markdown = explainDocument(model.inputs(res.file), res, linkOf, { liveCopyOf: model.liveCopyOf });
  const shown = docs.add(`${res.kind} ${res.name}`, markdown);
  const doc = await vscode.workspace.openTextDocument(shown);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return shown;
}
