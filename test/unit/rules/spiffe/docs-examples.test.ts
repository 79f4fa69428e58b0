// The Bad example on each docs page of the cert-manager, Linkerd and SPIFFE rules triggers its rule, and
// the Good example does not: the docs cannot drift from what the rules do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, only } from '../../helpers/analyze';
import { certManagerRules } from '../../../../src/core/rules/certmanager/index';
import { linkerdRules } from '../../../../src/core/rules/linkerd/index';
import { spiffeRules } from '../../../../src/core/rules/spiffe/index';

const rules = [...certManagerRules, ...linkerdRules, ...spiffeRules];
const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');

function example(page: string, label: 'Bad' | 'Good'): string {
  const m = new RegExp(`\\*\\*${label}\\*\\*\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(page);
  assert.ok(m, `no ${label} example`);
  return m![1];
}

for (const rule of rules) {
  const id = rule.meta.id;
  test(`${id} docs: the Bad example is reported, the Good one is not`, () => {
    const page = readFileSync(join(DOCS, `${id}.md`), 'utf8');
    assert.match(page, new RegExp(`^# ${id}: `));
    assert.match(page, new RegExp(`Default severity: ${rule.meta.defaultSeverity}\\.`));
    assert.ok(only(analyze(example(page, 'Bad'), { rules }), id).length > 0, 'Bad example not reported');
    assert.deepEqual(only(analyze(example(page, 'Good'), { rules }), id), [], 'Good example reported');
  });
}
