// The workspace-index feature: starts the background index and contributes mtlsLens.reindexWorkspace.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { WorkspaceIndexer } from './indexer';

export function workspaceIndexFeature(ctx: Ctx): void {
  const indexer = ctx.push(new WorkspaceIndexer(ctx));
  ctx.api.workspaceIndex = indexer;
  ctx.push(
    vscode.commands.registerCommand('mtlsLens.reindexWorkspace', async () => {
      await indexer.reindex('requested');
      void vscode.window.setStatusBarMessage(`mTLS Lens: indexed ${indexer.fileCount} YAML files`, 4000);
    }),
  );
  // Not awaited: activation must stay cheap; results stream in as files are read.
  void indexer.reindex('start-up');
}
