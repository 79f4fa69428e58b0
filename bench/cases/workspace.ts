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

const parse = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

export const workspaceCase: BenchCase = {
  name: 'workspace of 2,000 files',
  run() {
    const files = generateWorkspace(FILES);
    const docs = files.reduce((n, f) => n + f.text.split(/^---$/m).length, 0);
    const bytes = files.reduce((n, f) => n + f.text.length, 0);
    const coldFloor = medianMs(() => files.forEach((f) => parse(f.text)), 3, 1);
    let warm: Analyzer | undefined;
    const cold = medianMs(() => {
      const a = new Analyzer(allRules);
      for (const f of files) a.setFile(f.file, f.text);
      a.run();
      warm = a;
    }, 3, 1);

    // One file edited on disk (a PeerAuthentication-sized change: a scalar is different), alternating
    // between two versions so every setFile sees new text.
    const target = files[FILES / 2];
    const v1 = target.text.replace(/name: (\S+)/, 'name: $1-a');
    const v2 = target.text.replace(/name: (\S+)/, 'name: $1-b');
    let flip = false;
    const changed = medianMs(() => {
      flip = !flip;
      warm!.setFile(target.file, flip ? v1 : v2);
      warm!.run();
    }, 11, 3);
    const changedFloor = medianMs(() => parse(v1), 11, 3);
    return [
      {
        case: 'workspace',
        figure: `cold index, ${FILES} files / ${docs} docs (${(bytes / 2 ** 20).toFixed(1)} MB)`,
        value: cold,
        floor: coldFloor,
        floorName: 'yaml parse + toJS of every file',
        unit: 'ms',
        limit: 3000,
      },
      {
        case: 'workspace',
        figure: 'one changed file: setFile + run over the whole index',
        value: changed,
        floor: changedFloor,
        floorName: 'yaml parse + toJS of that file',
        unit: 'ms',
        limit: 50,
      },
    ];
  },
};
