// Istio principals: a SPIFFE ID without its `spiffe://` scheme (`<td>/ns/<ns>/sa/<sa>`). In
// AuthorizationPolicy `principals`/`notPrincipals` (and the `source.principal` condition) Istio also accepts
// `*` alone (any authenticated peer), or a single `*` at the start (suffix match) or the end (prefix match).
import { parseSpiffeId, SPIFFE_PREFIX, type SpiffeId, type SpiffeIdProblem } from './id';

export type PrincipalMatch = 'exact' | 'any' | 'prefix' | 'suffix';

export type PrincipalResult =
  | { ok: true; match: PrincipalMatch; /** The parsed ID for an exact principal. */ id?: SpiffeId }
  | { ok: false; /** Offsets are relative to the principal string. */ problem: SpiffeIdProblem };

/**
 * Validate an Istio principal. Wildcard forms are checked by validating the literal part as if the `*`
 * stood for one ordinary character, so `cluster.local/ns/foo/*` passes and `cluster.local//*` does not.
 */
export function parseIstioPrincipal(principal: string): PrincipalResult {
  if (principal === '*') return { ok: true, match: 'any' };
  if (principal === '') return { ok: false, problem: { code: 'empty', message: 'the principal is empty', start: 0, end: 0 } };

  let match: PrincipalMatch = 'exact';
  let body = principal;
  if (principal.startsWith('*')) {
    match = 'suffix';
    body = 'x' + principal.slice(1);
  } else if (principal.endsWith('*')) {
    match = 'prefix';
    body = principal.slice(0, -1) + 'x';
  }
  const star = body.indexOf('*');
  if (star >= 0) {
    return {
      ok: false,
      problem: { code: 'path-char', message: "'*' is only a wildcard at the very start or end of a principal", start: star, end: star + 1 },
    };
  }
  // A prefix wildcard right after a '/' (`td/ns/foo/*`) is fine; one right after the trust domain's end
  // (`td*`) would be checked as part of the trust domain, which is what Istio does too.
  const r = parseSpiffeId(SPIFFE_PREFIX + body);
  if (!r.ok) {
    const shift = SPIFFE_PREFIX.length;
    const p = r.problem;
    const start = Math.max(0, p.start - shift);
    const end = Math.max(start, Math.min(principal.length, p.end - shift));
    const message = p.code === 'missing-trust-domain' ? 'the trust domain (before the first /) is missing' : p.message;
    return { ok: false, problem: { ...p, message, start, end: end === start && principal.length > start ? start + 1 : end } };
  }
  return match === 'exact' ? { ok: true, match, id: r.id } : { ok: true, match };
}

/** `spiffe://td/ns/a/sa/b` → `td/ns/a/sa/b`. Returns the input unchanged when it has no spiffe scheme. */
export function spiffeIdToPrincipal(id: string | SpiffeId): string {
  const uri = typeof id === 'string' ? id : id.uri;
  return uri.startsWith(SPIFFE_PREFIX) ? uri.slice(SPIFFE_PREFIX.length) : uri;
}

/** `td/ns/a/sa/b` → `spiffe://td/ns/a/sa/b` (wildcards are kept as they are). */
export function principalToSpiffeId(principal: string): string {
  return principal.startsWith(SPIFFE_PREFIX) ? principal : SPIFFE_PREFIX + principal;
}

export function istioPrincipal(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** Whether an Istio principal pattern matches a concrete principal, the way Istio's string matcher does. */
export function principalMatches(pattern: string, principal: string): boolean {
  if (pattern === '*') return principal !== '';
  if (pattern.startsWith('*')) return principal.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return principal.startsWith(pattern.slice(0, -1));
  return pattern === principal;
}
