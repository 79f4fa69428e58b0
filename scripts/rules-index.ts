// Writes docs/rules/README.md: the list of every rule, generated from the rules' own metadata.
// `npm run docs:rules` regenerates it; a unit test fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../src/core/rules/all';

export function rulesIndex(): string {
  const rows = [...allRules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => {
      const m = r.meta;
      const upstream = [m.istio, m.kiali].filter(Boolean).join(', ') || '—';
      return `| [${m.id}](${m.id}.md) | ${m.title} | ${m.defaultSeverity} | ${upstream} |`;
    });
  return [
    '# Rules',
    '',
    'Generated from the rules themselves by `npm run docs:rules`; do not edit by hand.',
    'Each rule can be set to `error`, `warning`, `info` or `off` (setting `mtlsLens.rules`, or `rules` in the CLI config file),',
    'and switched off in a file with `# mtls-lens-disable-file MTLSxxx` or on one line with `# mtls-lens-disable-next-line MTLSxxx`.',
    '',
    `${allRules.length} rules.`,
    '',
    '| id | title | default severity | upstream code |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('rules-index.ts')) {
  writeFileSync(join(__dirname, '..', 'docs', 'rules', 'README.md'), rulesIndex());
  console.log(`wrote docs/rules/README.md (${allRules.length} rules)`);
}
