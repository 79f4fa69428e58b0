// What an Istio policy document does to the workloads around it: which units a PeerAuthentication reaches
// and which of them override it, whom an AuthorizationPolicy allows or blocks (and what plaintext does to
// that), and which client namespaces a DestinationRule's TLS setting actually reaches.
import type { Resource } from '../yaml/resource';
import { meshView, type MeshView } from '../mesh/view';
import { classifyPa, type MtlsMode } from '../mesh/peer-authentication';
import { authorizationPolicies, appliesTo, type AppliedPolicy } from '../mesh/authz';
import { istioMatch } from '../mesh/identities';
import { sourcesOf } from '../model/istio';
import { destinationRulesFor, destinationRulesOf } from '../mesh/destination-rule';
import { servicesOf } from '../mesh/services';
import { matchLabels } from '../mesh/workloads';
import { representative, unitLabels, workloadUnits, type WorkloadUnit } from './units';
import { workloadStatus, type StatusInputs, type WorkloadStatus } from './workload';

export interface PeerAuthenticationStatus {
  mode: string;
  level: 'mesh' | 'namespace' | 'workload' | 'ignored';
  /** Units whose chain includes this policy. */
  applies: WorkloadStatus[];
  /** Of those, the ones where a more specific policy sets the mode instead. */
  overridden: WorkloadStatus[];
  /** Units it would reach but where Istio drops it (a duplicate, or a selector in the root namespace), with why. */
  ignored: { status: WorkloadStatus; reason: string }[];
  /** Of `applies`, those with no proxy: the policy is not enforced there. */
  unmeshed: WorkloadStatus[];
}

export function statusesOf(inputs: StatusInputs, units: WorkloadUnit[]): WorkloadStatus[] {
  return units.filter((u) => representative(u)).map((u) => workloadStatus(inputs, u));
}

function unitsInScope(view: MeshView, inputs: StatusInputs, namespace: string | undefined, selector: Record<string, string> | undefined): WorkloadUnit[] {
  const table = workloadUnits(inputs.index, inputs.settings.defaultNamespace);
  const pool = namespace === undefined ? table.all : (table.byNamespace.get(namespace) ?? []);
  return pool.filter((u) => representative(u) && (!selector || matchLabels(selector, unitLabels(u))));
}

export function peerAuthenticationStatus(inputs: StatusInputs, res: Resource): PeerAuthenticationStatus {
  const view = meshView(inputs.index, inputs.settings);
  const pa = classifyPa(res, view.mesh);
  const scopeNs = pa.level === 'mesh' ? undefined : pa.namespace;
  const units = unitsInScope(view, inputs, scopeNs, pa.selector);
  const out: PeerAuthenticationStatus = { mode: pa.mode, level: pa.level, applies: [], overridden: [], ignored: [], unmeshed: [] };
  for (const st of statusesOf(inputs, units)) {
    const e = st.current.istio;
    if (!e) continue; // a Linkerd workload: Istio policy does not reach it
    const dropped = e.ignored.find((i) => i.resource === res);
    if (dropped) {
      out.ignored.push({ status: st, reason: dropped.reason });
      continue;
    }
    const at = e.chain.findIndex((s) => s.resource === res);
    if (at < 0) continue;
    out.applies.push(st);
    if (e.chain.slice(at + 1).some((s) => s.resource !== res && s.mode !== 'UNSET')) out.overridden.push(st);
    if (st.dataplane === 'none') out.unmeshed.push(st);
  }
  return out;
}

export interface AuthorizationStatus {
  action: string;
  applies: WorkloadStatus[];
  /** Known identities (principals of the workloads' service accounts) a rule's source matches. */
  identities: string[];
  /** A rule without `from` matches every source, plaintext included. */
  anySource: boolean;
  /** No rules at all: ALLOW with no rules denies everything, DENY with no rules denies nothing. */
  noRules: boolean;
  /** Some rule's source uses only positive principals/namespaces: plaintext (no identity) never matches it. */
  positiveOnly: boolean;
  /** Some rule's source uses notPrincipals/notNamespaces: a missing identity fails the positive match, so plaintext matches. */
  negative: boolean;
  /** Units the policy applies to that accept plaintext (PERMISSIVE, DISABLE or no proxy). */
  plaintextAccepted: WorkloadStatus[];
}

export function authorizationStatus(inputs: StatusInputs, res: Resource): AuthorizationStatus | undefined {
  const view = meshView(inputs.index, inputs.settings);
  const applied = authorizationPolicies(view).find((p) => p.policy.resource === res);
  if (!applied) return undefined;
  const units = unitsInScope(view, inputs, applied.policy.namespace === view.mesh.rootNamespace ? undefined : applied.policy.namespace, undefined).filter((u) =>
    appliesTo(applied, representative(u)!, view) || appliesTo(applied, { ...representative(u)!, labels: unitLabels(u) }, view),
  );
  const applies = statusesOf(inputs, units);
  const { identities, anySource, positiveOnly, negative } = sourcesSummary(applied, inputs);
  return {
    action: applied.policy.action,
    applies,
    identities,
    anySource,
    noRules: !applied.policy.rules?.length,
    positiveOnly,
    negative,
    plaintextAccepted: applies.filter((s) => s.current.mode !== 'STRICT'),
  };
}

function sourcesSummary(applied: AppliedPolicy, inputs: StatusInputs) {
  const view = meshView(inputs.index, inputs.settings);
  const td = view.mesh.trustDomain;
  const known = new Set<string>();
  for (const u of workloadUnits(inputs.index, inputs.settings.defaultNamespace).all) {
    const w = representative(u);
    if (w) known.add(`${td}/ns/${w.namespace}/sa/${w.serviceAccount}`);
  }
  for (const sa of inputs.index.ofKind('', 'ServiceAccount')) known.add(`${td}/ns/${sa.namespace ?? inputs.settings.defaultNamespace}/sa/${sa.name}`);
  const rules = applied.policy.rules ?? [];
  const anySource = rules.some((r) => !Array.isArray(r.rule?.from) || r.rule.from.length === 0);
  const sources = sourcesOf(applied.policy);
  const list = (s: Record<string, any>, k: string): string[] => (Array.isArray(s[k]) ? s[k].map(String) : []);
  let positiveOnly = false;
  let negative = false;
  const identities = new Set<string>();
  for (const { source } of sources) {
    const principals = list(source, 'principals');
    const namespaces = list(source, 'namespaces');
    const notP = list(source, 'notPrincipals');
    const notN = list(source, 'notNamespaces');
    if (notP.length || notN.length) negative = true;
    else if (principals.length || namespaces.length) positiveOnly = true;
    for (const id of known) {
      const ns = id.split('/')[2];
      if (principals.length && !principals.some((p) => istioMatch(p, id))) continue;
      if (namespaces.length && !namespaces.some((p) => istioMatch(p, ns))) continue;
      if (notP.some((p) => istioMatch(p, id)) || notN.some((p) => istioMatch(p, ns))) continue;
      identities.add(id);
    }
  }
  if (anySource) for (const id of known) identities.add(id);
  return { identities: [...identities].sort(), anySource, positiveOnly, negative };
}

export interface DestinationRuleStatus {
  host: string;
  /** The TLS mode the rule sets at the top level, or undefined (auto-mTLS or plaintext decides). */
  mode: string | undefined;
  fallback: 'auto-mTLS' | 'plaintext';
  /** Client namespaces whose lookup picks this rule. */
  clientNamespaces: string[];
  /** Client namespaces that pick another rule for the same host instead, with it. */
  hiddenBy: { namespace: string; rule: Resource }[];
  /** Workloads behind the host that are STRICT while the rule sends plaintext (DISABLE/SIMPLE). */
  conflicts: WorkloadStatus[];
  servers: WorkloadStatus[];
}

export function destinationRuleStatus(inputs: StatusInputs, res: Resource): DestinationRuleStatus | undefined {
  const view = meshView(inputs.index, inputs.settings);
  const dr = destinationRulesOf(inputs.index, view.mesh).all.find((d) => d.resource === res);
  if (!dr) return undefined;
  const tlsMode = res.get(['spec', 'trafficPolicy', 'tls', 'mode']);
  const mode = typeof tlsMode === 'string' ? tlsMode : undefined;
  // Hosts to look up: the rule's own name, or for a wildcard the Services it covers.
  const services = servicesOf(inputs.index, view.mesh).all.filter((s) => (dr.host.includes('*') ? s.fqdn.endsWith(dr.host.replace(/^\*/, '')) || dr.host === '*' : s.fqdn === dr.host));
  const targets = dr.host.includes('*') ? services.map((s) => ({ fqdn: s.fqdn, ns: s.namespace })) : [{ fqdn: dr.host, ns: services[0]?.namespace ?? dr.host.split('.')[1] ?? dr.namespace }];
  const clientNamespaces: string[] = [];
  const hiddenBy: DestinationRuleStatus['hiddenBy'] = [];
  for (const ns of [...view.namespaces].sort()) {
    let picked = false;
    let other: Resource | undefined;
    for (const t of targets) {
      const { chosen } = destinationRulesFor(inputs.index, view.mesh, ns, t.fqdn, t.ns);
      if (chosen.some((c) => c.resource === res)) picked = true;
      else if (chosen[0]) other ??= chosen[0].resource;
    }
    if (picked) clientNamespaces.push(ns);
    else if (other) hiddenBy.push({ namespace: ns, rule: other });
  }
  const backing = services.flatMap((s) => (s.selector ? unitsInScope(view, inputs, s.namespace, s.selector) : []));
  const servers = statusesOf(inputs, [...new Set(backing)]);
  const plaintext: boolean = mode === 'DISABLE' || mode === 'SIMPLE';
  const conflicts = plaintext ? servers.filter((s) => s.current.policyMode === ('STRICT' as MtlsMode) && s.dataplane !== 'none') : [];
  return { host: dr.host, mode, fallback: view.mesh.autoMtls ? 'auto-mTLS' : 'plaintext', clientNamespaces, hiddenBy, conflicts, servers };
}
