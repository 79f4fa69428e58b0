// mtlsLens.showOutput: reveal the log (what was analysed, how long it took, rule failures).
import type { Command } from './command';

export const showOutput: Command = {
  id: 'mtlsLens.showOutput',
  run(ctx) {
    ctx.log.show(true);
  },
};
