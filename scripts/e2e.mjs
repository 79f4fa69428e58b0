// The real-VS-Code end-to-end tier (docs/e2e.md). Starts a throw-away code-server (VS Code 1.139, Node 24),
// then uses headless chromium as its client to
//   1. run the mocha suite out/e2e (bundled from test/e2e/suite) inside the real extension host, and
//   2. check what a person sees: the Problems panel of a broken example, read from the page (+ screenshot).
// Any failure, a missing tool or a timeout fails the tier. code-server's process group is always killed.
// Usage: node scripts/e2e.mjs [--screenshots]   (--screenshots also writes docs/images/problems-panel.png)
// Env: MTLS_E2E_GREP=<mocha grep>, MTLS_E2E_TIMEOUT_MS (default 180000), MTLS_E2E_KEEP=1 keeps the temp dir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, runExtensionTests } from './e2e/browser.mjs';
import { bundleSuite } from './e2e/bundle.mjs';
import { killGroupNow, startCodeServer } from './e2e/code-server.mjs';
import { checkProblemsPanel } from './e2e/dom-check.mjs';
import { requireTools, root } from './e2e/tools.mjs';
import { makeWorkspace } from './e2e/workspace.mjs';

const timeoutMs = Number(process.env.MTLS_E2E_TIMEOUT_MS || 180_000);
const wantDocsScreenshot = process.argv.includes('--screenshots');
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

/** The file the DOM check opens, and the rule codes its Problems panel must list. */
const domTarget = { file: 'fixtures/syntax-error.yaml', codes: ['MTLS001'] };

let runDir;
let server;
let browser;
// a Ctrl-C or a crash must not leave code-server and its children running
process.on('exit', () => server && killGroupNow(server.pid));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

async function main() {
  requireTools();
  log('building the extension');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the extension build failed');
  const suite = await bundleSuite();
  log(`bundled ${suite.tests.length} test file(s) into ${suite.outDir}`);

  runDir = mkdtempSync(join(tmpdir(), 'mtls-lens-e2e-'));
  const testsWs = makeWorkspace(join(runDir, 'ws-tests'));
  const domWs = makeWorkspace(join(runDir, 'ws-dom'));
  server = await startCodeServer({ runDir: join(runDir, 'cs'), testDriver: true });
  log(`code-server on ${server.url} (log: ${server.logFile})`);
  browser = await launchBrowser();

  log('running the mocha suite inside the extension host');
  const code = await runExtensionTests({
    browser,
    server,
    folder: testsWs,
    devPath: root,
    testsPath: suite.indexFile,
    timeoutMs,
    onLog: (line) => console.log(line),
  });
  log(`extension host test runner exited with ${code}`);

  log(`DOM check: Problems panel for ${domTarget.file}`);
  const artifacts = join(root, '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  const screenshots = [join(artifacts, 'problems-panel.png')];
  if (wantDocsScreenshot) {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    screenshots.push(join(root, 'docs', 'images', 'problems-panel.png'));
  }
  let domOk = false;
  try {
    const { rows, ms } = await checkProblemsPanel({ browser, server, folder: domWs, devPath: root, ...domTarget, screenshots, log });
    log(`Problems panel rows (${ms} ms):\n    ${rows.join('\n    ')}`);
    log(`screenshot: ${screenshots.join(', ')}`);
    domOk = true;
  } catch (e) {
    console.error(`DOM check FAILED: ${e.message}`);
  }
  // one line in mocha's format so scripts/test.mjs counts the DOM check with the suite
  console.log(`  ${domOk ? 1 : 0} passing (DOM check)${domOk ? '' : '\n  1 failing (DOM check)'}`);
  return code === 0 && domOk ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  console.error(`[e2e] FAILED: ${e.message}`);
  if (server) console.error(`--- code-server log (tail) ---\n${server.log().slice(-3000)}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (runDir && !process.env.MTLS_E2E_KEEP && existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
  else if (runDir) log(`kept ${runDir}`);
}
log(exitCode === 0 ? 'e2e tier passed' : 'e2e tier FAILED');
process.exit(exitCode);
