// Re-analysis after one keystroke in a 5,000-line file: the editor calls Analyzer.setFile with the new
// text while the previous parse is cached, so only the edited `---` chunk is parsed again; then run()
// gives every finding (cross-document rules run over the index). Budget: ≤ 30 ms (DESIGN.md).
// Floor: parsing just the edited document with the `yaml` library, the least any re-analysis must do.
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../src/core/analyzer';
import { allRules } from '../../src/core/rules/all';
import { generateManifest } from '../generate';
import { medianMs, type BenchCase } from '../harness';

const TARGET_LINES = 5000;

/** A generated manifest of at least `lines` lines (documents are whole). */
export function manifestOfLines(lines: number): string {
  let docs = Math.ceil(lines / 20);
  for (;;) {
    const text = generateManifest(docs);
    if (text.split('\n').length >= lines) return text;
    docs = Math.ceil(docs * 1.1);
  }
}

/** The text with one character typed into a `name:` value near the middle, and the edited document. */
export function typeOneCharacter(text: string, ch: string): { text: string; document: string } {
  const at = text.indexOf('  name: ', Math.floor(text.length / 2));
  const eol = text.indexOf('\n', at);
  const edited = text.slice(0, eol) + ch + text.slice(eol);
  const start = edited.lastIndexOf('---\n', at) + 4;
  const end = edited.indexOf('\n---', at);
  return { text: edited, document: edited.slice(start, end < 0 ? edited.length : end + 1) };
}

export const keystrokeCase: BenchCase = {
  name: 'keystroke re-analysis, 5,000 lines',
  run() {
    const base = manifestOfLines(TARGET_LINES);
    // Two edits typed alternately: every setFile sees a changed chunk (the other one's parse is cached).
    const a = typeOneCharacter(base, 'x');
    const b = typeOneCharacter(base, 'y');
    const analyzer = new Analyzer(allRules);
    analyzer.setFile('big.yaml', base);
    analyzer.run();
    let flip = false;
    const value = medianMs(() => {
      flip = !flip;
      analyzer.setFile('big.yaml', flip ? a.text : b.text);
      analyzer.run();
    }, 21, 5);
    const floor = medianMs(() => parseAllDocuments(a.document).map((d) => d.toJS()), 21, 5);
    const lines = base.split('\n').length;
    return [
      {
        case: 'keystroke',
        figure: `setFile + run after 1 typed char, ${lines} lines (${(base.length / 1024).toFixed(0)} KB)`,
        value,
        floor,
        floorName: 'yaml parse + toJS of the edited document',
        unit: 'ms',
        limit: 30,
      },
    ];
  },
};
