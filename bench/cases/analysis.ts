// Full analysis of a generated 1,000-document file, against the `yaml` library parsing the same file.
// The floor is what any consumer of the text must pay: parseAllDocuments plus toJS of every document.
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { generateManifest } from '../generate';
import { medianMs, type BenchCase } from '../harness';

export const analysisCase: BenchCase = {
  name: 'full analysis, 1,000 documents',
  run() {
    const text = generateManifest(1000);
    const floor = medianMs(() => parseAllDocuments(text).map((d) => d.toJS()));
    const value = medianMs(() => {
      const a = new Analyzer(allRules);
      a.setFile('bench.yaml', text);
      a.run();
    });
    return [
      {
        case: 'analysis',
        figure: `1,000 docs (${(text.length / 1024).toFixed(0)} KB), all ${allRules.length} rules`,
        value,
        floor,
        floorName: 'yaml parseAllDocuments + toJS',
        unit: 'ms',
        budget: 1.5,
      },
    ];
  },
};
