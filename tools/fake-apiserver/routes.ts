// URL → what is being asked for, the way the apiserver's RequestInfo resolver splits paths.
import type { KindRegistry, ResourceInfo } from './kinds.js';
import type { Verb } from './types.js';

export type Route =
  | { type: 'version' }
  | { type: 'api' }
  | { type: 'apis' }
  | { type: 'group'; group: string }
  | { type: 'resources'; group: string; version: string }
  | { type: 'object'; info: ResourceInfo; namespace?: string; name?: string; sub?: string; watchPath: boolean }
  | { type: 'unknown' };

export function route(pathname: string, kinds: KindRegistry, hidden: string[]): Route {
  const segs = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segs.length === 1 && segs[0] === 'version') return { type: 'version' };
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { type: 'api' };
    if (segs[1] !== 'v1') return { type: 'unknown' };
    [group, version, rest] = ['', 'v1', segs.slice(2)];
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { type: 'apis' };
    if (hidden.includes(segs[1])) return { type: 'unknown' };
    if (segs.length === 2) return { type: 'group', group: segs[1] };
    [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
  } else return { type: 'unknown' };
  if (rest.length === 0) return { type: 'resources', group, version };

  let watchPath = false;
  if (rest[0] === 'watch') [watchPath, rest] = [true, rest.slice(1)];
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && kinds.byPath(group, version, rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub, ...extra] = rest;
  const info = plural === undefined ? undefined : kinds.byPath(group, version, plural);
  if (!info || extra.length) return { type: 'unknown' };
  if (info.namespaced === false && namespace !== undefined) return { type: 'unknown' };
  if (info.namespaced && namespace === undefined && name !== undefined) return { type: 'unknown' };
  if (sub !== undefined && !info.subresources.includes(sub)) return { type: 'unknown' };
  return { type: 'object', info, namespace, name, sub, watchPath };
}

export function verbOf(method: string, r: Route, watchQuery: boolean): Verb {
  if (r.type !== 'object') return method === 'GET' ? 'discovery' : methodVerb(method, false);
  if (r.sub === 'exec' || r.sub === 'portforward' || r.sub === 'attach') return 'connect';
  if (method === 'GET') return r.name ? 'get' : r.watchPath || watchQuery ? 'watch' : 'list';
  return methodVerb(method, r.name === undefined);
}

function methodVerb(method: string, collection: boolean): Verb {
  switch (method) {
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return collection ? 'deletecollection' : 'delete';
    default: return 'get';
  }
}
