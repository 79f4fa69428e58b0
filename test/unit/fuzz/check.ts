// One fuzz input through the whole analysis, the way the editor and the CLI run it, with the invariants
// every input must keep. Throws an Error naming the broken invariant; returns what the statistics need.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../../../src/core/analyzer';
import { allRules } from '../../../src/core/rules/all';
import { defaultSettings, type AnalysisSettings } from '../../../src/core/settings';
import { lintPaths } from '../../../src/cli/lint';
import { formatSarif } from '../../../src/cli/format/sarif';
import { formatText } from '../../../src/cli/format/text';
import type { Finding } from '../../../src/core/types';
import type { Rule } from '../../../src/core/rules/rule';
import type { SeedFile } from './corpus';

export const FIXED_NOW = new Date('2026-11-22T00:00:00Z');

export interface CheckResult {
  ms: number;
  findings: Finding[];
}

export interface CheckOptions {
  settings?: Partial<AnalysisSettings>;
  /** Also run the CLI path (lintPaths → JSON, SARIF and text output) on this input. */
  cli?: boolean;
  /** An input taking longer than this fails (a hang, or a super-linear blow-up). */
  capMs?: number;
  /** Rules to run (default: every rule). */
  rules?: readonly Rule[];
}

const ID = /^MTLS\d{3}$/;

/**
 * Editor path: the seed's folder is analysed, then the mutated text replaces the seed (setFile with the
 * previous parse cached, as after an edit) and every finding is read. CLI path: the mutated file alone
 * through lintPaths, and its JSON / SARIF / text output.
 */
export function checkInput(seed: SeedFile, text: string, opts: CheckOptions = {}): CheckResult {
  const settings = defaultSettings({ now: FIXED_NOW, ...opts.settings });
  const ruleErrors: string[] = [];
  const t0 = performance.now();
  const a = new Analyzer(opts.rules ?? allRules, settings);
  a.onRuleError = (id, e) => ruleErrors.push(`rule ${id} threw: ${e.stack ?? e.message}`);
  for (const s of seed.siblings) a.setFile(s.file, s.text);
  a.setFile(seed.file, seed.text);
  a.run();
  a.setFile(seed.file, text);
  const byFile = a.run();
  const ms = performance.now() - t0;
  if (ruleErrors.length) throw new Error(ruleErrors[0]);
  const findings = byFile.get(seed.file) ?? [];
  for (const list of byFile.values()) for (const f of list) checkFinding(f);
  if (opts.capMs !== undefined && ms > opts.capMs) throw new Error(`analysis took ${ms.toFixed(0)} ms (cap ${opts.capMs} ms)`);
  if (opts.cli) checkCli(seed.file, text, settings);
  return { ms, findings };
}

function checkFinding(f: Finding): void {
  const where = `${f.ruleId} in ${f.file}`;
  if (!ID.test(f.ruleId)) throw new Error(`finding with a malformed rule id: ${JSON.stringify(f.ruleId)}`);
  if (typeof f.message !== 'string' || !f.message.trim()) throw new Error(`${where}: empty message`);
  if (!['error', 'warning', 'info'].includes(f.severity)) throw new Error(`${where}: severity ${f.severity}`);
  const { start, end } = f.range;
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (![start.line, start.character, end.line, end.character].every(ok)) throw new Error(`${where}: bad range ${JSON.stringify(f.range)}`);
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) throw new Error(`${where}: range ends before it starts ${JSON.stringify(f.range)}`);
}

function checkCli(file: string, text: string, settings: AnalysisSettings): void {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-fuzz-'));
  try {
    const name = file.replace(/[\\/]/g, '_');
    writeFileSync(join(dir, name), text);
    const errors: string[] = [];
    const { result, files } = lintPaths([name], { cwd: dir, settings, onRuleError: (id, e) => errors.push(`rule ${id} threw (CLI): ${e.stack ?? e.message}`) });
    if (errors.length) throw new Error(errors[0]);
    const json = JSON.parse(JSON.stringify(result));
    if (json.version !== 1 || !Array.isArray(json.findings)) throw new Error('CLI JSON lost its shape');
    for (const f of json.findings) if (f.range.start.line < 1 || f.range.start.column < 1) throw new Error(`CLI JSON range not 1-based: ${JSON.stringify(f.range)}`);
    JSON.parse(formatSarif(result, allRules, 'fuzz'));
    formatText(result, files.length, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
