// `npm run fuzz [-- --inputs N --seed S --out file.json]`: the long fuzz run (default 100,000 inputs).
// Same generators and checks as test/unit/fuzz (the short run in `npm test`), but every failure is kept
// (input saved under .fuzz-failures/) and the run goes on, and figures are collected for
// docs/reliability.md: inputs, time, slowest input, memory, findings by code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadCorpus, hasSharedCorpus, REPO, type SeedFile } from '../test/unit/fuzz/corpus';
import { mutatedFileArb, retypedFileArb, randomYamlishArb } from '../test/unit/fuzz/mutate';
import { aliasBombArb } from '../test/unit/fuzz/bombs';
import { checkInput } from '../test/unit/fuzz/check';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const INPUTS = Number(opt('inputs', '100000'));
const SEED = Number(opt('seed', String(Date.now() % 2 ** 31)));
const OUT = opt('out', '');
const CAP_MS = 5000;
const CLI_EVERY = 20;
const BATCH = 500;

interface Job {
  kind: string;
  seed: SeedFile;
  text: string;
}

const corpus = loadCorpus();
const empty = (file: string): SeedFile => ({ file, text: '', siblings: [] });
const jobs: fc.Arbitrary<Job> = fc.oneof(
  { weight: 10, arbitrary: mutatedFileArb(corpus).map((m) => ({ kind: 'mutated', seed: m.seed, text: m.text })) },
  { weight: 5, arbitrary: retypedFileArb(corpus).map((m) => ({ kind: 'retyped', seed: m.seed, text: m.text })) },
  { weight: 4, arbitrary: randomYamlishArb.map((text) => ({ kind: 'random', seed: empty('random.yaml'), text })) },
  { weight: 1, arbitrary: aliasBombArb.map((b) => ({ kind: 'alias-bomb', seed: empty('bomb.yaml'), text: b.text })) },
);

const stats = {
  seed: SEED,
  inputs: 0,
  byKind: {} as Record<string, number>,
  cliRuns: 0,
  totalMs: 0,
  analysisMs: 0,
  maxMs: 0,
  slowest: { kind: '', file: '', bytes: 0 },
  p99Ms: 0,
  findingsByCode: {} as Record<string, number>,
  failures: [] as { kind: string; file: string; error: string; saved: string }[],
  heapStartMB: 0,
  heapEndMB: 0,
  maxHeapMB: 0,
  maxRssMB: 0,
  corpusFiles: corpus.length,
  sharedCorpus: hasSharedCorpus(),
};

function main(): void {
  const failDir = join(REPO, '.fuzz-failures');
  const times: number[] = [];
  const t0 = performance.now();
  stats.heapStartMB = process.memoryUsage().heapUsed / 2 ** 20;
  for (let batch = 0; stats.inputs < INPUTS; batch++) {
    for (const job of fc.sample(jobs, { seed: SEED + batch, numRuns: Math.min(BATCH, INPUTS - stats.inputs) })) {
      const cli = stats.inputs % CLI_EVERY === 0;
      stats.inputs++;
      stats.byKind[job.kind] = (stats.byKind[job.kind] ?? 0) + 1;
      if (cli) stats.cliRuns++;
      try {
        const r = checkInput(job.seed, job.text, { cli, capMs: CAP_MS });
        times.push(r.ms);
        stats.analysisMs += r.ms;
        if (r.ms > stats.maxMs) {
          stats.maxMs = r.ms;
          stats.slowest = { kind: job.kind, file: job.seed.file, bytes: job.text.length };
        }
        for (const f of r.findings) stats.findingsByCode[f.ruleId] = (stats.findingsByCode[f.ruleId] ?? 0) + 1;
      } catch (e) {
        mkdirSync(failDir, { recursive: true });
        const saved = join(failDir, `${job.kind}-${stats.inputs}.yaml`);
        writeFileSync(saved, job.text);
        const error = (e as Error).stack ?? String(e);
        stats.failures.push({ kind: job.kind, file: job.seed.file, error: error.split('\n').slice(0, 6).join('\n'), saved });
        process.stderr.write(`FAIL #${stats.inputs} (${job.kind}, ${job.seed.file}): ${error.split('\n')[0]}\n  input: ${saved}\n`);
      }
    }
    const mem = process.memoryUsage();
    stats.maxHeapMB = Math.max(stats.maxHeapMB, mem.heapUsed / 2 ** 20);
    stats.maxRssMB = Math.max(stats.maxRssMB, mem.rss / 2 ** 20);
    if (batch % 20 === 0) process.stderr.write(`${stats.inputs} inputs, ${((performance.now() - t0) / 1000).toFixed(0)} s, ${stats.failures.length} failures\n`);
  }
  (globalThis as { gc?: () => void }).gc?.();
  stats.heapEndMB = process.memoryUsage().heapUsed / 2 ** 20;
  stats.totalMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  stats.p99Ms = times[Math.floor(times.length * 0.99)] ?? 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  const summary = { ...stats, totalMs: round(stats.totalMs), analysisMs: round(stats.analysisMs), maxMs: round(stats.maxMs), p99Ms: round(stats.p99Ms), heapStartMB: round(stats.heapStartMB), heapEndMB: round(stats.heapEndMB), maxHeapMB: round(stats.maxHeapMB), maxRssMB: round(stats.maxRssMB) };
  if (OUT) writeFileSync(OUT, JSON.stringify(summary, null, 2) + '\n');
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  process.stdout.write(`${stats.inputs - stats.failures.length} passed, ${stats.failures.length} failed\n`);
  process.exit(stats.failures.length ? 1 : 0);
}

main();
