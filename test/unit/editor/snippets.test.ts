// Every contributed snippet, accepted with its defaults, must be valid YAML of a current API version that
// the whole rule set analyses without an error or a warning: a snippet teaches a habit, so it must be a good one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expandSnippet } from './snippetExpand';
import type { Finding } from '../../../src/core/types';
import { analyze, analyzeFiles } from '../helpers/analyze';

const root = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The API version each kind is written in today (Istio 1.22+ GA APIs, cert-manager v1, Linkerd 2.16+, SPIRE). */
const CURRENT: Record<string, string> = {
  PeerAuthentication: 'security.istio.io/v1',
  'security.istio.io/AuthorizationPolicy': 'security.istio.io/v1',
  RequestAuthentication: 'security.istio.io/v1',
  DestinationRule: 'networking.istio.io/v1',
  Certificate: 'cert-manager.io/v1',
  ClusterIssuer: 'cert-manager.io/v1',
  Issuer: 'cert-manager.io/v1',
  Server: 'policy.linkerd.io/v1beta3',
  MeshTLSAuthentication: 'policy.linkerd.io/v1alpha1',
  'policy.linkerd.io/AuthorizationPolicy': 'policy.linkerd.io/v1alpha1',
  ClusterSPIFFEID: 'spire.spiffe.io/v1alpha1',
};

/**
 * Rules that judge a policy against the workloads of the workspace, so a snippet alone (no workload at all)
 * trips them. Each snippet is also analysed next to matching workloads, where no rule is exempt.
 */
const NEEDS_WORKLOADS = new Set(['MTLS750']);
const WORKLOADS = readFileSync(join(import.meta.dirname, 'fixtures/snippet-workloads.yaml'), 'utf8');


interface Snippet {
  file: string;
  name: string;
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const contributed: { language: string; path: string }[] = pkg.contributes?.snippets ?? [];
const files = readdirSync(join(root, 'snippets')).filter((f) => f.endsWith('.json'));
const snippets: Snippet[] = files.flatMap((f) =>
  Object.entries(JSON.parse(readFileSync(join(root, 'snippets', f), 'utf8'))).map(([name, s]) => ({ file: f, name, ...(s as object) }) as Snippet),
);

test('every snippets/*.json file is contributed for yaml, and every contribution exists', () => {
  assert.ok(files.length > 0);
  for (const f of files) {
    const c = contributed.find((x) => x.path === `./snippets/${f}`);
    assert.ok(c, `snippets/${f} is not in package.json contributes.snippets`);
    assert.equal(c.language, 'yaml', `snippets/${f} must be contributed for language id "yaml"`);
  }
  for (const c of contributed) assert.ok(existsSync(join(root, c.path)), `${c.path} is contributed but missing`);
});

test('prefixes are unique and every snippet has a description', () => {
  const seen = new Map<string, string>();
  for (const s of snippets) {
    for (const p of [s.prefix].flat()) {
      assert.ok(!seen.has(p), `prefix ${p} is used by "${seen.get(p)}" and "${s.name}"`);
      seen.set(p, s.name);
    }
    assert.ok(s.description && s.description.length > 20, `"${s.name}" needs a description`);
  }
});

test('the snippets cover the mesh kinds users write', () => {
  const kinds = new Set(snippets.flatMap((s) => kindsOf(expandSnippet(s.body))));
  for (const k of Object.keys(CURRENT).filter((k) => k !== 'Issuer')) assert.ok(kinds.has(k), `no snippet writes a ${k}`);
});

for (const s of snippets) {
  test(`snippet "${s.name}" (${s.file}) expands to clean, current YAML`, () => {
    const text = expandSnippet(s.body, { TM_FILENAME_BASE: 'example' });
    assert.doesNotMatch(text, /\$\{?\d/, 'a tab stop was left unexpanded');
    const docs = parseAllDocuments(text);
    assert.ok(Array.isArray(docs) && docs.length > 0, 'no YAML documents');
    for (const d of docs) assert.deepEqual(d.errors.map((e) => e.message), [], `YAML errors in:\n${text}`);
    for (const d of docs) {
      const obj = d.toJS();
      const key = CURRENT[`${obj.apiVersion.split('/')[0]}/${obj.kind}`] ? `${obj.apiVersion.split('/')[0]}/${obj.kind}` : obj.kind;
      assert.equal(obj.apiVersion, CURRENT[key], `${obj.kind} should use apiVersion ${CURRENT[key]}`);
      assert.ok(obj.metadata?.name, `${obj.kind} needs metadata.name`);
    }
    const loud = (findings: Finding[]) =>
      findings
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.range.start.line}: ${f.message}`);
    const alone = loud(analyze(text)).filter((l) => !NEEDS_WORKLOADS.has(l.split(' ')[0]));
    assert.deepEqual(alone, [], `alone, in:\n${text}`);
    const withApp = loud(analyzeFiles({ 'snippet.yaml': text, 'workloads.yaml': WORKLOADS }));
    assert.deepEqual(withApp, [], `next to its workloads, in:\n${text}`);
  });
}

test('snippets are analysed, not skipped (a ClusterSPIFFEID template is not a Helm template)', () => {
  for (const s of snippets) {
    const skipped = analyze(expandSnippet(s.body)).filter((f) => f.ruleId === 'MTLS002');
    assert.deepEqual(skipped, [], `"${s.name}" was skipped by the parser`);
  }
});

function kindsOf(text: string): string[] {
  return parseAllDocuments(text).map((d) => {
    const o = d.toJS();
    const k = `${String(o?.apiVersion).split('/')[0]}/${o?.kind}`;
    return CURRENT[k] ? k : String(o?.kind);
  });
}
