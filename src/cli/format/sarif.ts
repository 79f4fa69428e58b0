// SARIF 2.1.0 output for code-scanning tools (GitHub, Azure DevOps). Validated against the schema in tests.
import type { JsonFinding, LintResult } from '../lint';
import type { Rule } from '../../core/rules/rule';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const DOCS = 'https://example.invalid/mtls-lens/docs/rules/';

export function formatSarif(result: LintResult, rules: readonly Rule[], version: string): string {
  const used = [...new Set(result.findings.map((f) => f.code))].sort();
  const byId = new Map(rules.map((r) => [r.meta.id, r.meta]));
  const sarifRules = used.map((id) => {
    const meta = byId.get(id);
    return {
      id,
      name: meta ? toPascal(meta.title) : id,
      shortDescription: { text: meta?.title ?? id },
      helpUri: `${DOCS}${id}.md`,
      defaultConfiguration: { level: LEVEL[meta?.defaultSeverity ?? 'warning'] },
      properties: { ...(meta?.istio ? { istio: meta.istio } : {}), ...(meta?.kiali ? { kiali: meta.kiali } : {}) },
    };
  });
  const index = new Map(used.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mtls-lens', version, informationUri: 'https://example.invalid/mtls-lens', rules: sarifRules } },
        columnKind: 'unicodeCodePoints',
        results: result.findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code)!,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [location(f)],
          ...(f.related?.length
            ? { relatedLocations: f.related.map((r, i) => ({ id: i, ...location(r), message: { text: r.message } })) }
            : {}),
          ...(f.istio || f.resource ? { properties: { ...(f.istio ? { istio: f.istio } : {}), ...(f.resource ? { resource: f.resource } : {}) } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function location(f: Pick<JsonFinding, 'file' | 'range'>) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(f.file) },
      region: {
        startLine: f.range.start.line,
        startColumn: f.range.start.column,
        endLine: f.range.end.line,
        endColumn: f.range.end.column,
      },
    },
  };
}

function toPascal(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}
