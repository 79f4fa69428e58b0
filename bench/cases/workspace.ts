// A generated workspace of 2,000 manifest files (5 documents each): the cold index (every file through
// Analyzer.setFile, then one run) and the re-analysis after one file changed. Budgets (DESIGN.md): cold
// ≤ 3 s, a changed file ≤ 50 ms. Floors: the `yaml` library parsing the same files (all of them for the
// cold index, the changed file for the update).
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { generateWorkspace } from '../generate';
import { medianMs, type BenchCase } from '../harness';

const FILES = 2000;
const COLD_LIMIT_MS = 3000;

const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

/** A fresh Analyzer over every file, then one run(); returns the analyzer for the changed-file step. */
function coldIndex(files: { file: string; text: string }[]): Analyzer {
  const a = new Analyzer(allRules);
  for (const f of files) a.setFile(f.file, f.text);
  a.run();
  return a;
}

export const workspaceCase: BenchCase = {
  name: 'workspace of 2,000 files',
  run() {
    // Growing sizes, one cold run each, up to 2,000 files; stop early when a size is already 10× over the
    // budget (a super-linear rule would otherwise keep the bench busy for an hour), and say so.
    let files = generateWorkspace(250);
    let warm: Analyzer | undefined;
    let cold = 0;
    let stoppedAt: number | undefined;
    for (const n of [250, 500, 1000, FILES]) {
      files = generateWorkspace(n);
      cold = medianMs(() => (warm = coldIndex(files)), 1, 0);
      if (n < FILES && cold > 10 * COLD_LIMIT_MS) {
        stoppedAt = n;
        break;
      }
    }
    if (!stoppedAt && cold < 3 * COLD_LIMIT_MS) cold = medianMs(() => (warm = coldIndex(files)), 3, 0);
    const coldFloor = medianMs(() => files.forEach((f) => parse(f.text)), 3, 1);
    const docs = files.reduce((n, f) => n + f.text.split(/^---$/m).length, 0);
    const bytes = files.reduce((n, f) => n + f.text.length, 0);

    // One file edited on disk (a scalar is different), alternating between two versions so every setFile
    // sees new text.
    const target = files[Math.floor(files.length / 2)];
    const v1 = target.text.replace(/name: (\S+)/, 'name: $1-a');
    const v2 = target.text.replace(/name: (\S+)/, 'name: $1-b');
    let flip = false;
    const quick = cold < 3 * COLD_LIMIT_MS;
    const changed = medianMs(() => {
      flip = !flip;
      warm!.setFile(target.file, flip ? v1 : v2);
      warm!.run();
    }, quick ? 11 : 3, quick ? 3 : 0);
    const changedFloor = medianMs(() => parse(v1), 11, 3);
    const stopNote = stoppedAt ? `stopped at ${stoppedAt} files: one cold run took ${(cold / 1000).toFixed(0)} s, over 10× the budget, so 2,000 files were not run` : undefined;
    return [
      {
        case: 'workspace',
        figure: `cold index, ${files.length} files / ${docs} docs (${(bytes / 2 ** 20).toFixed(1)} MB)`,
        value: cold,
        floor: coldFloor,
        floorName: 'yaml parse + toJS of every file',
        unit: 'ms',
        limit: COLD_LIMIT_MS,
        note: stopNote ?? (quick ? undefined : 'one cold run (over 3× the budget); the changed-file figure is a median of 3'),
      },
      {
        case: 'workspace',
        figure: `one changed file of ${files.length}: setFile + run over the whole index`,
        value: changed,
        floor: changedFloor,
        floorName: 'yaml parse + toJS of that file',
        unit: 'ms',
        limit: 50,
      },
    ];
  },
};
