// `mtls-lens lint`: analyse the given files together and report findings.
import { readFileSync } from 'node:fs';
import { Analyzer } from '../core/analyzer';
import { allRules } from '../core/rules/all';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import type { Finding, Range, Severity } from '../core/types';
import { UsageError } from './args';
import { collectFiles } from './files';
import { meshRootsFor } from './config';
import { meshRootAmong } from '../core/config';

/** The stable JSON shape (version 1). Lines and columns are 1-based. */
export interface JsonRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface JsonFinding {
  file: string;
  range: JsonRange;
  severity: Severity;
  code: string;
  message: string;
  istio?: string;
  resource?: { kind: string; namespace?: string; name: string };
  related?: { file: string; range: JsonRange; message: string }[];
}

export interface LintResult {
  version: 1;
  findings: JsonFinding[];
}

export interface LintOptions {
  settings?: Partial<AnalysisSettings>;
  /** Only report findings at or above this severity. */
  minSeverity?: Severity;
  cwd?: string;
  /** Called when a rule throws (the analysis goes on). */
  onRuleError?: (ruleId: string, error: Error) => void;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function lintPaths(paths: string[], opts: LintOptions = {}): { result: LintResult; files: string[] } {
  const files = collectFiles(paths.length ? paths : ['.'], opts.cwd);
  // Folders holding a .mtls-lens.* file are separate meshes, analysed apart with their own settings.
  const roots = meshRootsFor(files, opts.cwd);
  const rootList = [...roots.keys()];
  const analyzer = new Analyzer(allRules, defaultSettings(opts.settings), (f) => meshRootAmong(rootList, f));
  for (const [root, overrides] of roots) analyzer.setMeshSettings(root, overrides);
  analyzer.onRuleError = opts.onRuleError;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(opts.cwd ? `${opts.cwd}/${file}` : file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    analyzer.setFile(file, text);
  }
  const min = RANK[opts.minSeverity ?? 'info'];
  const findings = [...analyzer.run().values()]
    .flat()
    .filter((f) => RANK[f.severity] >= min)
    .map(toJson)
    .sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return { result: { version: 1, findings }, files };
}

export function hasErrors(result: LintResult): boolean {
  return result.findings.some((f) => f.severity === 'error');
}

function toJson(f: Finding): JsonFinding {
  const out: JsonFinding = { file: f.file, range: jsonRange(f.range), severity: f.severity, code: f.ruleId, message: f.message };
  if (f.istio) out.istio = f.istio;
  if (f.resource) {
    out.resource = { kind: f.resource.kind, name: f.resource.name };
    if (f.resource.namespace) out.resource.namespace = f.resource.namespace;
  }
  if (f.related?.length) out.related = f.related.map((r) => ({ file: r.file, range: jsonRange(r.range), message: r.message }));
  return out;
}

function jsonRange(r: Range): JsonRange {
  return {
    start: { line: r.start.line + 1, column: r.start.character + 1 },
    end: { line: r.end.line + 1, column: r.end.character + 1 },
  };
}
