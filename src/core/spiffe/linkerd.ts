// Linkerd identities. A meshed pod's identity is the DNS-like name
//   <serviceaccount>.<namespace>.serviceaccount.identity.<control-plane-namespace>.<identity-trust-domain>
// (e.g. `web.shop.serviceaccount.identity.linkerd.cluster.local`); its certificate also carries the SPIFFE
// form `spiffe://<trust-domain>/ns/<namespace>/sa/<serviceaccount>`. Policy resources
// (MeshTLSAuthentication, ServerAuthorization) accept either a SPIFFE ID or a DNS-like name whose first
// label may be `*`.
import { kubernetesIdentityOf, kubernetesSpiffeId, parseSpiffeId, SPIFFE_PREFIX, describeChar, type SpiffeIdProblem } from './id';

const SERVICEACCOUNT_INFIX = '.serviceaccount.identity.';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface LinkerdIdentity {
  serviceAccount: string;
  namespace: string;
  controlPlaneNamespace: string;
  trustDomain: string;
}

export function linkerdIdentity(serviceAccount: string, namespace: string, trustDomain = 'cluster.local', controlPlaneNamespace = 'linkerd'): string {
  return `${serviceAccount}.${namespace}${SERVICEACCOUNT_INFIX}${controlPlaneNamespace}.${trustDomain}`;
}

/**
 * Split a DNS-like Linkerd identity into its parts. Namespaces are DNS labels (no dots), so the label just
 * before `.serviceaccount.identity.` is the namespace and everything before it is the service account.
 */
export function parseLinkerdIdentity(name: string): LinkerdIdentity | undefined {
  const at = name.indexOf(SERVICEACCOUNT_INFIX);
  if (at <= 0) return undefined;
  const head = name.slice(0, at);
  const tail = name.slice(at + SERVICEACCOUNT_INFIX.length);
  const dot = head.lastIndexOf('.');
  const tailDot = tail.indexOf('.');
  if (dot <= 0 || dot === head.length - 1 || tailDot <= 0 || tailDot === tail.length - 1) return undefined;
  return {
    serviceAccount: head.slice(0, dot),
    namespace: head.slice(dot + 1),
    controlPlaneNamespace: tail.slice(0, tailDot),
    trustDomain: tail.slice(tailDot + 1),
  };
}

/** DNS-like identity → SPIFFE form (the identity trust domain unless another is given). */
export function linkerdIdentityToSpiffeId(name: string, spiffeTrustDomain?: string): string | undefined {
  const p = parseLinkerdIdentity(name);
  return p ? kubernetesSpiffeId(spiffeTrustDomain ?? p.trustDomain, p.namespace, p.serviceAccount) : undefined;
}

/** SPIFFE form (`/ns/<ns>/sa/<sa>` path) → DNS-like identity. */
export function spiffeIdToLinkerdIdentity(id: string, trustDomain?: string, controlPlaneNamespace = 'linkerd'): string | undefined {
  const r = parseSpiffeId(id);
  if (!r.ok) return undefined;
  const k = kubernetesIdentityOf(r.id);
  return k ? linkerdIdentity(k.serviceAccount, k.namespace, trustDomain ?? r.id.trustDomain, controlPlaneNamespace) : undefined;
}

/**
 * Validate an identity as Linkerd's policy admission does: a SPIFFE ID, or a DNS-like name of lower-case
 * labels where the first label may be `*`. Offsets in the problem are relative to `value`.
 */
export function linkerdIdentityProblem(value: string): SpiffeIdProblem | undefined {
  if (value.startsWith(SPIFFE_PREFIX) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const r = parseSpiffeId(value);
    return r.ok ? undefined : r.problem;
  }
  if (value === '') return { code: 'empty', message: 'the identity is empty', start: 0, end: 0 };
  let offset = 0;
  const labels = value.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    const end = offset + label.length;
    if (label === '') {
      return { code: 'empty-segment', message: "the name has an empty label ('..' or a '.' at an end)", start: Math.max(0, offset - 1), end: Math.min(value.length, offset + 1) };
    }
    if (!(i === 0 && label === '*') && !DNS_LABEL.test(label)) {
      return { code: 'path-char', message: labelMessage(label, i), start: offset + badIndex(label), end: offset + badIndex(label) + 1 };
    }
    offset = end + 1;
  }
  return undefined;
}

function labelMessage(label: string, index: number): string {
  const bad = label[badIndex(label)];
  if (bad === '*') return index === 0 ? "'*' must be the whole first label" : "'*' is only allowed as the whole first label";
  if (/[A-Z]/.test(bad)) return `the name contains the upper-case letter '${bad}'; identities are lower case`;
  if (bad === '-') return "a label must not start or end with '-'";
  return `the name contains ${describeChar(bad)}; labels may only use lower-case letters, digits and '-'`;
}

function badIndex(label: string): number {
  for (let k = 0; k < label.length; k++) {
    const ch = label[k];
    if (!/[a-z0-9-]/.test(ch)) return k;
  }
  return label.startsWith('-') ? 0 : label.length - 1; // only a leading/trailing '-' can be left
}
