import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGoTemplate } from '../../../src/core/spiffe';

const valid = [
  'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}',
  'spiffe://example.org/static',
  '{{- .TrustDomain -}}',
  '{{ printf "spiffe://%s/ns/%s" .TrustDomain .PodMeta.Namespace }}',
  '{{ index .PodMeta.Labels "app" }}',
  '{{ if eq .PodMeta.Namespace "prod" }}a{{ else if .X }}b{{ else }}c{{ end }}',
  '{{ range $k, $v := .PodMeta.Labels }}{{ $k }}={{ $v }}{{ end }}',
  '{{ with .PodSpec }}{{ .NodeName }}{{ end }}',
  '{{/* a comment */}}x',
  '{{ .PodMeta.Name | printf "%s-x" | len }}',
  '{{ (index .PodMeta.Labels "a") }}',
  '{{ "}}" }}',
  '{{ $x := 1 }}{{ $x }}',
  'k8s:ns:{{ .PodMeta.Namespace }}',
  '{{ . }}',
  '{{ -1 }}',
];
for (const t of valid) {
  test(`valid template: ${t}`, () => {
    const r = checkGoTemplate(t);
    assert.equal(r.problem, undefined, r.problem?.message);
  });
}

// [template, message pattern, underlined text]
const invalid: [string, RegExp, string][] = [
  ['spiffe://{{ .TrustDomain }/ns', /unclosed action/, '{{'],
  ['spiffe://{{ .TrustDomain', /unclosed action/, '{{'],
  ['{{}}', /action is empty/, '{{}}'],
  ['{{ .PodMeta..Name }}', /bad field chain/, '.PodMeta.'],
  ['{{ .PodMeta. }}', /bad field chain/, '.PodMeta.'],
  ['{{ toLower .PodMeta.Name }}', /function "toLower" not defined/, 'toLower'],
  ['{{ .A | }}', /missing command after '\|'/, '|'],
  ['{{ | .A }}', /missing command before '\|'/, '|'],
  ['{{ (.A }}', /unclosed '\('/, 'A'],
  ['{{ .A) }}', /unexpected '\)'/, ')'],
  ['{{ "abc }}', /unterminated quoted string/, '"'],
  ['{{ if .A }}x', /no matching \{\{end\}\}/, 'if'],
  ['x{{ end }}', /unexpected \{\{end\}\}/, 'end'],
  ['{{ else }}', /outside if, range or with/, 'else'],
  ['{{ if }}x{{ end }}', /missing value for if/, 'if'],
  ['{{ .A # }}', /unexpected "#"/, '#'],
  ['{{ break }}', /outside \{\{range\}\}/, 'break'],
  ['{{ 1x2 }}', /bad number syntax/, '1x2'],
];
for (const [t, why, bad] of invalid) {
  test(`invalid template: ${t}`, () => {
    const r = checkGoTemplate(t);
    assert.ok(r.problem, 'expected a problem');
    assert.match(r.problem!.message, why);
    assert.equal(t.slice(r.problem!.start, r.problem!.end), bad);
  });
}

test('pieces separate literal text from actions', () => {
  const r = checkGoTemplate('spiffe://{{ .TrustDomain }}/ns/x');
  assert.deepEqual(r.pieces, [
    { kind: 'text', text: 'spiffe://', start: 0 },
    { kind: 'action', start: 9, end: 27 },
    { kind: 'text', text: '/ns/x', start: 27 },
  ]);
});
