// Bundles the end-to-end suite for the extension host: test/e2e/suite/index.ts (with mocha inside) and
// each test/e2e/suite/**/*.test.ts as its own CommonJS file in out/e2e/, `vscode` left external (the
// extension host provides it). The test files then sit flat next to index.js, which loads them.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { root } from './tools.mjs';

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

export async function bundleSuite(outDir = join(root, 'out', 'e2e')) {
  const suiteDir = join(root, 'test', 'e2e', 'suite');
  const testFiles = walk(suiteDir).filter((f) => f.endsWith('.test.ts'));
  if (!testFiles.length) throw new Error(`no end-to-end tests found under ${relative(root, suiteDir)}`);
  rmSync(outDir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'inline', // mocha stack traces then point at the .ts lines
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially and never needs them
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
  await esbuild.build({ ...common, entryPoints: [join(suiteDir, 'index.ts')], outfile: join(outDir, 'index.js') });
  await Promise.all(
    testFiles.map((f) =>
      esbuild.build({
        ...common,
        entryPoints: [f],
        // nested test files are flattened: a/b.test.ts -> a--b.test.js
        outfile: join(outDir, relative(suiteDir, f).split('/').join('--').replace(/\.ts$/, '.js')),
      }),
    ),
  );
  return { outDir, indexFile: join(outDir, 'index.js'), tests: testFiles.map((f) => basename(f)) };
}
