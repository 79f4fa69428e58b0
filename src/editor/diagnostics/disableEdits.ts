// Text edits for the "Disable MTLSxxx for this line / file" quick-fixes. Pure (no vscode) so the
// directive syntax and the edge cases (an existing directive to extend, CRLF files, indentation) are
// unit-tested; the syntax itself is parsed by core/directives.ts.
import type { Range } from '../../core/types';

export interface PlainEdit {
  range: Range;
  newText: string;
}

const NEXT_LINE = /#\s*mtls-lens-disable-next-line\b([^\n#]*)/;
const FILE = /^\s*#\s*mtls-lens-disable-file\b([^\n#]*)/;

/**
 * Suppress `ruleId` on `line` (0-based): extend a `disable-next-line` directive on the line above, or
 * insert one with the line's indentation. Undefined when the line is already suppressed for the rule.
 */
export function disableForLine(text: string, line: number, ruleId: string): PlainEdit | undefined {
  const lines = splitLines(text);
  if (line < 0 || line >= lines.length) return undefined;
  if (line > 0) {
    const extended = extendDirective(lines[line - 1], line - 1, NEXT_LINE, ruleId);
    if (extended !== 'absent') return extended;
  }
  const indent = /^[ \t]*/.exec(lines[line])![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# mtls-lens-disable-next-line ${ruleId}${eol(text)}` };
}

/**
 * Suppress `ruleId` in the whole file: extend the first `disable-file` comment line, or put one on the
 * first line. Undefined when the file already disables the rule (or every rule).
 */
export function disableForFile(text: string, ruleId: string): PlainEdit | undefined {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const extended = extendDirective(lines[i], i, FILE, ruleId);
    if (extended !== 'absent') return extended;
  }
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `# mtls-lens-disable-file ${ruleId}${eol(text)}` };
}

/** Append `ruleId` to the id list of a directive found on `lineText`. */
function extendDirective(lineText: string, line: number, directive: RegExp, ruleId: string): PlainEdit | undefined | 'absent' {
  const m = directive.exec(lineText);
  if (!m) return 'absent';
  const ids = m[1].split(/[\s,]+/).filter((s) => /^MTLS\d+$/.test(s));
  // No ids means "every rule": the rule is suppressed already, as it is when the id is listed.
  if (ids.length === 0 || ids.includes(ruleId)) return undefined;
  const end = m.index + m[0].trimEnd().length;
  const at = { line, character: end };
  return { range: { start: at, end: at }, newText: ` ${ruleId}` };
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
