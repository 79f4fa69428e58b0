// Read endpoints: list (paging, selectors), get, watch. Responses go through `send`, which applies
// gzip and the mid-list reset fault.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { apiVersionOf, type ResourceInfo } from './kinds.js';
import { parseFieldSelector, parseLabelSelector, SelectorError, type Matcher } from './selectors.js';
import { badRequest, expiredContinue, expiredWatch, notFound, type Status } from './status.js';
import type { ObjectStore, StoreEvent } from './store.js';
import type { KubeObject } from './types.js';

const GZIP_THRESHOLD = 128 * 1024;

export interface SendOptions {
  /** Send half the body, then reset the connection (fault). */
  resetMidway?: boolean;
}

export function send(req: IncomingMessage, res: ServerResponse, code: number, body: unknown, opts: SendOptions = {}): void {
  let data: Buffer = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
  if (data.length > GZIP_THRESHOLD && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    data = gzipSync(data);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = data.length;
  res.writeHead(code, headers);
  if (opts.resetMidway) {
    res.write(data.subarray(0, Math.max(1, data.length >> 1)), () => res.socket?.destroy());
    return;
  }
  res.end(data);
}

export const sendStatus = (req: IncomingMessage, res: ServerResponse, st: Status) => send(req, res, st.code, st);

/** The object as served alone or in a watch event: always with kind/apiVersion. */
export function withKind(info: ResourceInfo, o: KubeObject): KubeObject {
  return { ...o, apiVersion: o.apiVersion ?? apiVersionOf(info), kind: o.kind ?? info.kind };
}

/** List items: built-in kinds lose kind/apiVersion (typed lists on a real server), custom resources keep them. */
function asListItem(info: ResourceInfo, o: KubeObject): object {
  if (!info.builtin) return o;
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

interface ContinueToken {
  rv: number;
  after: string;
}

const encodeToken = (t: ContinueToken) => Buffer.from(JSON.stringify(t)).toString('base64url');

function decodeToken(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as ContinueToken;
    return typeof t.rv === 'number' && typeof t.after === 'string' ? t : undefined;
  } catch {
    return undefined;
  }
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function matcher(info: ResourceInfo, q: URLSearchParams, namespace: string | undefined): Matcher | Status {
  try {
    const labels = parseLabelSelector(q.get('labelSelector') ?? undefined);
    const fields = parseFieldSelector(q.get('fieldSelector') ?? undefined, info.kind);
    return (o) => (namespace === undefined || o.metadata.namespace === namespace || !info.namespaced) && labels(o) && fields(o);
  } catch (e) {
    if (e instanceof SelectorError) return badRequest(e.message);
    throw e;
  }
}

/** Build a list response, or a Status (bad selector, bad/expired continue). */
export function listBody(store: ObjectStore, info: ResourceInfo, namespace: string | undefined, q: URLSearchParams, forceExpired: boolean): object | Status {
  const match = matcher(info, q, namespace);
  if (typeof match !== 'function') return match;
  const cont = q.get('continue') || undefined;
  let token: ContinueToken | undefined;
  if (cont) {
    token = decodeToken(cont);
    if (!token) return badRequest(`continue key is not valid: ${cont.slice(0, 40)}`);
    if (forceExpired || token.rv < store.compactedRv) return expiredContinue();
  }
  const all = store.listInfo(info, namespace).filter(match).filter((o) => !token || keyOf(o) > token.after);
  const limit = Number(q.get('limit') ?? 0);
  const listRv = token?.rv ?? Number(store.resourceVersion);
  const page = limit > 0 ? all.slice(0, limit) : all;
  const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (limit > 0 && all.length > limit) {
    metadata.continue = encodeToken({ rv: listRv, after: keyOf(page[page.length - 1]) });
    if (!q.get('labelSelector') && !q.get('fieldSelector')) metadata.remainingItemCount = all.length - limit;
  }
  return { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items: page.map((o) => asListItem(info, o)) };
}

export function getBody(store: ObjectStore, info: ResourceInfo, namespace: string | undefined, name: string): object | Status {
  const o = store.get({ kind: info.plural, apiVersion: apiVersionOf(info), namespace, name });
  return o ? withKind(info, o) : notFound(info, name);
}

export interface WatchOptions {
  bookmarkIntervalMs: number;
  expired: boolean;
  dropAfterMs?: number;
  onHead: () => void;
}

/** Stream watch events, one JSON object per line, until timeoutSeconds, the client leaves, or a fault cuts it. */
export function watch(store: ObjectStore, info: ResourceInfo, namespace: string | undefined, q: URLSearchParams,
  req: IncomingMessage, res: ServerResponse, opts: WatchOptions): void {
  const match = matcher(info, q, namespace);
  if (typeof match !== 'function') return sendStatus(req, res, match);
  const rvParam = q.get('resourceVersion') ?? '';
  const fromRv = rvParam === '' || rvParam === '0' ? undefined : Number(rvParam);
  if (fromRv !== undefined && !Number.isInteger(fromRv)) return sendStatus(req, res, badRequest(`resourceVersion: Invalid value: "${rvParam}": must be an integer`));
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  opts.onHead();
  const emit = (type: string, object: object) => res.write(JSON.stringify({ type, object }) + '\n');
  const bookmark = (annotations?: Record<string, string>) =>
    emit('BOOKMARK', { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: store.resourceVersion, ...(annotations ? { annotations } : {}) } });
  const onEvent = (e: StoreEvent) => {
    const was = e.previous !== undefined && match(e.previous);
    const is = e.type !== 'DELETED' && match(e.object);
    const type = e.type === 'DELETED' ? (was ? 'DELETED' : undefined) : was && is ? 'MODIFIED' : is ? 'ADDED' : was ? 'DELETED' : undefined;
    if (type) emit(type, withKind(info, e.object));
  };
  const tooOld = fromRv !== undefined && fromRv < store.compactedRv;
  if (opts.expired || tooOld) {
    emit('ERROR', expiredWatch(rvParam || store.resourceVersion));
    res.end();
    return;
  }
  const initial = q.get('sendInitialEvents') === 'true' || (fromRv === undefined && q.get('sendInitialEvents') !== 'false');
  if (initial) for (const o of store.listInfo(info, namespace).filter(match)) emit('ADDED', withKind(info, o));
  if (fromRv !== undefined) for (const e of store.eventsSince(info, fromRv)) onEvent(e);
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  if (bookmarks && q.get('sendInitialEvents') === 'true') bookmark({ 'k8s.io/initial-events-end': 'true' });

  const unsubscribe = store.subscribe((e) => e.info === info && onEvent(e));
  const timers: NodeJS.Timeout[] = [];
  if (bookmarks) timers.push(setInterval(() => bookmark(), opts.bookmarkIntervalMs));
  const timeoutSeconds = Number(q.get('timeoutSeconds') ?? 0);
  if (timeoutSeconds > 0) timers.push(setTimeout(() => res.end(), timeoutSeconds * 1000));
  if (opts.dropAfterMs !== undefined) timers.push(setTimeout(() => res.socket?.destroy(), opts.dropAfterMs));
  res.on('close', () => {
    unsubscribe();
    timers.forEach((t) => clearTimeout(t));
  });
}
