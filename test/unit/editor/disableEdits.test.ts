import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disableForFile, disableForLine } from '../../../src/editor/diagnostics/disableEdits';
import { isSuppressed, parseDirectives } from '../../../src/core/directives';
import { applyEdits } from '../helpers/analyze';
import type { Finding } from '../../../src/core/types';

const YAML = [
  'apiVersion: security.istio.io/v1',
  'kind: PeerAuthentication',
  'metadata:',
  '  name: default',
  'spec:',
  '  mtls:',
  '    mode: PERMISSIVE',
  '',
].join('\n');

function finding(ruleId: string, line: number): Finding {
  const p = { line, character: 4 };
  return { ruleId, severity: 'warning', message: 'm', file: 'f', range: { start: p, end: p } };
}

function apply(text: string, edit: { range: Finding['range']; newText: string } | undefined): string {
  assert.ok(edit, 'expected an edit');
  return applyEdits(text, [{ file: 'f', ...edit }]);
}

test('disable for this line inserts a directive with the line indentation, and core honours it', () => {
  const out = apply(YAML, disableForLine(YAML, 6, 'MTLS101'));
  assert.equal(out.split('\n')[6], '    # mtls-lens-disable-next-line MTLS101');
  assert.equal(out.split('\n')[7], '    mode: PERMISSIVE');
  const d = parseDirectives(out);
  assert.equal(isSuppressed(finding('MTLS101', 7), d), true);
  assert.equal(isSuppressed(finding('MTLS102', 7), d), false, 'only the named rule is disabled');
});

test('disable for this line extends an existing directive above instead of stacking a second one', () => {
  const once = apply(YAML, disableForLine(YAML, 6, 'MTLS101'));
  const twice = apply(once, disableForLine(once, 7, 'MTLS102'));
  assert.equal(twice.split('\n')[6], '    # mtls-lens-disable-next-line MTLS101 MTLS102');
  assert.equal(twice.split('\n').length, once.split('\n').length);
  assert.equal(isSuppressed(finding('MTLS102', 7), parseDirectives(twice)), true);
  assert.equal(disableForLine(twice, 7, 'MTLS101'), undefined, 'already disabled: nothing to offer');
});

test('extending keeps a trailing comment after the id list out of the way', () => {
  const text = 'a: 1\n# mtls-lens-disable-next-line MTLS101 # reviewed\nb: 2\n';
  const out = apply(text, disableForLine(text, 2, 'MTLS102'));
  assert.equal(out.split('\n')[1], '# mtls-lens-disable-next-line MTLS101 MTLS102 # reviewed');
  assert.equal(isSuppressed(finding('MTLS102', 2), parseDirectives(out)), true);
});

test('a directive without ids already covers every rule', () => {
  const text = 'a: 1\n# mtls-lens-disable-next-line\nb: 2\n';
  assert.equal(disableForLine(text, 2, 'MTLS101'), undefined);
});

test('disable for this file puts the directive on the first line, or extends the existing one', () => {
  const out = apply(YAML, disableForFile(YAML, 'MTLS101'));
  assert.equal(out.split('\n')[0], '# mtls-lens-disable-file MTLS101');
  assert.equal(isSuppressed(finding('MTLS101', 7), parseDirectives(out)), true);
  const out2 = apply(out, disableForFile(out, 'MTLS205'));
  assert.equal(out2.split('\n')[0], '# mtls-lens-disable-file MTLS101 MTLS205');
  assert.equal(disableForFile(out2, 'MTLS205'), undefined);
  assert.equal(disableForFile('# mtls-lens-disable-file\nkind: X\n', 'MTLS101'), undefined);
});

test('CRLF files get CRLF directive lines', () => {
  const crlf = YAML.replace(/\n/g, '\r\n');
  assert.equal(disableForLine(crlf, 6, 'MTLS101')?.newText, '    # mtls-lens-disable-next-line MTLS101\r\n');
  assert.equal(disableForFile(crlf, 'MTLS101')?.newText, '# mtls-lens-disable-file MTLS101\r\n');
  const text = 'a: 1\r\n  # mtls-lens-disable-next-line MTLS101\r\n  b: 2\r\n';
  assert.deepEqual(disableForLine(text, 2, 'MTLS102')?.range.start, { line: 1, character: 39 });
});

test('a line outside the text gives no edit', () => {
  assert.equal(disableForLine(YAML, 99, 'MTLS101'), undefined);
  assert.equal(disableForLine(YAML, -1, 'MTLS101'), undefined);
});
