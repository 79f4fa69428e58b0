// Comment directives that switch rules off where the user says so:
//   # mtls-lens-disable-file [MTLS101 MTLS102]        whole file (all rules when no id is given)
//   # mtls-lens-disable-next-line [MTLS101]           the next line
//   key: value  # mtls-lens-disable-line [MTLS101]     this line
import type { Finding } from './types';

export interface Directives {
  /** null = all rules for the whole file; otherwise rule ids disabled for the whole file. */
  file: Set<string> | null | undefined;
  /** line (0-based) → rule ids (empty set = all rules). */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /#\s*mtls-lens-disable(-file|-next-line|-line)\b([^\n#]*)/;

export function parseDirectives(text: string): Directives {
  const d: Directives = { file: undefined, lines: new Map() };
  if (!text.includes('mtls-lens-disable')) return d;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const ids = new Set(m[2].split(/[\s,]+/).filter((s) => /^MTLS\d+$/.test(s)));
    if (m[1] === '-file') {
      if (ids.size === 0) d.file = null;
      else if (d.file !== null) d.file = new Set([...(d.file ?? []), ...ids]);
    } else {
      const target = m[1] === '-next-line' ? i + 1 : i;
      const prev = d.lines.get(target);
      d.lines.set(target, prev && (prev.size === 0 || ids.size === 0) ? new Set() : new Set([...(prev ?? []), ...ids]));
    }
  });
  return d;
}

export function isSuppressed(f: Finding, d: Directives): boolean {
  if (d.file === null) return true;
  if (d.file?.has(f.ruleId)) return true;
  const ids = d.lines.get(f.range.start.line);
  return !!ids && (ids.size === 0 || ids.has(f.ruleId));
}
