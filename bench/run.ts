// `npm run bench`: runs every benchmark case and prints one table (medians, same-run floors, ratios).
// `npm run bench -- <name filter>` runs the matching cases only. Results go into docs/performance.md by hand.
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { table, ratio, missed as isMissed, type BenchCase, type Measurement } from './harness';
import { analysisCase } from './cases/analysis';
import { keystrokeCase } from './cases/keystroke';
import { bundleCase } from './cases/bundle';
import { workspaceCase } from './cases/workspace';
import { snapshotCase } from './cases/snapshot';
import { x509Case } from './cases/x509';
import { yamlLanguageServerCase } from './cases/yaml-language-server';

const cases: BenchCase[] = [analysisCase, keystrokeCase, workspaceCase, bundleCase, snapshotCase, x509Case, yamlLanguageServerCase];

/**
 * Cases other areas add under bench/cases (e.g. lens.ts) join the run without being listed above.
 * `*-child.ts` (run in their own process) and `*-fixture.ts` files are not cases.
 */
async function discoveredCases(): Promise<BenchCase[]> {
  const found: BenchCase[] = [];
  for (const f of readdirSync(join(__dirname, 'cases')).filter((n) => n.endsWith('.ts') && !/-(child|fixture)\.ts$/.test(n)).sort()) {
    const mod = (await import(`./cases/${f}`)) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      const c = v as BenchCase;
      if (c && typeof c === 'object' && typeof c.name === 'string' && typeof c.run === 'function' && !cases.includes(c) && !found.includes(c)) found.push(c);
    }
  }
  return found;
}

async function main(): Promise<void> {
  const filter = process.argv.slice(2).join(' ');
  const all: Measurement[] = [];
  for (const c of [...cases, ...(await discoveredCases())]) {
    if (filter && !c.name.includes(filter)) continue;
    process.stderr.write(`running: ${c.name}\n`);
    all.push(...(await c.run()));
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(table(all));
  const notes = all.filter((m) => m.note);
  if (notes.length) console.log(`\n${notes.map((m) => `- ${m.case}, ${m.figure}: ${m.note}`).join('\n')}`);
  const missed = all.filter(isMissed);
  if (missed.length) console.log(`\nbudgets missed: ${missed.map((m) => `${m.case}: ${m.figure} (${ratio(m).toFixed(2)}×, ${m.value.toFixed(1)} ${m.unit})`).join('; ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
