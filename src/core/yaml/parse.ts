// Multi-document YAML → Resources with exact ranges, plus the findings about the file itself
// (syntax errors, Helm templates, size and alias limits). Never throws on bad input.
//
// The file is split at `---` lines (a document marker at column 0 always starts a new document, so this
// is safe) and each chunk is parsed on its own. Passing the previous ParsedFile reuses the parse of every
// unchanged chunk: after a keystroke only the edited document is parsed again.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, visit, Scalar, type Node, type Document } from 'yaml';
import { Resource } from './resource';
import type { Finding, Range } from '../types';

export interface ParseLimits {
  /** Files larger than this are not analysed (one info finding). */
  maxFileSizeBytes: number;
  /** Alias resolutions allowed per document (billion-laughs guard). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxFileSizeBytes: 5 * 1024 * 1024, maxAliasCount: 100 };

/** The parse of one chunk, independent of where the chunk sits in the file. */
interface ChunkParse {
  lines: LineCounter;
  docs: { doc: Document.Parsed; obj: any; error?: string; aliasError?: boolean; template: boolean }[];
}

export interface ParsedFile {
  file: string;
  resources: Resource[];
  /** Findings about the file itself: MTLS001 syntax, MTLS002 Helm template, MTLS003 too large, MTLS004 aliases, MTLS005 binary. */
  findings: Finding[];
  /** Chunk text → parse, for reuse by the next parse of the same file. */
  chunks: Map<string, ChunkParse>;
}

const TEMPLATE = /\{\{[\s\S]*?\}\}/;
const WHOLE_TEMPLATE = /^\{\{[\s\S]*\}\}$/;
const DOC_START = /^---(?=[ \t\r]|$)/gm;

export function parseYamlFile(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS, previous?: ParsedFile): ParsedFile {
  const out: ParsedFile = { file, resources: [], findings: [], chunks: new Map() };
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (text.length > limits.maxFileSizeBytes) {
    const mb = (limits.maxFileSizeBytes / 1024 / 1024).toFixed(1);
    out.findings.push(fileFinding('MTLS003', 'info', file, top,
      `File not analysed: it is larger than ${mb} MB (setting mtlsLens.maxFileSizeMB / CLI --max-file-size).`));
    return out;
  }
  if (text.includes('\u0000')) {
    out.findings.push(fileFinding('MTLS005', 'info', file, top, 'File not analysed: it looks binary (contains NUL bytes).'));
    return out;
  }
  let docIndex = 0;
  let line = 0;
  for (const [start, end] of chunkBounds(text)) {
    const chunkText = text.slice(start, end);
    let chunk = previous?.chunks.get(chunkText) ?? out.chunks.get(chunkText);
    if (!chunk) chunk = parseChunk(chunkText, limits);
    out.chunks.set(chunkText, chunk);
    const base = { offset: start, line };
    for (const d of chunk.docs) emitDocument(out, file, text, chunk, d, base, docIndex++, limits);
    line += countNewlines(chunkText);
  }
  return out;
}

/**
 * Helm/Go template syntax outside block scalars and quoted strings. `{{` inside a `|` or `>` block is
 * data (the Istio injector ConfigMap carries its Go template that way), not a sign that the document is
 * unrendered.
 */
function isTemplate(doc: Document.Parsed, text: string, s: number, e: number): boolean {
  if (!TEMPLATE.test(text.slice(s, e))) return false;
  if (doc.errors.length) return true;
  const blocks: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if (!isScalar(node) || !node.range) return;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      // A quoted string that is only a template (`"{{ .Values.mode }}"`) stands for an unrendered value;
      // one that embeds it in other text (a URL in an args list) is ordinary data.
      const quoted = (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && !WHOLE_TEMPLATE.test(String(node.value).trim());
      if (block || quoted) blocks.push([node.range[0], node.range[1]]);
    },
  });
  if (!blocks.length) return true;
  let rest = '';
  let at = s;
  for (const [bs, be] of blocks.sort((a, b) => a[0] - b[0])) {
    if (bs > at) rest += text.slice(at, bs);
    at = Math.max(at, be);
  }
  rest += text.slice(at, e);
  return TEMPLATE.test(rest);
}

function* chunkBounds(text: string): Iterable<[number, number]> {
  let start = 0;
  DOC_START.lastIndex = 0;
  for (let m = DOC_START.exec(text); m; m = DOC_START.exec(text)) {
    if (m.index > start) yield [start, m.index];
    start = m.index;
    DOC_START.lastIndex = m.index + 3;
  }
  if (start < text.length || text.length === 0) yield [start, text.length];
}

function parseChunk(chunkText: string, limits: ParseLimits): ChunkParse {
  const lines = new LineCounter();
  const chunk: ChunkParse = { lines, docs: [] };
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(chunkText, { lineCounter: lines, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  } catch (e) {
    // The yaml package reports problems as doc.errors; a throw here is unexpected, keep it as a finding.
    const doc = { errors: [{ pos: [0, 1], message: (e as Error).message }], range: [0, 0, 0], contents: null } as any;
    chunk.docs.push({ doc, obj: undefined, template: false });
    return chunk;
  }
  for (const doc of docs) {
    const [s, , e] = doc.range ?? [0, 0, 0];
    const template = isTemplate(doc, chunkText, s, e);
    let obj: any;
    let error: string | undefined;
    let aliasError = false;
    if (!template && doc.errors.length === 0 && doc.contents && isMap(doc.contents)) {
      try {
        obj = doc.toJS({ maxAliasCount: limits.maxAliasCount });
        makeCoercionSafe(obj);
      } catch (err) {
        error = firstLine((err as Error).message);
        aliasError = /alias/i.test(error);
      }
    }
    chunk.docs.push({ doc, obj, error, aliasError, template });
  }
  return chunk;
}

function emitDocument(
  out: ParsedFile,
  file: string,
  text: string,
  chunk: ChunkParse,
  d: ChunkParse['docs'][number],
  base: { offset: number; line: number },
  docIndex: number,
  limits: ParseLimits,
): void {
  const pos = (local: number) => {
    const p = chunk.lines.linePos(local);
    return { line: p.line - 1 + base.line, character: p.col - 1 };
  };
  const { doc } = d;
  const [s, , e] = doc.range ?? [0, 0, 0];
  const docStart = pos(s);
  const at = { start: docStart, end: docStart };
  if (d.template) {
    out.findings.push(fileFinding('MTLS002', 'info', file, at,
      'Document skipped: it contains Helm/Go template syntax ({{ … }}). Render it (helm template) to analyse it.'));
    return;
  }
  if (doc.errors.length > 0) {
    for (const err of doc.errors.slice(0, 5)) {
      const [a, b] = err.pos;
      out.findings.push(fileFinding('MTLS001', 'error', file, { start: pos(a), end: pos(Math.max(b, a + 1)) },
        `YAML syntax error: ${firstLine(err.message)}`));
    }
    return;
  }
  if (d.error) {
    out.findings.push(d.aliasError
      ? fileFinding('MTLS004', 'error', file, at,
          `Document skipped: it expands too many YAML aliases (limit ${limits.maxAliasCount}); this guards against alias bombs.`)
      : fileFinding('MTLS001', 'error', file, at, `YAML could not be read: ${d.error}`));
    return;
  }
  const root = doc.contents as Node | null;
  const obj = d.obj;
  if (!root || !isMap(root) || !obj || typeof obj !== 'object' || typeof obj.kind !== 'string') return;
  const docRange: Range = { start: docStart, end: pos(e) };
  if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    const itemsNode = root.get('items', true) as Node | undefined;
    obj.items.forEach((item: any, i: number) => {
      const node = itemsNode && isSeq(itemsNode) ? (itemsNode.items[i] as Node) : null;
      if (!item || typeof item !== 'object' || typeof item.kind !== 'string' || !node || !isMap(node)) return;
      const r = node.range ?? [s, s, e];
      out.resources.push(new Resource(file, docIndex, item, { start: pos(r[0]), end: pos(r[2]) }, node, chunk.lines, text, base));
    });
    return;
  }
  out.resources.push(new Resource(file, docIndex, obj, docRange, root, chunk.lines, text, base));
}

/**
 * A mapping with a `toString` or `valueOf` key (`name: {toString: 1}`) makes String(x), template literals
 * and Array#join throw "Cannot convert object to primitive value" — in any rule that prints the value.
 * Such objects get a hidden Symbol.toPrimitive, so they print like any other object; keys, values and
 * JSON are unchanged. (Found by the fuzzer, test/unit/fuzz.)
 */
function makeCoercionSafe(root: unknown): void {
  const stack = [root];
  const seen = new Set<object>();
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v) && (Object.hasOwn(v, 'toString') || Object.hasOwn(v, 'valueOf')))
      Object.defineProperty(v, Symbol.toPrimitive, { value: () => '[object Object]', enumerable: false });
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push(child);
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function fileFinding(ruleId: string, severity: Finding['severity'], file: string, range: Range, message: string): Finding {
  return { ruleId, severity, file, range, message };
}
