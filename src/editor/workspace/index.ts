// The workspace-index feature: starts the background index and contributes mtlsLens.reindexWorkspace.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { WorkspaceIndexer } from './indexer';
import { MeshRoots } from './meshRoots';

export function workspaceIndexFeature(ctx: Ctx): void {
  const indexer = ctx.push(new WorkspaceIndexer(ctx));
  ctx.api.workspaceIndex = indexer;
  ctx.push(
    vscode.commands.registerCommand('mtlsLens.reindexWorkspace', async () => {
      await indexer.reindex('requested');
      void vscode.window.setStatusBarMessage(`mTLS Lens: indexed ${indexer.fileCount} YAML files`, 4000);
    }),
  );
  const meshRoots = ctx.push(new MeshRoots(ctx));
  ctx.api.meshRoots = meshRoots;
  // Not awaited: activation must stay cheap; results stream in as files are read. Mesh roots first, so
  // that files are grouped before the first full analysis.
  void meshRoots.scan().then(
    () => indexer.reindex('start-up'),
    (e) => ctx.log.error(`reading mesh roots failed: ${(e as Error).stack ?? e}`),
  );
}
