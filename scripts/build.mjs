// Builds the bundles with esbuild:
//   dist/extension.js  the editor shell (vscode external); loads dist/cluster.js only when a cluster feature is used
//   dist/cluster.js    @kubernetes/client-node and src/cluster (lazy, second phase)
//   dist/cli.js        the mtls-lens command line (loads dist/cluster.js lazily too)
// Usage: node scripts/build.mjs [--watch] [--no-minify]
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const minify = !process.argv.includes('--no-minify');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  minify,
  logLevel: 'warning',
  external: ['vscode', './cluster.js'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
};
const entries = [
  { entryPoints: ['src/editor/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/cluster/index.ts'], outfile: 'dist/cluster.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) (await esbuild.context({ ...common, ...e })).watch();
  console.log('watching', entries.map((e) => e.outfile).join(', '));
} else {
  const t0 = Date.now();
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  console.log(`built ${entries.map((e) => e.outfile).join(', ')} in ${Date.now() - t0} ms`);
}
