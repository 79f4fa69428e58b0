// `npm run bench`: runs every benchmark case and prints one table (medians, same-run floors, ratios).
// `npm run bench -- <name filter>` runs the matching cases only. Results go into docs/performance.md by hand.
import { cpus, totalmem } from 'node:os';
import { table, ratio, type BenchCase, type Measurement } from './harness';
import { analysisCase } from './cases/analysis';

const cases: BenchCase[] = [analysisCase];

async function main(): Promise<void> {
  const filter = process.argv.slice(2).join(' ');
  const all: Measurement[] = [];
  for (const c of cases) {
    if (filter && !c.name.includes(filter)) continue;
    process.stderr.write(`running: ${c.name}\n`);
    all.push(...(await c.run()));
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(table(all));
  const missed = all.filter((m) => m.budget !== undefined && ratio(m) > m.budget);
  if (missed.length) console.log(`\nbudgets missed: ${missed.map((m) => `${m.case} (${ratio(m).toFixed(2)}×)`).join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
