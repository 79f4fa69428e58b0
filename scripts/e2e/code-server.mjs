// Starts a throw-away code-server (VS Code 1.139 server) on 127.0.0.1 and a random free port, with its own
// user-data, extensions and config dirs, so no state leaks between runs. It runs in its own process group
// because it forks a file watcher, the extension host and a pty host: stop() kills the whole group.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tools } from './tools.mjs';

/** Settings that keep the workbench quiet and offline: no welcome page, no AI, no telemetry, no update checks. */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on host:port. */
export function portBusy(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
}

/**
 * @param {object} o
 * @param {string} o.runDir       fresh temp dir for user-data, extensions, config and the log
 * @param {number} [o.port]       default: a random free port
 * @param {string} [o.folder]     folder to open
 * @param {string} [o.extensionsDir]
 * @param {object} [o.settings]   extra user settings
 * @param {object} [o.env]        extra environment (e.g. KUBECONFIG)
 * @param {boolean} [o.testDriver] pass `--vscode-option enable-smoke-test-driver`; without it the built
 *                                 workbench ignores the `payload` dev options and tests never start
 */
export async function startCodeServer(o) {
  const port = o.port ?? (await freePort());
  const userData = join(o.runDir, 'user-data');
  const extensionsDir = o.extensionsDir ?? join(o.runDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...o.settings }, null, 2));
  // code-server windows are remote: settings with "scope": "machine" (mtlsLens.kubeconfig) are read only
  // from the server's Machine settings, and ignored in User settings
  mkdirSync(join(userData, 'Machine'), { recursive: true });
  writeFileSync(join(userData, 'Machine', 'settings.json'), JSON.stringify({ ...o.settings }, null, 2));
  const config = join(o.runDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(o.runDir, 'code-server.log');
  const args = [
    tools.csEntry,
    '--config', config,
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(o.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(o.folder ? [o.folder] : []),
  ];
  // XDG dirs inside runDir: otherwise code-server writes ~/.config/code-server/config.yaml
  const env = { ...process.env, XDG_CONFIG_HOME: join(o.runDir, 'xdg'), XDG_DATA_HOME: join(o.runDir, 'xdg'), ...o.env };
  delete env.NODE_OPTIONS;
  // bin/code-server's shebang would pick the system Node 20; code-server 4.139 needs 24, so run entry.js with it
  const child = spawn(tools.node24Bin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    authority: `127.0.0.1:${port}`,
    logFile,
    pid: child.pid,
    log: () => { try { return readFileSync(logFile, 'utf8'); } catch { return ''; } },
    stop: () => stopGroup(child),
  };
  const t0 = Date.now();
  while (Date.now() - t0 < 30000) {
    if (exited) break;
    try {
      const r = await globalThis.fetch(`${server.url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await sleep(50);
  // a code-server on a busy port logs EADDRINUSE and exits while a client would talk to the old server
  if (exited || /EADDRINUSE/.test(server.log())) {
    await server.stop();
    throw new Error(`code-server did not start on port ${port} (${exited ? `exited ${JSON.stringify(exited)}` : 'EADDRINUSE'}):\n${server.log().slice(-2000)}`);
  }
  if (Date.now() - t0 >= 30000) {
    await server.stop();
    throw new Error(`code-server did not answer /healthz within 30 s:\n${server.log().slice(-2000)}`);
  }
  return server;
}

/** SIGTERM the process group, then SIGKILL whatever is left after 3 s. */
export async function stopGroup(child) {
  const alive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  for (let i = 0; i < 30 && alive(); i++) await sleep(100);
  if (alive()) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}

/** Synchronous last-resort kill, for process 'exit' handlers. */
export function killGroupNow(pid) {
  try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
