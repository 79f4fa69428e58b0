// The real-VS-Code end-to-end tier (docs/e2e.md). Starts a throw-away code-server (VS Code 1.139, Node 24),
// then uses headless chromium as its client to
//   1. run the mocha suite out/e2e (bundled from test/e2e/suite) inside the real extension host,
//   2. check what a person sees: the Problems panel of a broken example, read from the page (+ screenshot),
//      and the certificate tree of the demo cluster with the status-bar context (+ tree/lens screenshots),
//   3. build the .vsix, check its size and contents, install it into a second code-server and check that
//      it activates there (the same Problems panel check, with nothing loaded from source).
// Any failure, a missing tool or a timeout fails the tier. code-server's process group is always killed.
// Usage: node scripts/e2e.mjs [--screenshots]   (--screenshots also writes docs/images/problems.png, tree.png, lens.png)
// Env: MTLS_E2E_GREP=<mocha grep>, MTLS_E2E_TIMEOUT_MS (default 180000), MTLS_E2E_KEEP=1 keeps the temp dir.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, runExtensionTests } from './e2e/browser.mjs';
import { bundleSuite } from './e2e/bundle.mjs';
import { killGroupNow, startCodeServer } from './e2e/code-server.mjs';
import { checkProblemsPanel } from './e2e/dom-check.mjs';
import { checkCertificateTree, lensDocShotIsFree } from './e2e/dom-tree.mjs';
import { buildVsix, installVsix, vsixProblems, VSIX_BUDGET_BYTES } from './e2e/vsix.mjs';
import { requireTools, root } from './e2e/tools.mjs';
import { makeWorkspace } from './e2e/workspace.mjs';
import { startDemoCluster } from './demo-cluster.mjs';

const timeoutMs = Number(process.env.MTLS_E2E_TIMEOUT_MS || 180_000);
const wantDocsScreenshot = process.argv.includes('--screenshots');
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const SUITE_START = '[mtls-lens e2e] suite start'; // printed by test/e2e/suite/index.ts
const SUITE_END = '[mtls-lens e2e] suite end';
const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

/** The file the DOM check opens, and the rule codes its Problems panel must list. */
const domTarget = { file: 'broken-mesh/10-peer-authentication.yaml', codes: ['MTLS105', 'MTLS604', 'MTLS103', 'MTLS605'] }; // MTLS605 is cross-file: the background index is done

let runDir;
let server;
let vsixServer;
let browser;
let demo; // the fake API server seeded with examples/demo-cluster: the suite's live cluster (lens.test.ts)
// a Ctrl-C or a crash must not leave code-server and its children running
process.on('exit', () => {
  if (server) killGroupNow(server.pid);
  if (vsixServer) killGroupNow(vsixServer.pid);
});
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
  demo = await startDemoCluster({ kubeconfigPath: join(runDir, 'demo-kubeconfig') });
  log(`demo cluster on ${demo.url}`);
  server = await startCodeServer({ runDir: join(runDir, 'cs'), testDriver: true, settings: { 'mtlsLens.kubeconfig': demo.kubeconfigPath }, env: { KUBECONFIG: demo.kubeconfigPath } });
  log(`code-server on ${server.url} (log: ${server.logFile})`);
  browser = await launchBrowser();

  const artifacts = join(root, '.artifacts');
  mkdirSync(artifacts, { recursive: true });
  const suiteOutput = suiteOutputFilter(join(artifacts, 'e2e-workbench.log'));
  log('running the mocha suite inside the extension host');
  const code = await runExtensionTests({
    browser,
    server,
    folder: testsWs,
    devPath: root,
    testsPath: suite.indexFile,
    timeoutMs,
    onLog: suiteOutput.write,
  });
  suiteOutput.close();
  log(`extension host test runner exited with ${code} (all workbench output: .artifacts/e2e-workbench.log)`);

  const screenshots = [join(artifacts, 'problems-panel.png')];
  if (wantDocsScreenshot) {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    screenshots.push(join(root, 'docs', 'images', 'problems.png')); // the README shows it
  }
  const checks = [
    ['DOM check (Problems panel, extension loaded from source)', () => domCheck({ folder: domWs, devPath: root, screenshots })],
    ['DOM check (certificate tree, SPIFFE ID row, context in the status bar)', () => treeCheck(join(runDir, 'ws-tree'), artifacts)],
    ['package check (.vsix built, installed into code-server, activates)', () => packageCheck(join(runDir, 'ws-vsix'))],
  ];
  let failedChecks = 0;
  for (const [name, check] of checks) {
    log(name);
    try {
      await check();
      log(`${name}: ok`);
    } catch (e) {
      failedChecks++;
      console.error(`${name} FAILED: ${e.message}`);
    }
  }
  // one line in mocha's format, so scripts/test.mjs counts these checks with the suite
  console.log(`  ${checks.length - failedChecks} passing (checks outside the suite)`);
  if (failedChecks) console.log(`  ${failedChecks} failing (checks outside the suite)`);
  return code === 0 && !failedChecks ? 0 : 1;
}

async function domCheck({ folder, devPath, screenshots = [], on = server }) {
  const { rows, ms } = await checkProblemsPanel({ browser, server: on, folder, devPath, ...domTarget, screenshots, log });
  log(`Problems panel rows (${ms} ms):\n    ${rows.join('\n    ')}`);
  if (screenshots.length) log(`screenshot: ${screenshots.join(', ')}`);
}

/** The certificate tree as a person sees it (scripts/e2e/dom-tree.mjs), with .artifacts/tree.png and lens.png. */
async function treeCheck(folder, artifacts) {
  const context = /^current-context:\s*"?([^"\n]+?)"?\s*$/m.exec(readFileSync(demo.kubeconfigPath, 'utf8'))?.[1];
  if (!context) throw new Error(`no current-context in ${demo.kubeconfigPath}`);
  const treeShots = [join(artifacts, 'tree.png')];
  const lensShots = [join(artifacts, 'lens.png')];
  if (wantDocsScreenshot) {
    treeShots.push(join(root, 'docs', 'images', 'tree.png'));
    const lensDoc = join(root, 'docs', 'images', 'lens.png');
    if (lensDocShotIsFree(lensDoc)) lensShots.push(lensDoc);
    else log('docs/images/lens.png is younger than 30 minutes (someone else took it): left alone');
  }
  const { rows, ms } = await checkCertificateTree({
    browser, server, folder: makeWorkspace(folder), devPath: root, context, log, treeShots, lensShots,
    svid: { namespace: 'bookinfo', workload: 'details-v1', spiffeId: 'spiffe://cluster.local/ns/bookinfo/sa/details' },
    lensFile: 'demo-cluster/20-bookinfo-workloads.yaml',
  });
  log(`certificate tree rows (${ms} ms):\n    ${rows.join('\n    ')}`);
  log(`screenshots: ${[...treeShots, ...lensShots].join(', ')}`);
}

/** What users get: the packaged .vsix, installed with --install-extension, activating on a YAML file. */
async function packageCheck(folder) {
  const built = buildVsix({ log, build: false }); // dist/ was built at the start of the run
  const problems = vsixProblems(built);
  if (problems.length) throw new Error(`the .vsix is not right:\n  ${problems.join('\n  ')}`);
  log(`.vsix size ${(built.size / 1024).toFixed(0)} KB (budget ${VSIX_BUDGET_BYTES / 1024} KB)`);
  const csDir = join(runDir, 'cs-vsix');
  const extensionsDir = join(csDir, 'extensions');
  log(installVsix(built.vsix, { extensionsDir, runDir: csDir }));
  // no test driver and no dev payload: the extension can only come from the installed package
  vsixServer = await startCodeServer({ runDir: csDir, extensionsDir });
  try {
    await domCheck({ folder: makeWorkspace(folder), on: vsixServer });
  } finally {
    await vsixServer.stop();
    vsixServer = undefined;
  }
}

/**
 * Everything the workbench logs goes to a file; only what the suite prints between its start and end
 * markers (mocha's report, plus any error logged meanwhile) goes to stdout. The rest is workbench chatter
 * about the unreachable marketplace and the like.
 */
function suiteOutputFilter(file) {
  const out = createWriteStream(file);
  let inSuite = false;
  return {
    write: (line, type) => {
      out.write(`[${type}] ${line}\n`);
      if (line === SUITE_START) inSuite = true;
      else if (line === SUITE_END) inSuite = false;
      // workbench components tag their lines ("[AccountPolicyGate] …"); mocha's lines never start with '['
      else if (inSuite && !/^\[[\w:.-]+\] /.test(line)) console.log(line);
    },
    close: () => out.end(),
  };
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  console.error(`[e2e] FAILED: ${e.message}`);
  if (server) console.error(`--- code-server log (tail) ---\n${server.log().slice(-3000)}`);
} finally {
  await browser?.close().catch(() => {});
  await vsixServer?.stop();
  await server?.stop();
  await demo?.close().catch(() => {});
  if (runDir && !process.env.MTLS_E2E_KEEP && existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
  else if (runDir) log(`kept ${runDir}`);
}
log(exitCode === 0 ? 'e2e tier passed' : 'e2e tier FAILED');
process.exit(exitCode);
