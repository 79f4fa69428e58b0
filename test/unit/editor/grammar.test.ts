// Tokenizes YAML lines with the real TextMate engine (vscode-textmate + oniguruma) and our injection
// grammar on top of a stand-in YAML grammar, and checks which parts get which scopes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = join(import.meta.dirname, '../../..');
const INJECTION = 'mtls-lens.identities.injection';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contribution = (pkg.contributes?.grammars ?? []).find((g: { scopeName: string }) => g.scopeName === INJECTION);

let grammar: vsctm.IGrammar;

before(async () => {
  const wasm = readFileSync(join(createRequire(import.meta.url).resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files: Record<string, string> = {
    'source.yaml': join(import.meta.dirname, 'fixtures/yaml-standin.tmLanguage.json'),
    [INJECTION]: join(root, contribution?.path ?? 'syntaxes/mtls-identities.injection.tmLanguage.json'),
  };
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => (files[scope] ? vsctm.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'source.yaml' ? (contribution?.injectTo?.includes('source.yaml') ? [INJECTION] : []) : undefined),
  });
  grammar = (await registry.loadGrammar('source.yaml'))!;
  assert.ok(grammar, 'stand-in YAML grammar did not load');
});

interface Tok {
  text: string;
  scopes: string[];
}

function tokenize(line: string): Tok[] {
  const r = grammar.tokenizeLine(line, vsctm.INITIAL);
  return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
}

/** Scopes of every token that overlaps `part` of `line`, asserted to be the same for all of them when `uniform`. */
function scopesOf(line: string, part: string): string[] {
  const start = line.indexOf(part);
  assert.ok(start >= 0, `"${part}" not in "${line}"`);
  const end = start + part.length;
  let pos = 0;
  const hit: string[][] = [];
  for (const t of tokenize(line)) {
    const tEnd = pos + t.text.length;
    if (tEnd > start && pos < end) hit.push(t.scopes);
    pos = tEnd;
  }
  // The part must be covered by tokens that all carry the scope we check for; return their intersection.
  return hit.reduce((acc, s) => acc.filter((x) => s.includes(x)));
}

const ours = (line: string) => tokenize(line).flatMap((t) => t.scopes.filter((s) => s.endsWith('.mtls-lens')));

test('the injection grammar is contributed into source.yaml', () => {
  assert.ok(contribution, `package.json contributes.grammars has no ${INJECTION}`);
  assert.deepEqual(contribution.injectTo, ['source.yaml']);
});

test('SPIFFE IDs: scheme, trust domain, namespace and service account are told apart', () => {
  const line = '    - spiffe://cluster.local/ns/default/sa/web-frontend';
  assert.ok(scopesOf(line, 'spiffe://').includes('keyword.other.scheme.spiffe.mtls-lens'));
  assert.ok(scopesOf(line, 'cluster.local').includes('entity.name.namespace.trust-domain.mtls-lens'));
  assert.ok(scopesOf(line, 'default').includes('variable.other.namespace.mtls-lens'));
  assert.ok(scopesOf(line, 'web-frontend').includes('variable.other.service-account.mtls-lens'));
  assert.ok(scopesOf(line, 'spiffe://cluster.local/ns/default/sa/web-frontend').includes('meta.spiffe-id.mtls-lens'));
  const quoted = '  uris: ["spiffe://example.org/payments/Backend_1"]';
  assert.ok(scopesOf(quoted, 'spiffe://example.org/payments/Backend_1').includes('meta.spiffe-id.mtls-lens'));
  assert.ok(scopesOf(quoted, 'spiffe://').includes('string.quoted.double.yaml'), 'the YAML string scope stays underneath');
  assert.ok(scopesOf('trustDomain: spiffe://example.org', 'example.org').includes('entity.name.namespace.trust-domain.mtls-lens'));
});

test('invalid SPIFFE IDs are marked invalid as a whole', () => {
  for (const id of [
    'spiffe://Cluster.Local/ns/a/sa/b', // upper-case trust domain
    'spiffe://td//ns/a', // empty segment
    'spiffe://td/./a', // dot segment
    'spiffe://td/a/..', // dot-dot segment
    'spiffe://td/a/', // trailing slash
    'spiffe://td:8443/a', // port
    'spiffe:///a', // empty trust domain
    'spiffe://td/a%2Fb', // percent-encoding
    'SPIFFE://td/a', // upper-case scheme
  ]) {
    const line = `      - ${id}`;
    const s = scopesOf(line, id);
    assert.ok(s.includes('invalid.illegal.spiffe-id.mtls-lens'), `${id} should be invalid, got ${JSON.stringify(tokenize(line))}`);
    assert.ok(!ours(line).includes('meta.spiffe-id.mtls-lens'), `${id} must not also look valid`);
  }
});

test('a ClusterSPIFFEID template is not called invalid', () => {
  const line = '  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"';
  assert.ok(scopesOf(line, 'spiffe://').includes('keyword.other.scheme.spiffe.mtls-lens'));
  assert.ok(!ours(line).some((s) => s.startsWith('invalid.')), JSON.stringify(ours(line)));
});

test('Istio principals, with their wildcards', () => {
  const line = '              - cluster.local/ns/frontend/sa/web';
  assert.ok(scopesOf(line, 'cluster.local/ns/frontend/sa/web').includes('meta.istio-principal.mtls-lens'));
  assert.ok(scopesOf(line, 'cluster.local').includes('entity.name.namespace.trust-domain.mtls-lens'));
  assert.ok(scopesOf(line, 'frontend').includes('variable.other.namespace.mtls-lens'));
  assert.ok(scopesOf(line, '/sa/web').length > 0);
  assert.ok(scopesOf(line, 'web').includes('variable.other.service-account.mtls-lens'));
  const flow = '            principals: ["*/ns/payments/sa/api", "td.example/ns/a/sa/job-*"]';
  assert.ok(scopesOf(flow, '*/ns/payments/sa/api').includes('meta.istio-principal.mtls-lens'));
  assert.ok(scopesOf(flow, '*/ns').includes('meta.istio-principal.mtls-lens'));
  assert.ok(tokenize(flow).some((t) => t.text === '*' && t.scopes.includes('keyword.operator.wildcard.mtls-lens')));
  assert.ok(scopesOf(flow, 'job-').includes('variable.other.service-account.mtls-lens'));
});

test('invalid Istio principals', () => {
  for (const p of ['Cluster.local/ns/a/sa/b', 'cluster.local/ns//sa/b', 'cluster.local/ns/a/sa/', 'cluster.local/ns/Payments/sa/b', '/ns/a/sa/b']) {
    const line = `  - ${p}`;
    assert.ok(scopesOf(line, p).includes('invalid.illegal.istio-principal.mtls-lens'), `${p}: ${JSON.stringify(tokenize(line))}`);
  }
});

test('Linkerd identities, with a wildcard service account', () => {
  const line = '    - "web.emojivoto.serviceaccount.identity.linkerd.cluster.local"';
  assert.ok(scopesOf(line, 'web.emojivoto.serviceaccount.identity.linkerd.cluster.local').includes('meta.linkerd-identity.mtls-lens'));
  assert.ok(scopesOf(line, 'web').includes('variable.other.service-account.mtls-lens'));
  assert.ok(scopesOf(line, 'emojivoto').includes('variable.other.namespace.mtls-lens'));
  assert.ok(scopesOf(line, '.serviceaccount.identity.linkerd.').includes('keyword.other.linkerd-identity.mtls-lens'));
  assert.ok(scopesOf(line, 'cluster.local').includes('entity.name.namespace.trust-domain.mtls-lens'));
  const wild = '    - "*.emojivoto.serviceaccount.identity.linkerd.cluster.local"';
  assert.ok(scopesOf(wild, '*').includes('keyword.operator.wildcard.mtls-lens'));
});

test('invalid Linkerd identities', () => {
  for (const id of [
    'Web.emojivoto.serviceaccount.identity.linkerd.cluster.local',
    'web..serviceaccount.identity.linkerd.cluster.local',
    'web.emojivoto.serviceaccount.identity.linkerd.',
    'web.emojivoto.serviceaccount.identity.linkerd.Cluster.Local',
  ]) {
    const line = `    - ${id}`;
    assert.ok(scopesOf(line, id).includes('invalid.illegal.linkerd-identity.mtls-lens'), `${id}: ${JSON.stringify(tokenize(line))}`);
  }
});

test('comments, URLs, paths and ordinary values are left alone', () => {
  for (const line of [
    '# spiffe://Bad/x and cluster.local/ns/a/sa/b',
    'key: value  # spiffe://Bad/x',
    'url: https://example.com/ns/a/sa/b',
    'paths: ["/api/ns/a/sa/b"]',
    'host: reviews.default.svc.cluster.local',
    'ns: default',
  ]) {
    assert.deepEqual(ours(line), [], `${line}: ${JSON.stringify(tokenize(line))}`);
  }
});
