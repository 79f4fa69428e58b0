// Linkerd's answer to "is mTLS on": meshed pods always talk mTLS to each other, but what a pod *accepts*
// is its inbound policy. Ports covered by a Server follow the Server's authorizations (or its
// accessPolicy, default deny); other ports follow the default inbound policy from the pod annotation
// config.linkerd.io/default-inbound-policy, else the namespace's, else the cluster default
// (all-unauthenticated). We map that onto the Istio words the rest of the status uses:
// plaintext accepted → PERMISSIVE, only meshed (authenticated) clients → STRICT.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import { LINKERD_POLICY_GROUP } from '../model/linkerd';
import type { MtlsMode } from '../mesh/peer-authentication';
import { matchSelector, type Workload } from '../mesh/workloads';
import { containerPortsOf } from '../mesh/services';

export const LINKERD_INJECT = 'linkerd.io/inject';
export const DEFAULT_INBOUND_POLICY = 'config.linkerd.io/default-inbound-policy';
/** Linkerd's install default (proxy.defaultInboundPolicy). */
export const CLUSTER_DEFAULT_POLICY = 'all-unauthenticated';

export interface LinkerdPort {
  port: number;
  mode: MtlsMode;
  server: Resource;
  /** Authorizations that target the Server, and what they require. */
  authorizations: { resource: Resource; requires: 'mtls' | 'network' | 'nothing' }[];
  note: string;
}

export interface LinkerdAnswer {
  /** The default inbound policy that applies to ports no Server covers. */
  defaultPolicy: string;
  /** Where it came from: the pod annotation, the Namespace annotation, or Linkerd's install default. */
  policySource: { resource?: Resource; note: string };
  mode: MtlsMode;
  ports: LinkerdPort[];
  /** The identity Linkerd issues the pod: <sa>.<ns>.serviceaccount.identity.linkerd.<trust domain>. */
  identity: string;
}

export function policyMode(policy: string): MtlsMode {
  return policy === 'all-authenticated' || policy === 'cluster-authenticated' || policy === 'deny' ? 'STRICT' : 'PERMISSIVE';
}

export function linkerdIdentity(w: Workload, trustDomain: string): string {
  return `${w.serviceAccount}.${w.namespace}.serviceaccount.identity.linkerd.${trustDomain}`;
}

/** Whether a manifest asks for the Linkerd proxy (pod template annotation, else the Namespace annotation). */
export function linkerdInjectionRequested(w: Workload, ns: Resource | undefined): boolean {
  const pod = w.annotations[LINKERD_INJECT];
  if (pod !== undefined) return pod === 'enabled' || pod === 'ingress';
  return ns?.annotations[LINKERD_INJECT] === 'enabled';
}

export function linkerdAnswer(index: ResourceIndex, w: Workload, ns: Resource | undefined, trustDomain: string): LinkerdAnswer {
  let defaultPolicy = CLUSTER_DEFAULT_POLICY;
  let policySource: LinkerdAnswer['policySource'] = { note: `no ${DEFAULT_INBOUND_POLICY} annotation on the pod or namespace: Linkerd's install default ${CLUSTER_DEFAULT_POLICY} applies` };
  if (w.annotations[DEFAULT_INBOUND_POLICY]) {
    defaultPolicy = w.annotations[DEFAULT_INBOUND_POLICY];
    policySource = { resource: w.resource, note: `the pod annotation ${DEFAULT_INBOUND_POLICY}: ${defaultPolicy}` };
  } else if (ns?.annotations[DEFAULT_INBOUND_POLICY]) {
    defaultPolicy = ns.annotations[DEFAULT_INBOUND_POLICY];
    policySource = { resource: ns, note: `namespace ${ns.name} annotation ${DEFAULT_INBOUND_POLICY}: ${defaultPolicy}` };
  }
  const ports: LinkerdPort[] = [];
  for (const server of serversSelecting(index, w)) {
    const port = serverPort(server, w);
    if (port === undefined) continue;
    const authorizations = authorizationsOf(index, server);
    let mode: MtlsMode;
    let note: string;
    if (authorizations.length) {
      const plaintext = authorizations.some((a) => a.requires !== 'mtls');
      mode = plaintext ? 'PERMISSIVE' : 'STRICT';
      note = plaintext ? `an authorization on Server ${server.name} admits unauthenticated clients` : `Server ${server.name} admits only clients with a mesh identity`;
    } else {
      const access = String(server.get(['spec', 'accessPolicy']) ?? 'deny');
      mode = policyMode(access);
      note = `Server ${server.name} has no authorization, so its accessPolicy ${access} decides`;
    }
    ports.push({ port, mode, server, authorizations, note });
  }
  return { defaultPolicy, policySource, mode: policyMode(defaultPolicy), ports, identity: linkerdIdentity(w, trustDomain) };
}

export function serversSelecting(index: ResourceIndex, w: Workload): Resource[] {
  return index
    .ofKind(LINKERD_POLICY_GROUP, 'Server')
    .filter((s) => (s.namespace ?? w.namespace) === w.namespace && s.get(['spec', 'podSelector']) && matchSelector(s.get(['spec', 'podSelector']), w.labels));
}

/** The container port a Server names (number, or a container port name of this workload). */
export function serverPort(server: Resource, w: Workload): number | undefined {
  const p = server.get(['spec', 'port']);
  if (typeof p === 'number') return p;
  if (typeof p === 'string' && /^\d+$/.test(p)) return Number(p);
  return containerPortsOf(w).find((c) => c.name === p)?.port;
}

/** AuthorizationPolicies (targetRef Server) and legacy ServerAuthorizations (spec.server.name) of a Server. */
export function authorizationsOf(index: ResourceIndex, server: Resource): LinkerdPort['authorizations'] {
  const ns = server.namespace;
  const out: LinkerdPort['authorizations'] = [];
  for (const ap of index.ofKind(LINKERD_POLICY_GROUP, 'AuthorizationPolicy')) {
    const t = ap.get(['spec', 'targetRef']);
    if (ap.namespace !== ns || t?.kind !== 'Server' || t?.name !== server.name) continue;
    const refs = ap.get(['spec', 'requiredAuthenticationRefs']);
    const kinds = Array.isArray(refs) ? refs.map((r: any) => String(r?.kind ?? '')) : [];
    const requires = kinds.some((k) => k === 'MeshTLSAuthentication' || k === 'ServiceAccount') ? 'mtls' : kinds.includes('NetworkAuthentication') ? 'network' : 'nothing';
    out.push({ resource: ap, requires });
  }
  for (const sa of index.ofKind(LINKERD_POLICY_GROUP, 'ServerAuthorization')) {
    if (sa.namespace !== ns || sa.get(['spec', 'server', 'name']) !== server.name) continue;
    const client = sa.get(['spec', 'client']) ?? {};
    out.push({ resource: sa, requires: client.unauthenticated === true ? 'nothing' : client.meshTLS ? 'mtls' : client.networks ? 'network' : 'nothing' });
  }
  return out;
}

/** Identities a Linkerd AuthorizationPolicy admits, from its MeshTLSAuthentication references. */
export function identitiesAllowed(index: ResourceIndex, ap: Resource): { identities: string[]; unauthenticated: boolean } {
  const refs = ap.get(['spec', 'requiredAuthenticationRefs']);
  const identities: string[] = [];
  let unauthenticated = !Array.isArray(refs) || refs.length === 0;
  for (const ref of Array.isArray(refs) ? refs : []) {
    if (ref?.kind === 'MeshTLSAuthentication') {
      const m = index.find(LINKERD_POLICY_GROUP, 'MeshTLSAuthentication', ref.namespace ?? ap.namespace, String(ref.name));
      const ids = m?.get(['spec', 'identities']);
      if (Array.isArray(ids)) identities.push(...ids.map(String));
      const sas = m?.get(['spec', 'identityRefs']);
      if (Array.isArray(sas)) identities.push(...sas.map((s: any) => `${s?.name ?? '*'}.${s?.namespace ?? ap.namespace}.serviceaccount (ref)`));
    } else if (ref?.kind === 'ServiceAccount') {
      identities.push(`${ref.name}.${ref.namespace ?? ap.namespace}.serviceaccount`);
    } else if (ref?.kind === 'NetworkAuthentication') {
      unauthenticated = true;
    }
  }
  return { identities, unauthenticated };
}
