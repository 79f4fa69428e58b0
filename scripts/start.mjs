// `npm start`: try mTLS Lens in a real VS Code (code-server) in your browser.
//   - installs what is missing (.tools/: Node 24, code-server; Debian chromium is not needed here)
//   - builds the .vsix and installs it into a fresh extensions dir: exactly what users install
//     (`--dev` instead loads the extension from source with a watching build; reload the window to pick
//     up changes)
//   - starts the demo cluster (scripts/demo-cluster.mjs) when it exists and points KUBECONFIG and the
//     mtlsLens.kubeconfig setting at it
//   - opens a throw-away copy of examples/ on http://127.0.0.1:8080 (or the first free port after it;
//     PORT=… overrides), and cleans everything up on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workbenchUrl } from './e2e/browser.mjs';
import { killGroupNow, portBusy, startCodeServer } from './e2e/code-server.mjs';
import { CODE_SERVER_VERSION, requireTools, root } from './e2e/tools.mjs';
import { buildVsix, installVsix } from './e2e/vsix.mjs';
import { makeWorkspace } from './e2e/workspace.mjs';

const dev = process.argv.includes('--dev');
const log = (msg) => console.log(`[start] ${msg}`);
const runDir = mkdtempSync(join(tmpdir(), 'mtls-lens-start-'));
let server;
let cluster;
let watcher;

async function firstFreePort(from) {
  for (let p = from; p < from + 100; p++) if (!(await portBusy(p))) return p;
  throw new Error(`no free port in ${from}..${from + 99}`);
}

async function cleanup() {
  watcher?.kill();
  await server?.stop();
  await cluster?.close().catch(() => {});
  rmSync(runDir, { recursive: true, force: true });
}

async function main() {
  try {
    requireTools();
  } catch {
    log('installing the tools first (one time, ~3 min)');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'install-tools.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('tool installation failed');
  }
  const extensionsDir = join(runDir, 'extensions');
  if (dev) {
    spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
    watcher = spawn(process.execPath, [join(root, 'scripts', 'build.mjs'), '--watch'], { stdio: 'inherit', cwd: root });
  } else {
    const { vsix } = buildVsix({ log });
    log(installVsix(vsix, { extensionsDir, runDir: join(runDir, 'install') }).split('\n').pop());
  }

  const env = {};
  const settings = {};
  const demo = join(root, 'scripts', 'demo-cluster.mjs');
  if (existsSync(demo)) {
    const { startDemoCluster } = await import(pathToFileURL(demo).href);
    cluster = await startDemoCluster({ kubeconfigPath: join(runDir, 'kubeconfig') });
    env.KUBECONFIG = cluster.kubeconfigPath;
    settings['mtlsLens.kubeconfig'] = cluster.kubeconfigPath;
    log(`demo cluster on ${cluster.url ?? '(fake API server)'}, kubeconfig ${cluster.kubeconfigPath}`);
  }

  const folder = makeWorkspace(join(runDir, 'examples'), { fixtures: false });
  const port = process.env.PORT ? Number(process.env.PORT) : await firstFreePort(8080);
  server = await startCodeServer({ runDir: join(runDir, 'cs'), port, folder, extensionsDir, settings, env, testDriver: dev });
  const url = dev ? workbenchUrl(server, folder, { devPath: root }) : `${server.url}/?folder=${encodeURIComponent(folder)}`;
  console.log(`\n  mTLS Lens in code-server ${CODE_SERVER_VERSION}:\n\n    ${url}\n`);
  console.log(`  Extension: ${dev ? 'loaded from source (dist/ rebuilt on change; reload the window)' : 'installed from the .vsix'}`);
  console.log(`  Workspace: a copy of examples/ in ${folder}`);
  console.log('  Press Ctrl-C to stop.\n');
}

process.on('exit', () => server && killGroupNow(server.pid));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log('stopping');
    cleanup().finally(() => process.exit(0));
  });
}
main().catch(async (e) => {
  console.error(`[start] FAILED: ${e.message}`);
  await cleanup();
  process.exit(1);
});
