// What a rule is: metadata (id, title, default severity, upstream codes) plus a check.
// One rule per file; docs page at docs/rules/<id>.md.
import type { AnalysisSettings } from '../settings';
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath, Fix, Range, RelatedLocation, Severity } from '../types';

export interface RuleMeta {
  /** Stable id, `MTLS` + three digits. */
  id: string;
  /** Short title for the rule list and the docs page. */
  title: string;
  defaultSeverity: Severity;
  /** The corresponding `istioctl analyze` code, if any. */
  istio?: string;
  /** The corresponding Kiali validation code, if any. */
  kiali?: string;
  /**
   * Kinds a per-resource check looks at, as `group/Kind` ('' group for core kinds: `/Pod`,
   * `security.istio.io/PeerAuthentication`). Omit to see every resource.
   */
  kinds?: readonly string[];
}

export interface Report {
  /** The document the finding is in (its file is where the fix belongs). */
  resource: Resource;
  /** Field the finding points at; omitted → the document's `kind` line. */
  path?: FieldPath;
  /** Point at the key of `path` instead of its value. */
  key?: boolean;
  /** Explicit range (wins over path). */
  range?: Range;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Only for rules whose severity depends on the case; user overrides still win. */
  severity?: Severity;
  /** Only for rules that map to more than one upstream code. */
  istio?: string;
}

export interface RuleContext {
  readonly settings: AnalysisSettings;
  /** Every resource analysed together (the file alone, the workspace, or the workspace plus cluster). */
  readonly index: ResourceIndex;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Single-document check: called once per resource whose kind is in meta.kinds. */
  checkResource?(res: Resource, ctx: RuleContext): void;
  /** Cross-document check: called once per analysis with the whole index. */
  checkIndex?(index: ResourceIndex, ctx: RuleContext): void;
}
