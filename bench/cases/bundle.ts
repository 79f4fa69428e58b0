// The editor bundle: size, require time, and whether the cluster bundle stays out until it is needed.
// Budgets (DESIGN.md): dist/extension.js ≤ 500 KB and ≤ 40 ms to require; dist/cluster.js loads on first
// use. Require times come from fresh processes (require-probe.cjs, no tsx) so nothing else is counted.
// Floors: the `yaml` library bundled and minified the same way (size: the one dependency the editor
// cannot do without), and `node -e 0` (a process start: what "instant" costs on this machine).
import { spawnSync, execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { median, type BenchCase, type Measurement } from '../harness';

const PROBE = join(__dirname, 'require-probe.cjs');
const PROCESSES = 9;

interface ProbeResult {
  requireMs: number;
  activateMs?: number;
  activateError?: string;
  /** Lines the extension logged with log.error() during activation (a feature that failed to start). */
  loggedErrors?: string[];
  modules: number;
  clusterModules: string[];
  error?: string;
}

function probe(module: string, activate = false): ProbeResult {
  const out = execFileSync(process.execPath, [PROBE, module, ...(activate ? ['--activate'] : [])], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!) as ProbeResult;
  if (r.error) throw new Error(`require-probe ${module}: ${r.error}`);
  return r;
}

function processStartMs(): number {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function yamlBundleBytes(): Promise<number> {
  const r = await build({
    stdin: { contents: "export * from 'yaml';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', target: 'node22', minify: true, write: false, logLevel: 'silent',
  });
  return r.outputFiles[0].contents.length;
}

export const bundleCase: BenchCase = {
  name: 'editor bundle size and require time',
  async run() {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
    const ext = 'dist/extension.js';
    const cluster = 'dist/cluster.js';
    const floorBytes = await yamlBundleBytes();
    const kb = (n: number) => n / 1024;
    const starts: number[] = [];
    const requires: number[] = [];
    const clusterRequires: number[] = [];
    for (let i = 0; i < PROCESSES; i++) {
      starts.push(processStartMs());
      requires.push(probe(ext).requireMs);
      clusterRequires.push(probe(cluster).requireMs);
    }
    const start = median(starts);
    const activated = probe(ext, true);
    const rows: Measurement[] = [
      { case: 'bundle', figure: `${ext} size`, value: kb(statSync(ext).size), floor: kb(floorBytes), floorName: '`yaml` bundled + minified', unit: 'KB', limit: 500 },
      { case: 'bundle', figure: `${cluster} size (lazy)`, value: kb(statSync(cluster).size), floor: kb(floorBytes), floorName: '`yaml` bundled + minified', unit: 'KB' },
      { case: 'bundle', figure: `require ${ext} (fresh process, median of ${PROCESSES})`, value: median(requires), floor: start, floorName: '`node -e 0` process start', unit: 'ms', limit: 40 },
      { case: 'bundle', figure: `require ${cluster} (paid on first cluster use)`, value: median(clusterRequires), floor: start, floorName: '`node -e 0` process start', unit: 'ms' },
      {
        case: 'bundle',
        figure: 'cluster-side modules loaded by require + activate() (stubbed vscode)',
        value: activated.clusterModules.length,
        floor: activated.modules,
        floorName: 'modules in require.cache',
        unit: 'modules',
        limit: 0,
        note: activated.activateError ? `activate threw: ${activated.activateError}`
          : activated.loggedErrors?.length ? `activation logged errors: ${activated.loggedErrors.join('; ')}`
          : `activate() ran every feature in ${activated.activateMs?.toFixed(1)} ms; ${activated.clusterModules.join(', ') || 'no cluster code loaded'}`,
      },
    ];
    return rows;
  },
};
