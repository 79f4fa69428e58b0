// mtlsLens.reanalyze: re-read the settings and analyse every known file again (e.g. after the clock
// passed a certificate's expiry, which no edit would trigger).
import type { Command } from './command';
import { reanalyse } from '../diagnostics/index';

export const reanalyze: Command = {
  id: 'mtlsLens.reanalyze',
  run(ctx) {
    reanalyse(ctx, 'requested');
  },
};
