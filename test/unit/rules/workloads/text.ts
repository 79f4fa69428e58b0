// Test helper: the source text a finding's range covers (to assert that a range points at the right thing).
import type { Finding } from '../../../../src/core/types';

export function textAt(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

export const yaml = (...docs: string[]) => docs.map((d) => d.replace(/^\n/, '')).join('---\n');
