// The same end-to-end mocha suite (test/e2e/suite) under desktop VS Code, through @vscode/test-electron.
// For machines with internet access: test-electron downloads VS Code from update.code.visualstudio.com
// (cached in .vscode-test/). Offline, point VSCODE_EXECUTABLE at an installed VS Code instead. Where
// neither works (as on the project's CI machines) it fails with a message saying so; the code-server tier
// (`npm run test:e2e`) is the one that runs everywhere.
// Usage: node scripts/e2e-electron.mjs   Env: VSCODE_EXECUTABLE, VSCODE_VERSION (default 'stable')
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './e2e/bundle.mjs';
import { root } from './e2e/tools.mjs';
import { makeWorkspace } from './e2e/workspace.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const suite = await bundleSuite();
const runDir = mkdtempSync(join(tmpdir(), 'mtls-lens-e2e-electron-'));
const ws = makeWorkspace(join(runDir, 'ws'));
let code;
try {
  code = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: suite.indexFile,
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION || 'stable' }),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'user-data'), '--skip-welcome'],
  });
} catch (e) {
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|getaddrinfo|ETIMEDOUT/i.test(String(e?.stack ?? e));
  console.error(`[e2e-electron] FAILED: ${e?.message ?? e}`);
  if (offline) {
    console.error(
      '[e2e-electron] @vscode/test-electron could not download VS Code (no access to update.code.visualstudio.com).\n' +
        '  This runner is for machines with internet access, or set VSCODE_EXECUTABLE=/path/to/code to use an installed VS Code.\n' +
        '  Offline, run the same suite in code-server instead: npm run test:e2e',
    );
  }
  code = 1;
} finally {
  rmSync(runDir, { recursive: true, force: true });
}
process.exit(code === 0 ? 0 : 1);
