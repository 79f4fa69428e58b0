// Builds the .vsix the way it is published and checks what is inside, and installs it into a
// code-server extensions dir the way a user's VS Code would.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, tools } from './tools.mjs';

/** Budget for the packaged extension (bytes). The bundles dominate; measured 571 KB at 0.1.0. */
export const VSIX_BUDGET_BYTES = 1.5 * 1024 * 1024;

/** Files that must be in the package, and patterns that must never be. */
// (vsce renames LICENSE to LICENSE.txt, CHANGELOG.md to changelog.md and README.md to readme.md)
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/cluster.js', 'extension/LICENSE.txt', 'extension/changelog.md'];
const FORBIDDEN = [/^extension\/(src|test|scripts|examples|bench|tools|node_modules|\.tools|\.artifacts|out)\//, /\.map$/, /\.ts$/, /\.vsix$/];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout ?? '';
}

/** Production build, then `vsce package` into .artifacts/. Returns the path and the package listing. */
export function buildVsix({ log = console.log, build = true } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const outDir = join(root, '.artifacts');
  mkdirSync(outDir, { recursive: true });
  const vsix = join(outDir, `${pkg.name}-${pkg.version}.vsix`);
  const t0 = Date.now();
  if (build) run(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const stage = stageProject();
  try {
    // --no-dependencies: everything the extension needs is bundled into dist/*.js by esbuild
    // relative links and images in README.md become absolute URLs on the repository (vsce requires it
    // when the repository host is not GitHub or GitLab)
    const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/\.git$/, '');
    const base = repo ? ['--baseContentUrl', `${repo}/blob/HEAD`, '--baseImagesUrl', `${repo}/raw/HEAD`] : [];
    run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', ...base, '--out', vsix], {
      cwd: stage,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const entries = run('unzip', ['-Z1', vsix]).split('\n').filter(Boolean);
  const size = statSync(vsix).size;
  log(`packaged ${vsix}: ${(size / 1024).toFixed(0)} KB, ${entries.length} files, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { vsix, size, entries };
}

/**
 * vsce walks every file under its folder before applying .vscodeignore; in the repo that includes
 * node_modules and .tools (hundreds of thousands of files, 20 s). So it runs in a copy of the project
 * without those folders; .vscodeignore still decides what ships.
 */
function stageProject() {
  const skip = new Set(['node_modules', '.tools', '.git', '.artifacts', 'out', '.vscode-test']);
  const stage = mkdtempSync(join(tmpdir(), 'mtls-lens-vsix-'));
  for (const name of readdirSync(root)) {
    if (!skip.has(name) && !name.endsWith('.vsix')) cpSync(join(root, name), join(stage, name), { recursive: true });
  }
  return stage;
}

/** Problems with a built package: over budget, a required file missing, a forbidden file present. */
export function vsixProblems({ size, entries }) {
  const problems = [];
  if (size > VSIX_BUDGET_BYTES) problems.push(`${(size / 1024).toFixed(0)} KB is over the ${VSIX_BUDGET_BYTES / 1024} KB budget`);
  const required = [...REQUIRED, ...(existsSync(join(root, 'README.md')) ? ['extension/readme.md'] : [])];
  for (const f of required) if (!entries.includes(f)) problems.push(`missing ${f}`);
  for (const f of entries) if (FORBIDDEN.some((re) => re.test(f))) problems.push(`must not ship ${f}`);
  return problems;
}

/** `code-server --install-extension`, the same path a user's install takes, into its own extensions dir. */
export function installVsix(vsix, { extensionsDir, runDir }) {
  mkdirSync(extensionsDir, { recursive: true });
  const out = run(
    tools.node24Bin,
    [tools.csEntry, '--user-data-dir', join(runDir, 'install-user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { env: { ...process.env, XDG_CONFIG_HOME: join(runDir, 'xdg'), XDG_DATA_HOME: join(runDir, 'xdg') } },
  );
  if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} printed no success line:\n${out}`);
  return out.trim();
}
