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
