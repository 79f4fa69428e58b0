import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../src/core/yaml/parse';

test('ranges of fields across documents are exact', () => {
  const text = 'kind: A\nmetadata:\n  name: a\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: x\n  namespace: foo\nspec:\n  mtls:\n    mode: STRICT\n';
  const { resources, findings } = parseYamlFile('f.yaml', text);
  assert.equal(findings.length, 0);
  assert.equal(resources.length, 2);
  const pa = resources[1];
  assert.equal(pa.group, 'security.istio.io');
  assert.equal(pa.namespace, 'foo');
  assert.deepEqual(pa.rangeOf(['spec', 'mtls', 'mode']), { start: { line: 11, character: 10 }, end: { line: 11, character: 16 } });
  assert.deepEqual(pa.keyRangeOf(['spec', 'mtls', 'mode']), { start: { line: 11, character: 4 }, end: { line: 11, character: 8 } });
  // a missing field falls back to the deepest existing key
  assert.deepEqual(pa.rangeOf(['spec', 'mtls', 'nope']), { start: { line: 10, character: 2 }, end: { line: 10, character: 6 } });
});

test('syntax errors, templates, aliases and size limits become findings, never exceptions', () => {
  assert.equal(parseYamlFile('a', 'kind: A\n  bad: [\n').findings[0].ruleId, 'MTLS001');
  assert.equal(parseYamlFile('a', 'kind: {{ .Values.kind }}\n').findings[0].ruleId, 'MTLS002');
  const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nkind: X\n';
  assert.equal(parseYamlFile('a', bomb, { maxFileSizeBytes: 1e6, maxAliasCount: 50 }).findings[0].ruleId, 'MTLS004');
  assert.equal(parseYamlFile('a', 'kind: A\n'.repeat(10), { maxFileSizeBytes: 20, maxAliasCount: 50 }).findings[0].ruleId, 'MTLS003');
});

test('re-parsing reuses unchanged documents and keeps ranges right after a shift', () => {
  const a = 'kind: A\nmetadata:\n  name: a\n';
  const b = '---\nkind: B\nmetadata:\n  name: b\nspec:\n  x: 1\n';
  const first = parseYamlFile('f', a + b);
  const second = parseYamlFile('f', 'kind: A\nmetadata:\n  name: a\n  labels: {}\n' + b, undefined, first);
  assert.equal(second.resources.length, 2);
  assert.equal(second.resources[1].name, 'b');
  assert.deepEqual(second.resources[1].rangeOf(['spec', 'x']).start, { line: 9, character: 5 });
  // the unchanged chunk's parse was reused, not redone
  assert.ok([...first.chunks.values()].includes([...second.chunks.values()][1]));
  const off = second.resources[1].offsetsOf(['spec', 'x'])!;
  assert.equal(second.resources[1].source.slice(off[0], off[1]), '1');
});

test('replaceValue keeps the quote style of the value it replaces', async () => {
  const { replaceValue } = await import('../../../src/core/rules/fix');
  const { applyEdits } = await import('../helpers/analyze');
  const text = 'kind: X\nspec:\n  a: "get"\n  b: \'get\'\n  c: get\n';
  const res = parseYamlFile('f', text).resources[0];
  const out = applyEdits(text, ['a', 'b', 'c'].map((k) => replaceValue(res, ['spec', k], 'GET')!));
  assert.equal(out, 'kind: X\nspec:\n  a: "GET"\n  b: \'GET\'\n  c: GET\n');
});
