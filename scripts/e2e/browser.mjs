// Headless Debian chromium, driven by playwright-core, is the workbench client. code-server spawns no
// extension host until a client connects, and the extension-test paths reach the host only through the
// client's `payload` URL parameter.
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { tools } from './tools.mjs';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: [
      '--no-sandbox', // runs as root in CI
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      // keep the workbench from reaching Open VSX or telemetry endpoints; only the local server resolves
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/**
 * The workbench URL. Payload URIs must use `vscode-remote://<host:port>`: code-server's client replaces the
 * page's "remote" authority with location.host, and a payload with any other authority is never run.
 */
export function workbenchUrl(server, folder, { devPath, testsPath } = {}) {
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${server.authority}${devPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.authority}${testsPath}`]);
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Runs the mocha suite at `testsPath` inside the real extension host. The workbench reports through the
 * same hooks VS Code's own browser integration tests use: codeAutomationLog (console output of the
 * test run) and codeAutomationExit (its exit code). Resolves to the exit code, or throws on timeout.
 */
export async function runExtensionTests({ browser, server, folder, devPath, testsPath, timeoutMs, onLog }) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  // the extension host's console calls arrive as printf-style argument lists (mocha uses '%s' / '%d')
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog(Array.isArray(args) ? format(...args) : String(args), type));
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => onLog(`[workbench page error] ${e.message}`));
  await page.goto(workbenchUrl(server, folder, { devPath, testsPath }));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the extension tests did not finish within ${timeoutMs / 1000} s (did the workbench load? see the code-server log)`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => {});
  }
}
