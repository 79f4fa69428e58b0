// `npm test`: type-check, lint, build, then every test tier that exists, in order. Any failure fails the
// run. The last line sums the tiers up as "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2); // e.g. `npm test -- unit cluster`
const bin = (name) => join('node_modules', '.bin', name);
const hasTests = (dir) => existsSync(dir) && walk(dir).some((f) => f.endsWith('.test.ts'));

const steps = [
  { name: 'typecheck', cmd: [bin('tsc'), '-p', '.', '--noEmit'] },
  { name: 'lint', cmd: [bin('eslint'), '.', '--max-warnings=0'] },
  { name: 'build', cmd: [process.execPath, 'scripts/build.mjs'] },
  { name: 'unit', dir: 'test/unit' },
  { name: 'cluster', dir: 'test/cluster' },
  { name: 'e2e', script: 'scripts/e2e.mjs' },
];

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  let cmd = step.cmd;
  if (step.dir) {
    if (!hasTests(step.dir)) continue;
    cmd = [process.execPath, '--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      `${step.dir}/**/*.test.ts`];
  }
  if (step.script) {
    if (!existsSync(step.script)) continue;
    cmd = [process.execPath, step.script];
  }
  console.log(`\n=== ${step.name}: ${cmd.join(' ')}`);
  const t0 = Date.now();
  const { code, out } = await run(cmd);
  const counts = countTests(out);
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0) {
    failedSteps.push(step.name);
    if (counts.failed === 0) failed += 1; // a tier that failed without counting its tests still counts once
  }
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
if (failedSteps.length) console.log(`\nfailed: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function countTests(out) {
  // node:test spec reporter: "ℹ pass 12" / "ℹ fail 0"; mocha: "12 passing" / "1 failing"
  const num = (re) => [...out.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  return {
    passed: num(/^ℹ pass (\d+)$/gm) + num(/^\s*(\d+) passing\b/gm),
    failed: num(/^ℹ fail (\d+)$/gm) + num(/^\s*(\d+) failing\b/gm),
  };
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}
