// Every rule is documented and uniquely named; the generated rule index is current.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../src/core/rules/all';
import { rulesIndex } from '../../scripts/rules-index';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');

test('rule ids are unique and well-formed, with a title', () => {
  const ids = allRules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i)}`);
  for (const r of allRules) {
    assert.match(r.meta.id, /^MTLS\d{3}$/);
    assert.ok(r.meta.title.length > 3, `${r.meta.id} has no title`);
    if (r.meta.istio) assert.match(r.meta.istio, /^IST\d{4}$/, `${r.meta.id} istio code`);
  }
});

test('every rule has a docs page that names it', () => {
  const missing = allRules.filter((r) => !existsSync(join(DOCS, `${r.meta.id}.md`))).map((r) => r.meta.id);
  assert.deepEqual(missing, []);
  for (const r of allRules) {
    const page = readFileSync(join(DOCS, `${r.meta.id}.md`), 'utf8');
    assert.ok(page.includes(r.meta.id), `docs/rules/${r.meta.id}.md does not mention its id`);
  }
});

test('docs/rules/README.md is current (npm run docs:rules)', () => {
  const path = join(DOCS, 'README.md');
  assert.ok(existsSync(path), 'run npm run docs:rules');
  assert.equal(readFileSync(path, 'utf8'), rulesIndex(), 'docs/rules/README.md is out of date: run npm run docs:rules');
});
