// The analysis engine: parses files, runs per-document rules (cached per file) and cross-document
// rules (over the index), applies severity settings and disable directives. Pure and synchronous.
import { parseYamlFile, type ParsedFile } from './yaml/parse';
import { ResourceIndex, kindKey } from './index';
import { parseDirectives, isSuppressed, type Directives } from './directives';
import { defaultSettings, type AnalysisSettings } from './settings';
import type { Resource } from './yaml/resource';
import type { Rule, RuleContext, Report } from './rules/rule';
import type { Finding } from './types';

interface FileState {
  text: string;
  parsed: ParsedFile;
  /** Findings from parsing and from per-document rules (before severity settings). */
  documentFindings: Finding[];
  directives: Directives;
}

export class Analyzer {
  readonly index = new ResourceIndex();
  private readonly files = new Map<string, FileState>();
  private readonly byKind = new Map<string, Rule[]>();
  private readonly anyKind: Rule[] = [];
  private readonly indexRules: Rule[];
  private readonly metaById = new Map<string, Rule['meta']>();

  constructor(
    readonly rules: readonly Rule[],
    public settings: AnalysisSettings = defaultSettings(),
  ) {
    for (const r of rules) {
      this.metaById.set(r.meta.id, r.meta);
      if (!r.checkResource) continue;
      if (!r.meta.kinds) this.anyKind.push(r);
      else
        for (const k of r.meta.kinds) {
          const list = this.byKind.get(k) ?? [];
          list.push(r);
          this.byKind.set(k, list);
        }
    }
    this.indexRules = rules.filter((r) => r.checkIndex);
  }

  /** Add or replace one file: parse it and run the per-document rules on it. */
  setFile(file: string, text: string): void {
    const prev = this.files.get(file);
    if (prev && prev.text === text) return;
    const parsed = parseYamlFile(file, text, this.settings, prev?.parsed);
    this.index.setFile(file, parsed.resources);
    const documentFindings = [...parsed.findings];
    const ctx = this.context(documentFindings);
    for (const res of parsed.resources) {
      for (const rule of this.rulesFor(res)) this.runSafely(rule, ctx, () => rule.checkResource!(res, ctx));
    }
    this.files.set(file, { text, parsed, documentFindings, directives: parseDirectives(text) });
  }

  removeFile(file: string): void {
    this.files.delete(file);
    this.index.removeFile(file);
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  /** Re-run per-document rules everywhere (after a settings change that affects them, e.g. the clock). */
  reanalyseAll(): void {
    const all = [...this.files.entries()];
    this.files.clear();
    for (const [file, st] of all) this.setFile(file, st.text); // a fresh parse: limits may have changed
  }

  /** Every finding, grouped by file (files without findings map to []). */
  run(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const [file, st] of this.files) out.set(file, [...st.documentFindings]);
    const cross: Finding[] = [];
    const ctx = this.context(cross);
    for (const rule of this.indexRules) this.runSafely(rule, ctx, () => rule.checkIndex!(this.index, ctx));
    for (const f of cross) {
      const list = out.get(f.file);
      if (list) list.push(f);
      else out.set(f.file, [f]);
    }
    for (const [file, list] of out) {
      const st = this.files.get(file);
      out.set(file, this.finish(list, st?.directives));
    }
    return out;
  }

  private finish(list: Finding[], directives: Directives | undefined): Finding[] {
    const res: Finding[] = [];
    const seen = new Set<string>();
    for (const f of list) {
      const setting = this.settings.rules[f.ruleId];
      if (setting === 'off') continue;
      if (directives && isSuppressed(f, directives)) continue;
      const key = `${f.ruleId}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      res.push(setting ? { ...f, severity: setting } : f);
    }
    res.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return res;
  }

  private rulesFor(res: Resource): Rule[] {
    const specific = this.byKind.get(kindKey(res.group, res.kind));
    return specific ? [...this.anyKind, ...specific] : this.anyKind;
  }

  private context(sink: Finding[]): RuleContext {
    const settings = this.settings;
    const metaById = this.metaById;
    let current: Rule | undefined;
    const ctx: RuleContext & { setRule(r: Rule): void } = {
      settings,
      index: this.index,
      setRule(r: Rule) {
        current = r;
      },
      report(r: Report) {
        const meta = current ? metaById.get(current.meta.id)! : undefined;
        if (!meta) return;
        sink.push(toFinding(meta, r));
      },
    };
    return ctx;
  }

  private runSafely(rule: Rule, ctx: RuleContext, fn: () => void): void {
    (ctx as RuleContext & { setRule(r: Rule): void }).setRule(rule);
    try {
      fn();
    } catch (e) {
      // A rule bug must never take the analysis (or the extension host) down; say which rule failed.
      const err = e as Error;
      this.onRuleError?.(rule.meta.id, err);
    }
  }

  /** Called when a rule throws (the editor logs it; tests fail on it). */
  onRuleError?: (ruleId: string, error: Error) => void;
}

function toFinding(meta: Rule['meta'], r: Report): Finding {
  const range = r.range ?? (r.path ? (r.key ? r.resource.keyRangeOf(r.path) : r.resource.rangeOf(r.path)) : r.resource.kindRange());
  const f: Finding = {
    ruleId: meta.id,
    severity: r.severity ?? meta.defaultSeverity,
    message: r.message,
    file: r.resource.file,
    range,
    resource: r.resource.ref,
  };
  const istio = r.istio ?? meta.istio;
  if (istio) f.istio = istio;
  if (meta.kiali) f.kiali = meta.kiali;
  if (r.related?.length) f.related = r.related;
  if (r.fixes?.length) f.fixes = r.fixes;
  return f;
}

/** One-shot analysis of a set of files together (the CLI and tests). */
export function analyzeTexts(
  files: { file: string; text: string }[],
  rules: readonly Rule[],
  settings?: AnalysisSettings,
): Map<string, Finding[]> {
  const a = new Analyzer(rules, settings);
  for (const f of files) a.setFile(f.file, f.text);
  return a.run();
}
