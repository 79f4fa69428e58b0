// The Bad/Good examples of the Istio rule docs are checked: Bad must trigger the rule, Good must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, only } from '../../helpers/analyze';
import { istioRules } from '../../../../src/core/rules/istio/index';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');

for (const rule of istioRules) {
  const id = rule.meta.id;
  test(`docs/rules/${id}.md examples`, () => {
    const page = readFileSync(join(DOCS, `${id}.md`), 'utf8');
    const block = (label: string) => {
      const m = new RegExp(`\\*\\*${label}\\*\\*\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(page);
      assert.ok(m, `${id}.md has no ${label} example`);
      return m[1];
    };
    assert.ok(only(analyze(block('Bad')), id).length > 0, `${id}: the Bad example is not reported`);
    assert.deepEqual(only(analyze(block('Good')), id).map((f) => f.message), [], `${id}: the Good example is reported`);
  });
}
