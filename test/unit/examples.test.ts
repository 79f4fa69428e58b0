// The examples are documentation and fixtures at once: the healthy mesh must stay clean, and every
// `PROBLEM:` comment in the broken mesh must be reported by at least one finding in its document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from './helpers/analyze';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function load(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(EXAMPLES, dir)).filter((n) => /\.ya?ml$/.test(n)).sort())
    files[`${dir}/${name}`] = readFileSync(join(EXAMPLES, dir, name), 'utf8');
  return files;
}

test('the healthy mesh has no error or warning findings', () => {
  const findings = analyzeFiles(load('healthy-mesh')).filter((f) => f.severity !== 'info');
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.range.start.line + 1} ${f.ruleId} ${f.message}`),
    [],
  );
});

test('every PROBLEM in the broken mesh is reported in its document', () => {
  const files = load('broken-mesh');
  const findings = analyzeFiles(files);
  const missing: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!/#\s*PROBLEM:/.test(line)) return;
      // The document the comment belongs to: from the `---` before it to the `---` after it.
      let start = i;
      while (start > 0 && !/^---/.test(lines[start])) start--;
      let end = i + 1;
      while (end < lines.length && !/^---/.test(lines[end])) end++;
      const hit = findings.some((f) => f.file === file && f.range.start.line >= start && f.range.start.line < end);
      if (!hit) missing.push(`${file}:${i + 1} ${line.trim()}`);
    });
  }
  assert.deepEqual(missing, [], 'PROBLEM comments with no finding in their document');
});
