// SPIFFE ID parsing and validation, following the SPIFFE ID specification (standards/SPIFFE-ID.md):
// `spiffe://<trust-domain><path>`, trust domain of [a-z0-9._-], path segments of [a-zA-Z0-9._-], no empty,
// `.` or `..` segments, no trailing `/`, no user info, port, query or fragment, 2048 bytes at most overall
// and 255 bytes for the trust domain. Every problem carries the offsets of the offending text, so an editor
// can underline exactly the bad part.

export const SPIFFE_PREFIX = 'spiffe://';
export const MAX_SPIFFE_ID_BYTES = 2048;
export const MAX_TRUST_DOMAIN_BYTES = 255;

export type SpiffeIdProblemCode =
  | 'empty'
  | 'missing-scheme'
  | 'wrong-scheme'
  | 'scheme-case'
  | 'missing-trust-domain'
  | 'trust-domain-char'
  | 'trust-domain-uppercase'
  | 'trust-domain-too-long'
  | 'user-info'
  | 'port'
  | 'query'
  | 'fragment'
  | 'empty-segment'
  | 'dot-segment'
  | 'trailing-slash'
  | 'path-char'
  | 'percent-encoding'
  | 'too-long';

export interface SpiffeIdProblem {
  code: SpiffeIdProblemCode;
  /** One sentence, without the ID itself, e.g. "the trust domain contains ':' (a port is not allowed)". */
  message: string;
  /** Offsets [start, end) of the offending text inside the checked string (never empty unless the string is). */
  start: number;
  end: number;
}

export interface SpiffeId {
  /** The whole ID, `spiffe://td/path`. */
  readonly uri: string;
  readonly trustDomain: string;
  /** The path including its leading `/`, or '' for a trust-domain-only ID. */
  readonly path: string;
  readonly segments: readonly string[];
}

export type SpiffeIdResult = { ok: true; id: SpiffeId } | { ok: false; problem: SpiffeIdProblem };

const TRUST_DOMAIN_CHAR = /[a-z0-9._-]/;
const PATH_CHAR = /[a-zA-Z0-9._-]/;

/** Parse a SPIFFE ID; on failure, the first problem found scanning left to right. */
export function parseSpiffeId(text: string): SpiffeIdResult {
  const problem = (code: SpiffeIdProblemCode, message: string, start: number, end: number): SpiffeIdResult => ({
    ok: false,
    problem: { code, message, start, end: Math.max(end, Math.min(start + 1, text.length)) },
  });
  if (text === '') return problem('empty', 'it is empty', 0, 0);

  if (!text.startsWith(SPIFFE_PREFIX)) {
    if (text.slice(0, SPIFFE_PREFIX.length).toLowerCase() === SPIFFE_PREFIX) {
      return problem('scheme-case', "the scheme must be written in lower case, 'spiffe://'", 0, 6);
    }
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text);
    if (scheme && scheme[1].toLowerCase() === 'spiffe') {
      return problem('wrong-scheme', "the scheme must be followed by '//' and the trust domain", 0, scheme[0].length);
    }
    if (scheme) return problem('wrong-scheme', `the scheme is '${scheme[1]}', it must be 'spiffe'`, 0, scheme[1].length);
    return problem('missing-scheme', "it does not start with 'spiffe://'", 0, text.length);
  }

  // Authority: up to the first '/', '?' or '#'.
  const tdStart = SPIFFE_PREFIX.length;
  let tdEnd = tdStart;
  while (tdEnd < text.length && !'/?#'.includes(text[tdEnd])) tdEnd++;
  const td = text.slice(tdStart, tdEnd);
  if (td === '') return problem('missing-trust-domain', 'the trust domain is missing', 0, tdStart);
  const tdProblem = trustDomainProblem(td);
  if (tdProblem) {
    return problem(tdProblem.code, tdProblem.message, tdStart + tdProblem.start, tdStart + tdProblem.end);
  }

  // Path: segments separated by '/', up to a '?' or '#' (both forbidden).
  const segments: string[] = [];
  let i = tdEnd;
  while (i < text.length) {
    const c = text[i];
    if (c === '?') return problem('query', 'a query (?…) is not allowed', i, endOfQuery(text, i));
    if (c === '#') return problem('fragment', 'a fragment (#…) is not allowed', i, text.length);
    // c is '/': read one segment.
    let j = i + 1;
    while (j < text.length && !'/?#'.includes(text[j])) j++;
    const seg = text.slice(i + 1, j);
    if (seg === '') {
      if (j === text.length) return problem('trailing-slash', "the path must not end with '/'", i, i + 1);
      if (text[j] === '/') return problem('empty-segment', "the path has an empty segment ('//')", i, j + 1);
      // a '?' or '#' right after the slash: report that instead, it is the real problem
    } else if (seg === '.' || seg === '..') {
      return problem('dot-segment', `the path must not contain a '${seg}' segment`, i + 1, j);
    } else {
      for (let k = 0; k < seg.length; k++) {
        const ch = seg[k];
        if (PATH_CHAR.test(ch)) continue;
        const at = i + 1 + k;
        if (ch === '%') return problem('percent-encoding', "percent-encoding ('%') is not allowed in the path", at, Math.min(seg.length + i + 1, at + 3));
        return problem('path-char', `the path contains ${describeChar(ch)}; path segments may only use letters, digits, '.', '-' and '_'`, at, at + ch.length);
      }
      segments.push(seg);
    }
    i = j;
  }

  if (utf8Length(text) > MAX_SPIFFE_ID_BYTES) {
    return problem('too-long', `it is ${utf8Length(text)} bytes long, more than the ${MAX_SPIFFE_ID_BYTES} allowed`, MAX_SPIFFE_ID_BYTES, text.length);
  }
  return { ok: true, id: { uri: text, trustDomain: td, path: text.slice(tdEnd), segments } };
}

/** Validate a bare trust domain name (e.g. `example.org`); offsets are relative to `td`. */
export function trustDomainProblem(td: string): SpiffeIdProblem | undefined {
  if (td === '') return { code: 'missing-trust-domain', message: 'the trust domain is empty', start: 0, end: 0 };
  const at = td.indexOf('@');
  if (at >= 0) return { code: 'user-info', message: "user info ('…@') is not allowed before the trust domain", start: 0, end: at + 1 };
  const colon = td.indexOf(':');
  if (colon >= 0) {
    return { code: 'port', message: "a port (':…') is not allowed after the trust domain", start: colon, end: td.length };
  }
  for (let k = 0; k < td.length; k++) {
    const ch = td[k];
    if (TRUST_DOMAIN_CHAR.test(ch)) continue;
    if (/[A-Z]/.test(ch)) {
      return { code: 'trust-domain-uppercase', message: `the trust domain contains the upper-case letter '${ch}'; trust domains are lower case`, start: k, end: k + 1 };
    }
    return {
      code: 'trust-domain-char',
      message: `the trust domain contains ${describeChar(ch)}; only lower-case letters, digits, '.', '-' and '_' are allowed`,
      start: k,
      end: k + ch.length,
    };
  }
  const bytes = utf8Length(td);
  if (bytes > MAX_TRUST_DOMAIN_BYTES) {
    return { code: 'trust-domain-too-long', message: `the trust domain is ${bytes} bytes long, more than the ${MAX_TRUST_DOMAIN_BYTES} allowed`, start: 0, end: td.length };
  }
  return undefined;
}

export function isSpiffeId(text: string): boolean {
  return parseSpiffeId(text).ok;
}

/** `spiffe://<td>/ns/<ns>/sa/<sa>`: the Kubernetes convention used by Istio, Linkerd and most SPIRE setups. */
export function kubernetesSpiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${SPIFFE_PREFIX}${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** Namespace and service account of an ID whose path is exactly `/ns/<ns>/sa/<sa>`. */
export function kubernetesIdentityOf(id: SpiffeId): { namespace: string; serviceAccount: string } | undefined {
  const s = id.segments;
  if (s.length === 4 && s[0] === 'ns' && s[2] === 'sa') return { namespace: s[1], serviceAccount: s[3] };
  return undefined;
}

export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function endOfQuery(text: string, from: number): number {
  const hash = text.indexOf('#', from);
  return hash < 0 ? text.length : hash;
}
