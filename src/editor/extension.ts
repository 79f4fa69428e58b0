// Activation: builds the one Ctx and registers each feature through it. Cheap on purpose: the cluster
// bundle (dist/cluster.js) is loaded only when a cluster feature is first used.
import * as vscode from 'vscode';
import { Ctx } from './ctx';
import { diagnosticsFeature } from './diagnostics/index';
import { commandsFeature } from './commands/index';
import { workspaceIndexFeature } from './workspace/index';
import { explainFeature } from './explain/index';
import { clusterFeature } from './cluster/feature';
import { lensFeature } from './lens/index';

type Feature = (ctx: Ctx) => void | Promise<void>;

/** Each feature registers its providers, listeners and commands through ctx. Add new ones here. */
const features: Feature[] = [diagnosticsFeature, commandsFeature, workspaceIndexFeature, explainFeature, clusterFeature, lensFeature];

let current: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Record<string, unknown>> {
  const ctx = new Ctx(context);
  current = ctx;
  context.subscriptions.push(ctx);
  const t0 = Date.now();
  for (const feature of features) {
    try {
      await feature(ctx);
    } catch (e) {
      ctx.log.error(`feature failed to start: ${(e as Error).stack ?? e}`);
    }
  }
  ctx.log.info(`mTLS Lens activated in ${Date.now() - t0} ms`);
  return ctx.api;
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
