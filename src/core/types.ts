// The few plain types every layer shares. Positions are 0-based (like VS Code); the CLI converts to 1-based.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A path into a parsed YAML object: map keys and sequence indexes, e.g. ['spec', 'mtls', 'mode']. */
export type FieldPath = readonly (string | number)[];

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface ResourceRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface TextEdit {
  /** The file the edit applies to (same string as Resource.file). */
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix an editor should offer first (VS Code `isPreferred`). */
  preferred?: boolean;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  /** The matching `istioctl analyze` code (IST0128, ...), when there is one. */
  istio?: string;
  /** The matching Kiali validation code (KIA0105, ...), when there is one. */
  kiali?: string;
  /** The document the finding is in. */
  resource?: ResourceRef;
  related?: RelatedLocation[];
  fixes?: Fix[];
}
