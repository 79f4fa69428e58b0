// Test helpers: analyse YAML text with a set of rules, and apply fixes.
import { Analyzer } from '../../../src/core/analyzer';
import { allRules } from '../../../src/core/rules/all';
import { defaultSettings, type AnalysisSettings } from '../../../src/core/settings';
import type { Rule } from '../../../src/core/rules/rule';
import type { Finding, Fix, Position, TextEdit } from '../../../src/core/types';

export const FIXED_NOW = new Date('2026-11-22T00:00:00Z');

/** Analyse files together; rule errors fail the test instead of being swallowed. */
export function analyzeFiles(
  files: Record<string, string>,
  opts: { rules?: readonly Rule[]; settings?: Partial<AnalysisSettings> } = {},
): Finding[] {
  const a = new Analyzer(opts.rules ?? allRules, defaultSettings({ now: FIXED_NOW, ...opts.settings }));
  a.onRuleError = (id, e) => {
    throw new Error(`rule ${id} threw: ${e.stack}`);
  };
  for (const [file, text] of Object.entries(files)) a.setFile(file, text);
  return [...a.run().values()].flat();
}

/** Analyse one YAML text (file name 'test.yaml'). */
export function analyze(text: string, opts: { rules?: readonly Rule[]; settings?: Partial<AnalysisSettings> } = {}): Finding[] {
  return analyzeFiles({ 'test.yaml': text }, opts);
}

/** Findings of one rule id. */
export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Apply a fix's edits (all on `file`) to `text` and return the new text. */
export function applyFix(text: string, fix: Fix, file = 'test.yaml'): string {
  const edits = fix.edits.filter((e) => e.file === file);
  return applyEdits(text, edits);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (p: Position) => offsets[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  for (const e of sorted) text = text.slice(0, at(e.range.start)) + e.newText + text.slice(at(e.range.end));
  return text;
}

function lineOffsets(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  out.push(text.length);
  return out;
}

/** "line:col-line:col" (0-based), a compact way to assert exact ranges. */
export function rangeText(f: Finding): string {
  const r = f.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
