// Entry point of the end-to-end suite inside the real extension host (code-server or desktop VS Code):
// the host requires this file and awaits run(). Every *.test.js bundled next to it is loaded into mocha.
// Tests use mocha's bdd globals (describe/it), installed when mocha loads each file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * Connecting to the demo cluster adds its objects to the analysis for the rest of the session, so the
 * files that connect (`*.cluster.test.ts`, and lens.test.ts) run after the workspace-only ones.
 */
const connectsToCluster = (name: string) => name.endsWith('.cluster.test.js') || name === 'lens.test.js';

function testFiles(names: string[]): string[] {
  const tests = names.filter((n) => n.endsWith('.test.js')).sort();
  return [...tests.filter((n) => !connectsToCluster(n)), ...tests.filter(connectsToCluster)];
}

/** Printed around the run, so the runner can show the suite's output and file the workbench's own chatter. */
export const SUITE_START = '[mtls-lens e2e] suite start';
export const SUITE_END = '[mtls-lens e2e] suite end';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the output goes through the workbench's log hook, not a terminal
    timeout: 30_000,
    slow: 5_000,
    grep: process.env.MTLS_E2E_GREP || undefined,
  });
  for (const f of testFiles(readdirSync(__dirname))) mocha.addFile(join(__dirname, f));
  console.log(SUITE_START);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        console.log(SUITE_END);
        if (failures) reject(new Error(`${failures} end-to-end test(s) failed`));
        // a run that tested nothing (a grep that matches nothing, files that failed to register) is no pass
        else if (runner.total === 0) reject(new Error('no end-to-end test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
