// One YAML document seen as a Kubernetes resource, with exact source ranges for any field path.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type LineCounter } from 'yaml';
import type { FieldPath, Range, ResourceRef } from '../types';

export class Resource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  /** API group: '' for core kinds, e.g. 'security.istio.io'. */
  readonly group: string;
  readonly version: string;

  constructor(
    /** The file the document came from, as given by the caller (path or URI string). */
    readonly file: string,
    /** Index of the document inside its file (0-based, counting every document). */
    readonly docIndex: number,
    /** The plain JS value of the document (yaml `toJS()`). */
    readonly obj: Record<string, any>,
    /** Range of the whole document. */
    readonly range: Range,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
    /** The whole text of the file (shared by every resource of the file, not copied). */
    readonly source: string,
    /** Where the parsed chunk that holds this document starts in the file (node offsets are chunk-local). */
    private readonly base: { offset: number; line: number } = { offset: 0, line: 0 },
  ) {
    this.apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    this.kind = typeof obj.kind === 'string' ? obj.kind : '';
    const md = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
    this.name = typeof md.name === 'string' ? md.name : md.name != null ? String(md.name) : '';
    this.namespace = typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
    const slash = this.apiVersion.indexOf('/');
    this.group = slash < 0 ? '' : this.apiVersion.slice(0, slash);
    this.version = slash < 0 ? this.apiVersion : this.apiVersion.slice(slash + 1);
  }

  get ref(): ResourceRef {
    return { kind: this.kind, namespace: this.namespace, name: this.name };
  }

  get labels(): Record<string, string> {
    return stringMap(this.obj.metadata?.labels);
  }

  get annotations(): Record<string, string> {
    return stringMap(this.obj.metadata?.annotations);
  }

  /** The value at `path` in the parsed object, or undefined. */
  get(path: FieldPath): any {
    let cur: any = this.obj;
    for (const seg of path) {
      if (cur == null || typeof cur !== 'object') return undefined;
      cur = cur[seg as any];
    }
    return cur;
  }

  has(path: FieldPath): boolean {
    return this.findNode(path).found;
  }

  /**
   * Range of the value at `path`. When the path does not exist, the range of the deepest existing
   * ancestor's key (so a finding about a missing field points at its parent), or the `kind` line.
   */
  rangeOf(path: FieldPath): Range {
    // Cross-document rules report on unchanged documents again after every edit: remember the answer.
    const key = path.join('\u0000');
    let r = this.rangeCache.get(key);
    if (!r) this.rangeCache.set(key, (r = this.computeRangeOf(path)));
    return r;
  }

  private readonly rangeCache = new Map<string, Range>();

  private computeRangeOf(path: FieldPath): Range {
    const { node, pair, found } = this.findNode(path);
    if (found && node) return this.nodeRange(node);
    if (pair?.key && isNodeLike(pair.key)) return this.nodeRange(pair.key as Node);
    return this.kindRange();
  }

  /** Range of the map key at `path` (e.g. the `mode` in `mode: STRICT`); falls back like rangeOf. */
  keyRangeOf(path: FieldPath): Range {
    const { pair, found } = this.findNode(path);
    if (found && pair?.key && isNodeLike(pair.key)) return this.nodeRange(pair.key as Node);
    return this.rangeOf(path);
  }

  /** Range of the `kind: X` line's value (where document-level findings and lenses go). */
  kindRange(): Range {
    const { node, found } = this.findNode(['kind']);
    if (found && node) return this.nodeRange(node);
    return { start: this.range.start, end: this.range.start };
  }

  /** Offsets [start, end) of the value at `path` in the file text, or undefined when absent. */
  offsetsOf(path: FieldPath): [number, number] | undefined {
    const { node, found } = this.findNode(path);
    if (!found || !node?.range) return undefined;
    return [node.range[0] + this.base.offset, node.range[1] + this.base.offset];
  }

  /** Offsets of the whole key/value pair at `path` (for fixes that remove a field). */
  pairOffsetsOf(path: FieldPath): [number, number] | undefined {
    const { pair, node, found } = this.findNode(path);
    if (!found || !pair || !isNodeLike(pair.key) || !(pair.key as Node).range) return undefined;
    const start = (pair.key as Node).range![0];
    const end = node?.range ? node.range[1] : (pair.key as Node).range![1];
    return [start + this.base.offset, end + this.base.offset];
  }

  /** Converts a text offset of this resource's file into a position. */
  positionAt(offset: number): { line: number; character: number } {
    const p = this.lines.linePos(offset - this.base.offset);
    return { line: p.line - 1 + this.base.line, character: p.col - 1 };
  }

  private nodeRange(node: Node): Range {
    const r = node.range ?? [0, 0, 0];
    return { start: this.positionAt(r[0] + this.base.offset), end: this.positionAt(r[1] + this.base.offset) };
  }

  private findNode(path: FieldPath): { node: Node | null; pair: Pair | null; found: boolean } {
    let node: Node | null = this.root;
    let lastPair: Pair | null = null;
    for (const seg of path) {
      if (node && isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyEquals(p.key, seg)) as Pair | undefined;
        if (!pair) return { node: null, pair: lastPair, found: false };
        lastPair = pair;
        node = (pair.value as Node | null) ?? null;
        if (node === null) return { node: null, pair, found: seg === path[path.length - 1] };
      } else if (node && isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) return { node: null, pair: lastPair, found: false };
        node = item;
      } else {
        return { node: null, pair: lastPair, found: false };
      }
    }
    return { node, pair: lastPair, found: true };
  }
}

function keyEquals(key: unknown, seg: string | number): boolean {
  if (isScalar(key)) return String(key.value) === String(seg);
  return key === seg;
}

function isNodeLike(x: unknown): boolean {
  return !!x && typeof x === 'object' && 'range' in (x as object);
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    for (const [k, v] of Object.entries(x)) if (v != null) out[k] = String(v);
  }
  return out;
}
