// Human-readable lint output: one line per finding, like compilers print, then a summary.
import type { LintResult } from '../lint';

export function formatText(result: LintResult, fileCount: number, color = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor = { error: '31', warning: '33', info: '36' } as const;
  const lines = result.findings.map((f) => {
    const where = `${f.file}:${f.range.start.line}:${f.range.start.column}`;
    const codes = f.istio ? `${f.code} ${f.istio}` : f.code;
    const res = f.resource ? ` [${f.resource.kind} ${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}]` : '';
    return `${where}: ${paint(sevColor[f.severity], f.severity)} ${codes}: ${f.message}${res}`;
  });
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  lines.push(
    `${fileCount} file${fileCount === 1 ? '' : 's'} analysed: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`,
  );
  return lines.join('\n') + '\n';
}
