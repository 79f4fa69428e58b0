// The analysis engine: parses files, runs per-document rules (cached per file) and cross-document
// rules (over the index), applies severity settings and disable directives. Pure and synchronous.
//
// Files are grouped into meshes: `meshRootOf(file)` names the mesh a file belongs to ('' by default,
// one mesh for everything). Cross-document rules see one mesh at a time, so two folders that describe
// two clusters (each with its own istio-system) do not judge each other. A mesh can carry its own
// settings on top of the analyzer's (setMeshSettings), e.g. from a .mtls-lens.yaml in its folder.
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

interface Mesh {
  index: ResourceIndex;
  overrides: Partial<AnalysisSettings>;
  /** Analyzer settings with the overrides applied (rebuilt when either changes). */
  merged?: AnalysisSettings;
}

export class Analyzer {
  /** Every resource of every mesh (for lookups by file); semantics use indexFor(file). */
  readonly index = new ResourceIndex();
  private readonly meshes = new Map<string, Mesh>();
  private readonly meshOfFile = new Map<string, string>();
  private baseSettings: AnalysisSettings;
  private readonly files = new Map<string, FileState>();
  private readonly byKind = new Map<string, Rule[]>();
  private readonly anyKind: Rule[] = [];
  private readonly indexRules: Rule[];
  private readonly metaById = new Map<string, Rule['meta']>();

  constructor(
    readonly rules: readonly Rule[],
    settings: AnalysisSettings = defaultSettings(),
    /** Which mesh a file belongs to; '' for all by default. Change it with setMeshRoots. */
    private meshRootOf: (file: string) => string = () => '',
  ) {
    this.baseSettings = settings;
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

  /** The analyzer-wide settings (each mesh may override some of them). */
  get settings(): AnalysisSettings {
    return this.baseSettings;
  }

  set settings(s: AnalysisSettings) {
    this.baseSettings = s;
    for (const m of this.meshes.values()) m.merged = undefined;
  }

  /** Settings that apply to one mesh ('' = the default mesh). */
  setMeshSettings(root: string, overrides: Partial<AnalysisSettings>): void {
    const m = this.mesh(root);
    m.overrides = overrides;
    m.merged = undefined;
  }

  /** Regroup files into meshes (a mesh root appeared or went away); every file is analysed again. */
  setMeshRoots(meshRootOf: (file: string) => string): void {
    this.meshRootOf = meshRootOf;
    const texts = [...this.files.entries()].map(([f, st]) => [f, st.text] as const);
    for (const [f] of texts) this.removeFile(f);
    for (const [f, t] of texts) this.setFile(f, t);
  }

  /** The resources analysed together with `file` (its mesh). */
  indexFor(file: string): ResourceIndex {
    return this.mesh(this.meshOfFile.get(file) ?? this.meshRootOf(file)).index;
  }

  /** The settings in force for `file` (its mesh's). */
  settingsFor(file: string): AnalysisSettings {
    return this.mergedSettings(this.mesh(this.meshOfFile.get(file) ?? this.meshRootOf(file)));
  }

  /** Add or replace one file: parse it and run the per-document rules on it. */
  setFile(file: string, text: string): void {
    const prev = this.files.get(file);
    if (prev && prev.text === text) return;
    const root = this.meshRootOf(file);
    const oldRoot = this.meshOfFile.get(file);
    if (oldRoot !== undefined && oldRoot !== root) this.mesh(oldRoot).index.removeFile(file);
    this.meshOfFile.set(file, root);
    const mesh = this.mesh(root);
    const settings = this.mergedSettings(mesh);
    const parsed = parseYamlFile(file, text, settings, prev?.parsed);
    this.index.setFile(file, parsed.resources);
    mesh.index.setFile(file, parsed.resources);
    const documentFindings = [...parsed.findings];
    const ctx = this.context(documentFindings, mesh);
    for (const res of parsed.resources) {
      for (const rule of this.rulesFor(res)) this.runSafely(rule, ctx, () => rule.checkResource!(res, ctx));
    }
    this.files.set(file, { text, parsed, documentFindings, directives: parseDirectives(text) });
  }

  removeFile(file: string): void {
    this.files.delete(file);
    this.index.removeFile(file);
    const root = this.meshOfFile.get(file);
    if (root !== undefined) this.mesh(root).index.removeFile(file);
    this.meshOfFile.delete(file);
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
    for (const mesh of this.meshes.values()) {
      if (mesh.index.files().length === 0) continue;
      const ctx = this.context(cross, mesh);
      for (const rule of this.indexRules) this.runSafely(rule, ctx, () => rule.checkIndex!(mesh.index, ctx));
    }
    for (const f of cross) {
      const list = out.get(f.file);
      if (list) list.push(f);
      else out.set(f.file, [f]);
    }
    for (const [file, list] of out) {
      const st = this.files.get(file);
      out.set(file, this.finish(list, st?.directives, this.settingsFor(file)));
    }
    return out;
  }

  private mesh(root: string): Mesh {
    let m = this.meshes.get(root);
    if (!m) this.meshes.set(root, (m = { index: new ResourceIndex(), overrides: {} }));
    return m;
  }

  private mergedSettings(m: Mesh): AnalysisSettings {
    if (!m.merged) {
      const o = m.overrides;
      m.merged = { ...this.baseSettings, ...o, rules: { ...this.baseSettings.rules, ...(o.rules ?? {}) } };
    }
    return m.merged;
  }

  private finish(list: Finding[], directives: Directives | undefined, settings: AnalysisSettings): Finding[] {
    const res: Finding[] = [];
    const seen = new Set<string>();
    for (const f of list) {
      const setting = settings.rules[f.ruleId];
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

  private context(sink: Finding[], mesh: Mesh): RuleContext {
    const settings = this.mergedSettings(mesh);
    const metaById = this.metaById;
    let current: Rule | undefined;
    const ctx: RuleContext & { setRule(r: Rule): void } = {
      settings,
      index: mesh.index,
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
