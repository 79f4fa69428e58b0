// The shape of one command: its id (as contributed in package.json) and what it does.
import type { Ctx } from '../ctx';

export interface Command {
  id: string;
  run(ctx: Ctx, ...args: unknown[]): unknown;
}
