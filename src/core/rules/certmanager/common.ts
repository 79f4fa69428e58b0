// Helpers shared by the cert-manager rules.
import type { Resource } from '../../yaml/resource';

/** What every webhook-rule message ends with: the consequence for mTLS. */
export const REJECTED = "cert-manager's webhook rejects the resource, so the certificate (and the mTLS identity it carries) is never issued or renewed";

/** `Certificate default/web` / `ClusterIssuer ca` for messages. */
export function describe(res: Resource): string {
  return res.namespace ? `${res.kind} ${res.namespace}/${res.name}` : `${res.kind} ${res.name}`;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes object names such as Secret names: DNS-1123 subdomain, at most 253 characters. */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return `it is ${name.length} characters long (at most 253)`;
  if (DNS1123_SUBDOMAIN.test(name)) return undefined;
  if (/[A-Z]/.test(name)) return 'it contains upper-case letters';
  const bad = /[^-a-z0-9.]/.exec(name);
  if (bad) return `it contains '${bad[0]}'`;
  return "each dot-separated part must start and end with a letter or digit";
}

/** A YAML scalar for a value a fix writes. */
export function scalar(text: string): string {
  const plainSafe = /^[A-Za-z0-9_./][A-Za-z0-9_./ -]*$/.test(text) && !/ $/.test(text);
  const looksTyped = /^(true|false|null|yes|no|on|off|y|n|~|[-+]?[0-9][0-9._]*)$/i.test(text);
  return plainSafe && !looksTyped ? text : JSON.stringify(text);
}

/** Go's net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 (with an optional trailing IPv4), no zone. */
export function isIPAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  if (!text.includes(':')) return false;
  let s = text;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    s = s.slice(0, lastColon + 1) + '0:0'; // an embedded IPv4 address counts as two groups
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (![...left, ...right].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = left.length + right.length;
  // '::' stands for at least one zero group; without it all eight groups must be written.
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** A bare RFC 5322 address as cert-manager accepts it: `local@domain`, no display name or angle brackets. */
export function isBareEmail(text: string): boolean {
  return /^[^\s<>()@,;:"[\]]+@[^\s<>()@,;:"[\]]+$/.test(text);
}
