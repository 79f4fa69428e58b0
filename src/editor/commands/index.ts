// Registers the commands of src/editor/commands (one file each). Add new commands to the list.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Command } from './command';
import { showOutput } from './showOutput';
import { openRuleDocs } from './openRuleDocs';
import { reanalyze } from './reanalyze';

const commands: Command[] = [showOutput, openRuleDocs, reanalyze];

export function commandsFeature(ctx: Ctx): void {
  for (const c of commands) {
    ctx.push(
      vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
        try {
          return await c.run(ctx, ...args);
        } catch (e) {
          ctx.log.error(`command ${c.id} failed: ${(e as Error).stack ?? e}`);
          void vscode.window.showErrorMessage(`mTLS Lens: ${c.id} failed: ${(e as Error).message}`);
          return undefined;
        }
      }),
    );
  }
}
