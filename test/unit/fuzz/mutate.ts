// fast-check arbitraries for hostile manifests: text mutations of real seed files (line edits, indentation,
// odd scalars, anchors/aliases, truncation, Helm templates, huge strings, NUL bytes), value mutations of
// parsed documents (a field replaced by a value of another type), and plain random YAML-ish text.
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { SeedFile } from './corpus';

/** Scalars that have broken YAML tooling before: types, numbers, specials, quoting, unicode, tags. */
export const ODD_SCALARS = [
  '', '~', 'null', 'Null', 'true', 'no', 'on', 'y', '0', '-1', '1e309', '0x1F', '0o17', '.inf', '-.inf', '.nan', '99999999999999999999999',
  '65536', '-0', '1_000', '"unterminated', "'", '"', '[]', '{}', '[', '}', '- a', ': x', '? k', '|', '>-', '&anchor', '*nosuch', '!!binary AAAA',
  '!!str', '!custom x', '!!int abc', '!!map []', '2026-02-30', 'STRICT ', 'strict', 'ISTIO_MUTUAL\t', '"\\u0000"', '"\\uD800"', '☃', 'مرحبا',
  '\u202Eevil', 'spiffe://', 'spiffe://td/ns/../sa/x', 'spiffe://' + 'a'.repeat(300), '*', 'cluster.local/ns/*/sa/*', '8080-9090', '{{ .Values.mode }}',
  '<<', '=', '%TAG ! x', '---', '...', '#', 'a: b: c', '-----BEGIN CERTIFICATE-----', 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
];

/** Values (as JS) put into parsed documents in place of a field. */
const ODD_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53 + 2, '', 'x', [], {}, [null], [[]], { '': '' }, { mode: 7 }, ['STRICT'], { matchLabels: null }, 'a'.repeat(5000)];

export type Mutation =
  | { op: 'deleteLine'; at: number }
  | { op: 'duplicateLine'; at: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; at: number; delta: number }
  | { op: 'scalar'; at: number; value: string }
  | { op: 'alias'; from: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'template'; at: number }
  | { op: 'huge'; at: number; size: number }
  | { op: 'nul'; at: number }
  | { op: 'bytes'; at: number; text: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  { arbitrary: fc.record({ op: fc.constant('scalar' as const), at: fc.nat(), value: fc.constantFrom(...ODD_SCALARS) }), weight: 3 },
  fc.record({ op: fc.constant('alias' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('template' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), size: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({ op: fc.constant('nul' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), text: fc.string({ maxLength: 12, unit: 'binary' }) }),
);

const VALUE_LINE = /^(\s*(?:- )?[^\s#:][^:]*:\s)(.+)$/;

/** Apply one text mutation. Positions are taken modulo the text, so every generated value applies. */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const n = lines.length;
  const line = (i: number) => i % n;
  switch (m.op) {
    case 'deleteLine':
      lines.splice(line(m.at), 1);
      return lines.join('\n');
    case 'duplicateLine':
      lines.splice(line(m.at), 0, lines[line(m.at)]);
      return lines.join('\n');
    case 'swapLines': {
      const [a, b] = [line(m.a), line(m.b)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.at);
      lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
    case 'scalar': {
      const i = valueLine(lines, m.at);
      if (i >= 0) lines[i] = lines[i].replace(VALUE_LINE, (_, key: string) => key + m.value);
      return lines.join('\n');
    }
    case 'alias': {
      // anchor one value and refer to it from another key (or the same one: a self-reference)
      const a = valueLine(lines, m.from);
      const b = valueLine(lines, m.to);
      if (a < 0 || b < 0) return text;
      lines[a] = lines[a].replace(VALUE_LINE, (_, key: string, v: string) => `${key}&fz ${v}`);
      lines[b] = lines[b].replace(VALUE_LINE, (_, key: string) => `${key}*fz`);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'template': {
      const i = line(m.at);
      lines[i] = lines[i].replace(/(:\s)(.+)$/, '$1{{ .Values.x }}') === lines[i] ? `${lines[i]} {{ include "x" . }}` : lines[i].replace(/(:\s)(.+)$/, '$1{{ .Values.x }}');
      return lines.join('\n');
    }
    case 'huge': {
      const i = valueLine(lines, m.at);
      if (i >= 0) lines[i] = lines[i].replace(VALUE_LINE, (_, key: string) => key + 'x'.repeat(m.size));
      return lines.join('\n');
    }
    case 'nul': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + '\u0000' + text.slice(at);
    }
    case 'bytes': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
  }
}

function valueLine(lines: string[], at: number): number {
  const candidates: number[] = [];
  lines.forEach((l, i) => VALUE_LINE.test(l) && candidates.push(i));
  return candidates.length ? candidates[at % candidates.length] : -1;
}

/** A seed file with 1–4 text mutations applied. */
export function mutatedFileArb(corpus: SeedFile[]): fc.Arbitrary<{ seed: SeedFile; mutations: Mutation[]; text: string }> {
  return fc
    .record({ seed: fc.constantFrom(...corpus), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
    .map(({ seed, mutations }) => ({ seed, mutations, text: mutations.reduce(applyMutation, seed.text) }));
}

/** A seed file re-serialised after one value deep inside a document was replaced by a value of another type. */
export function retypedFileArb(corpus: SeedFile[]): fc.Arbitrary<{ seed: SeedFile; path: string; text: string }> {
  return fc
    .record({ seed: fc.constantFrom(...corpus), pick: fc.nat(), value: fc.oneof(fc.constantFrom(...ODD_VALUES), fc.jsonValue({ maxDepth: 3 })) })
    .map(({ seed, pick, value }) => {
      const docs = parseAllDocuments(seed.text).map((d) => {
        try {
          return d.toJS({ maxAliasCount: 100 });
        } catch {
          return null;
        }
      });
      const slots = docs.flatMap((d, di) => paths(d).map((p) => [di, ...p] as (string | number)[]));
      if (!slots.length) return { seed, path: '', text: seed.text };
      const slot = slots[pick % slots.length];
      setAt(docs, slot, value);
      return { seed, path: slot.join('.'), text: docs.map((d) => stringify(d)).join('---\n') };
    });
}

function paths(v: unknown, depth = 0): (string | number)[][] {
  if (depth > 8 || v === null || typeof v !== 'object') return [];
  const out: (string | number)[][] = [];
  for (const [k, child] of Object.entries(v as object)) {
    const key = Array.isArray(v) ? Number(k) : k;
    out.push([key], ...paths(child, depth + 1).map((p) => [key, ...p]));
  }
  return out;
}

function setAt(root: unknown[], path: (string | number)[], value: unknown): void {
  let cur: any = root;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]] = value;
}

/** Random text made of YAML punctuation and the words rules look for. */
export const randomYamlishArb: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      'apiVersion: ', 'kind: ', 'metadata:', 'name: ', 'namespace: ', 'spec:', 'mtls:', 'mode: ', 'STRICT', 'PERMISSIVE', 'DISABLE', 'selector:', 'matchLabels:',
      'portLevelMtls:', 'trafficPolicy:', 'tls:', 'ISTIO_MUTUAL', 'host: ', 'PeerAuthentication', 'DestinationRule', 'AuthorizationPolicy', 'Certificate',
      'Deployment', 'Pod', 'security.istio.io/v1', 'networking.istio.io/v1', 'cert-manager.io/v1', 'v1', 'apps/v1', '\n', '\n  ', '\n    ', '- ', ': ', '---\n',
      '{', '}', '[', ']', ',', '&a ', '*a', '<<: ', '!!str ', '|\n', '"', "'", '#', '8080', 'app', 'x',
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));
