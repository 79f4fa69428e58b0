// Linkerd policy resources (policy.linkerd.io) and the small pieces of data their rules share: kind keys,
// the accessPolicy values, the label/annotation placement rules of `linkerd check`, and CIDR arithmetic
// for NetworkAuthentication `networks`/`except`.

export const LINKERD_POLICY_GROUP = 'policy.linkerd.io';
export const kindOf = (kind: string) => `${LINKERD_POLICY_GROUP}/${kind}`;
export const AUTHORIZATION_POLICY_KIND = kindOf('AuthorizationPolicy');
export const MESH_TLS_AUTHENTICATION_KIND = kindOf('MeshTLSAuthentication');
export const NETWORK_AUTHENTICATION_KIND = kindOf('NetworkAuthentication');
export const SERVER_KIND = kindOf('Server');
export const SERVER_AUTHORIZATION_KIND = kindOf('ServerAuthorization');

/** Server `accessPolicy` values (and the proxy's default inbound policies). */
export const ACCESS_POLICIES = ['all-authenticated', 'all-unauthenticated', 'cluster-authenticated', 'cluster-unauthenticated', 'deny', 'audit'] as const;

/** Keys Linkerd reads only from annotations; `linkerd check` warns when they are written as labels. */
export function isLinkerdAnnotationKey(key: string): boolean {
  return key.startsWith('config.linkerd.io') || key.startsWith('config.alpha.linkerd.io') || key === 'linkerd.io/inject';
}

/** The multicluster export marker, which Linkerd reads only from Service labels. */
export const MIRROR_EXPORTED = 'mirror.linkerd.io/exported';

export interface Cidr {
  family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  address: bigint;
  prefix: number;
}

/** Parse `10.0.0.0/8`, `fd00::/8` or a bare address (a host network: /32 or /128). */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseIPv4(ip);
  const family: 4 | 6 | undefined = v4 !== undefined ? 4 : undefined;
  const address = v4 ?? parseIPv6(ip);
  if (address === undefined) return undefined;
  const bits = (family ?? 6) === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^(0|[1-9][0-9]*)$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { family: family ?? 6, address, prefix };
}

/** Whether network `outer` contains every address of `inner` (same family). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const bits = outer.family === 4 ? 32 : 128;
  const shift = BigInt(bits - outer.prefix);
  return outer.address >> shift === inner.address >> shift;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  let s = text;
  let v4tail: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    v4tail = parseIPv4(s.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (![...left, ...right].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (v4tail !== undefined) value = (value & ~0xffffffffn) | v4tail;
  return value;
}
