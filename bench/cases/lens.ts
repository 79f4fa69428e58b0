// Status lens computation for every document of a generated 200-document file, from a fresh index and
// after an edit (index version bumped: per-kind tables of unchanged kinds stay cached), against parsing the same file with the `yaml`
// library. In the editor only visible lenses are resolved, so this is the worst case of one refresh.
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { statusLenses } from '../../src/core/status/lens';
import { ResourceIndex } from '../../src/core/index';
import { generateManifest } from '../generate';
import { medianMs, type BenchCase } from '../harness';

export const lensCase: BenchCase = {
  name: 'status lenses, 200 documents',
  run() {
    const text = generateManifest(200);
    const floor = medianMs(() => parseAllDocuments(text).map((d) => d.toJS()));
    const analyzer = new Analyzer(allRules);
    analyzer.setFile('bench.yaml', text);
    const resources = analyzer.index.resourcesOf('bench.yaml');
    let lenses = 0;
    let toggle = 0;
    const value = medianMs(() => {
      // a new index version: every derived table and status is computed again
      analyzer.index.setFile('bump.yaml', toggle++ % 2 ? [] : [resources[0]]);
      lenses = 0;
      for (const r of resources) lenses += statusLenses({ index: analyzer.index, settings: analyzer.settings }, r).length;
    });
    // nothing cached at all: a fresh index holding the same parsed resources
    const fresh = medianMs(() => {
      const index = new ResourceIndex();
      index.setFile('bench.yaml', [...resources]);
      for (const r of resources) statusLenses({ index, settings: analyzer.settings }, r);
    });
    return [
      {
        case: 'lens',
        figure: `every lens of 200 docs (${(text.length / 1024).toFixed(0)} KB, ${lenses} lenses), fully cold (fresh index)`,
        value: fresh,
        floor,
        floorName: 'yaml parseAllDocuments + toJS of the file',
        unit: 'ms',
      },
      {
        case: 'lens',
        figure: `every lens of 200 docs after an edit (index version bumped)`,
        value,
        floor,
        floorName: 'yaml parseAllDocuments + toJS of the file',
        unit: 'ms',
      },
    ];
  },
};
