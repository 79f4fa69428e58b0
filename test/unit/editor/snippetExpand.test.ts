import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSnippet } from './snippetExpand';

test('placeholders take their defaults, choices their first option, $0 disappears', () => {
  assert.equal(expandSnippet('a ${1:one} b ${2|x,y|} c $0'), 'a one b x c ');
  assert.equal(expandSnippet(['l1 ${1:v}', 'l2']), 'l1 v\nl2');
});

test('mirrors and nested placeholders show the default of the placeholder they name', () => {
  assert.equal(expandSnippet('${1:app} ${2:$1-tls} $1 ${3:x${4:y}z} $4'), 'app app-tls app xyz y');
  assert.equal(expandSnippet('$1 then ${1:late}'), 'late then late', 'a mirror before its placeholder');
  assert.equal(expandSnippet('${2}'), '', 'a tab stop without default is empty');
});

test('variables: known from vars, unknown become their name or default', () => {
  assert.equal(expandSnippet('$TM_FILENAME_BASE ${FOO:bar} ${BAZ} $QUX', { TM_FILENAME_BASE: 'pa' }), 'pa bar BAZ QUX');
});

test('escapes and stray dollars stay literal', () => {
  assert.equal(expandSnippet('\\$1 \\} \\\\ $ ${1:a\\}b} ${2|c\\,d,e|}'), '$1 } \\ $ a}b c,d');
  assert.equal(expandSnippet('{{ .TrustDomain }}'), '{{ .TrustDomain }}');
});

test('malformed bodies are reported, not expanded silently', () => {
  assert.throws(() => expandSnippet('${1:open'), /unclosed placeholder/);
  assert.throws(() => expandSnippet('${1|a,b'), /unclosed choice/);
  assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms/);
  assert.throws(() => expandSnippet('${1:$1}'), /itself/);
});
