// The CodeLens texts: one line per document kind that says what it really does to mTLS, plus a lens per
// container port whose mode differs from the workload's. Pure: the editor adds ranges and commands, the
// CLI and tests read the same strings.
import type { Resource } from '../yaml/resource';
import { isWorkloadKind } from '../mesh/workloads';
import { servicesOf, workloadsBehind } from '../mesh/services';
import { meshConfigOf } from '../mesh/mesh-config';
import { LINKERD_POLICY_GROUP } from '../model/linkerd';
import { controllerOf, unitKey, workloadUnits, asWorkload, type WorkloadUnit } from './units';
import { differs, isMeshed, workloadStatus, type StatusInputs, type WorkloadStatus } from './workload';
import { authorizationStatus, destinationRuleStatus, peerAuthenticationStatus } from './policies';
import { certificateStatus, clusterSpiffeIdStatus, daysText, linkerdAuthorizationStatus, linkerdServerStatus, timeLeft } from './identity-kinds';
import { podsPhrase, modePhrase, plural, sourcePhrase, shortList } from './phrases';

/** "after apply: 1 workload changes mode". */
function afterApply(n: number): string {
  return `after apply: ${plural(n, 'workload')} ${n === 1 ? 'changes' : 'change'} mode`;
}

export interface StatusLens {
  title: string;
  tooltip: string;
}

export interface LensOptions {
  /** The cluster's copy of an object, when connected (certificate status, live pods of a manifest Pod). */
  liveCopyOf?: (res: Resource) => Resource | undefined;
}

/** Every lens for one document; [] for kinds the status has nothing to say about. */
export function statusLenses(inputs: StatusInputs, res: Resource, opts: LensOptions = {}): StatusLens[] {
  if (!res.kind || !res.name) return [];
  if (isWorkloadKind(res.kind) && asWorkload(res, inputs.settings.defaultNamespace)) {
    const st = statusOfDocument(inputs, res, opts);
    return st ? workloadLenses(inputs, st) : [];
  }
  const g = res.group;
  if (g === '' && res.kind === 'Service') return serviceLenses(inputs, res);
  if (g === 'security.istio.io' && res.kind === 'PeerAuthentication') return peerAuthenticationLenses(inputs, res);
  if (g === 'security.istio.io' && res.kind === 'AuthorizationPolicy') return authorizationLenses(inputs, res);
  if (g === 'networking.istio.io' && res.kind === 'DestinationRule') return destinationRuleLenses(inputs, res);
  if (g === 'cert-manager.io' && res.kind === 'Certificate') return certificateLenses(inputs, res, opts);
  if (g === LINKERD_POLICY_GROUP && res.kind === 'Server') return linkerdServerLenses(inputs, res);
  if (g === LINKERD_POLICY_GROUP && res.kind === 'AuthorizationPolicy') return linkerdAuthorizationLenses(inputs, res);
  if (g === 'spire.spiffe.io' && res.kind === 'ClusterSPIFFEID') return spiffeIdLenses(inputs, res);
  return [];
}

/** The status of the workload a document describes (its unit in the index the inputs name). */
export function statusOfDocument(inputs: StatusInputs, res: Resource, opts: LensOptions = {}): WorkloadStatus | undefined {
  const w = asWorkload(res, inputs.settings.defaultNamespace);
  if (!w) return undefined;
  const table = workloadUnits(inputs.index, inputs.settings.defaultNamespace);
  // A ReplicaSet (or Job) owned by a controller is shown as that controller: its pods are counted there.
  const owner = w.kind !== 'Pod' ? controllerOf(w) : undefined;
  const owned = owner && table.byKey.get(unitKey(owner.kind, w.namespace, owner.name));
  if (owned) return workloadStatus(inputs, owned);
  let unit: WorkloadUnit = table.byKey.get(unitKey(w.kind, w.namespace, w.name)) ?? { kind: w.kind, namespace: w.namespace, name: w.name, template: w, pods: [] };
  if (unit.template?.resource !== res) unit = { ...unit, template: w };
  // A Pod open in the editor hides its live copy from the after-apply index; the live copy still runs.
  if (w.kind === 'Pod' && !unit.pods.length) {
    const copy = opts.liveCopyOf?.(res);
    const live = copy && asWorkload(copy, inputs.settings.defaultNamespace);
    if (live) unit = { ...unit, pods: [live] };
  }
  return workloadStatus(inputs, unit);
}

export function workloadLenses(inputs: StatusInputs, st: WorkloadStatus): StatusLens[] {
  const now = inputs.now ?? new Date();
  const parts = [modePhrase(st), podsPhrase(st, inputs.context)];
  if (st.current.linkerd) parts.push(`default policy ${st.current.linkerd.defaultPolicy}`);
  if (st.svid) parts.push(`SVID ${timeLeft(st.svid.notAfter, now)} left`);
  parts.push(sourcePhrase(inputs));
  const lenses: StatusLens[] = [{ title: parts.filter(Boolean).join(' · '), tooltip: `Effective mTLS for ${st.kind} ${st.namespace}/${st.name}. Click for the chain of policies that decided it.` }];
  for (const [port, mode] of Object.entries(st.current.ports)) {
    if (mode === st.current.mode) continue;
    const was = st.live?.ports[Number(port)];
    const title = was !== undefined && was !== mode ? `port ${port}: live ${was} → after apply ${mode}` : `port ${port}: ${mode}`;
    lenses.push({ title, tooltip: `Container port ${port} differs from the workload mode (port-level PeerAuthentication or Linkerd Server).` });
  }
  return lenses;
}

function serviceLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const mesh = meshConfigOf(inputs.index, inputs.settings);
  const svc = servicesOf(inputs.index, mesh).all.find((s) => s.resource === res);
  if (!svc) return [];
  if (!svc.selector) return [{ title: `no selector: endpoints are managed by hand · ${sourcePhrase(inputs)}`, tooltip: 'The Service selects no pods, so mTLS Lens cannot tell which workloads serve it.' }];
  const table = workloadUnits(inputs.index, inputs.settings.defaultNamespace);
  const units = new Set<WorkloadUnit>();
  for (const w of workloadsBehind(inputs.index, mesh, svc)) {
    const u = table.byKey.get(unitKey(w.kind, w.namespace, w.name)) ?? table.all.find((x) => x.pods.some((p) => p.resource === w.resource));
    if (u) units.add(u);
  }
  if (!units.size) return [{ title: `selects no workload · ${sourcePhrase(inputs)}`, tooltip: 'No workload in the analysed objects has the labels of this Service selector.' }];
  const statuses = [...units].map((u) => workloadStatus(inputs, u));
  const modes = new Set(statuses.map((s) => s.current.mode));
  const pods = statuses.flatMap((s) => s.pods);
  const meshed = pods.filter((p) => isMeshed(p.dataplane)).length;
  const head = modes.size === 1 ? `${[...modes][0]} · backs ${plural(statuses.length, 'workload')}` : `mixed: ${shortList(statuses.map((s) => `${s.name} ${s.current.mode}`), 3)}`;
  const podPart = pods.length ? `${meshed}/${plural(pods.length, 'pod')} meshed` : '';
  const changed = statuses.filter((s) => s.live && differs(s.live, s.current));
  const after = changed.length ? afterApply(changed.length) : '';
  return [{ title: [head, podPart, after, sourcePhrase(inputs)].filter(Boolean).join(' · '), tooltip: `Effective mTLS of the workloads behind Service ${svc.namespace}/${svc.name}.` }];
}

function peerAuthenticationLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = peerAuthenticationStatus(inputs, res);
  if (st.level === 'ignored') return [{ title: `ignored: a PeerAuthentication with a selector in the root namespace never applies`, tooltip: 'Istio only honours mesh-wide (selector-less) PeerAuthentications in the root namespace.' }];
  const parts: string[] = [];
  if (st.applies.length) {
    parts.push(`${st.mode === 'UNSET' ? 'UNSET (inherits)' : st.mode} · applies to ${plural(st.applies.length, 'workload')}${st.overridden.length ? ` (${st.overridden.length} override it)` : ''}`);
    if (st.unmeshed.length) parts.push(`${st.unmeshed.length} without a proxy: not enforced`);
  } else if (st.ignored.length) {
    parts.push(`not applied to ${plural(st.ignored.length, 'workload')}: ${st.ignored[0].reason}`);
  } else {
    parts.push(`${st.mode} · applies to no workload`);
  }
  if (st.applies.length && st.ignored.length) parts.push(`dropped for ${plural(st.ignored.length, 'workload')} (a duplicate wins)`);
  const changed = [...st.applies, ...st.ignored.map((i) => i.status)].filter((s) => s.live && differs(s.live, s.current));
  if (changed.length) parts.push(afterApply(changed.length));
  parts.push(sourcePhrase(inputs));
  return [{ title: parts.join(' · '), tooltip: 'Workloads this PeerAuthentication reaches, and how many of them a more specific policy overrides.' }];
}

function authorizationLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = authorizationStatus(inputs, res);
  if (!st) return [{ title: 'targets a gateway or waypoint (targetRef): not evaluated by sidecars', tooltip: 'AuthorizationPolicies with targetRef(s) bind to Gateways, Services behind waypoints or ServiceEntries.' }];
  const parts = [`${st.action} · applies to ${plural(st.applies.length, 'workload')}`];
  if (st.action === 'ALLOW') {
    if (st.noRules) parts.push('no rules: denies every request');
    else if (st.anySource) parts.push('allows any source, plaintext included');
    else parts.push(st.identities.length ? `allows ${plural(st.identities.length, 'identity', 'identities')}` : 'allows no identity of the analysed workloads');
  } else if (st.action === 'DENY') {
    if (st.noRules) parts.push('no rules: denies nothing');
    else if (st.anySource) parts.push('blocks every source');
    else parts.push(st.identities.length ? `blocks ${plural(st.identities.length, 'identity', 'identities')}` : 'blocks no identity of the analysed workloads');
    if (st.negative) parts.push('blocks plaintext too (a missing identity fails the positive match)');
    else if (st.positiveOnly && !st.anySource && st.applies.length > 0) {
      parts.push(st.plaintextAccepted.length ? `plaintext slips past on ${plural(st.plaintextAccepted.length, 'workload')} that ${st.plaintextAccepted.length === 1 ? 'accepts' : 'accept'} it` : 'plaintext would slip past, but every target is STRICT');
    }
  }
  parts.push(sourcePhrase(inputs));
  return [{ title: parts.join(' · '), tooltip: 'Identities are the service accounts of the analysed workloads whose principal or namespace a rule matches.' }];
}

function destinationRuleLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = destinationRuleStatus(inputs, res);
  if (!st) return [];
  const mode = st.mode ?? (st.fallback === 'auto-mTLS' ? 'auto-mTLS (no tls set)' : 'plaintext (no tls, auto-mTLS off)');
  const parts = [`clients in ${plural(st.clientNamespaces.length, 'namespace')} use ${mode}`];
  if (st.hiddenBy.length) parts.push(`${st.hiddenBy.length} use ${st.hiddenBy[0].rule.name} instead`);
  if (st.conflicts.length) parts.push(`conflicts with STRICT ${shortList(st.conflicts.map((c) => c.name), 2)}`);
  parts.push(sourcePhrase(inputs));
  return [{ title: parts.join(' · '), tooltip: `Client namespaces whose DestinationRule lookup for ${st.host} picks this rule.` }];
}

function certificateLenses(inputs: StatusInputs, res: Resource, opts: LensOptions): StatusLens[] {
  const st = certificateStatus(res, opts.liveCopyOf?.(res), inputs.settings.defaultNamespace);
  if (!st) return [];
  const now = inputs.now ?? new Date();
  const parts: string[] = [];
  if (st.ready !== undefined) parts.push(st.ready === 'True' ? 'Ready' : `Not ready${st.readyReason ? ` (${st.readyReason})` : ''}`);
  if (st.notAfter) {
    const left = timeLeft(st.notAfter, now);
    parts.push(left.startsWith('-') ? `expired ${left.slice(1)} ago` : `expires in ${left}`);
  }
  if (st.renewalTime) parts.push(Date.parse(st.renewalTime) > now.getTime() ? `renews in ${timeLeft(st.renewalTime, now)}` : 'renewal overdue');
  if (!st.notAfter) parts.push(`${st.ready === undefined ? 'not issued (no status) · ' : ''}lasts ${daysText(st.durationMs)} · renews ${daysText(st.renewBeforeMs)} before expiry`);
  parts.push(st.fromCluster ? `cluster ${inputs.context}` : sourcePhrase(inputs));
  return [{ title: parts.join(' · '), tooltip: 'From the Certificate status when the cluster has it, else from spec.duration and spec.renewBefore.' }];
}

function linkerdServerLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = linkerdServerStatus(inputs, res);
  const parts = [`port ${st.port} of ${plural(st.units.length, 'workload')}`];
  if (!st.authorizations.length) parts.push(`no authorization: accessPolicy ${st.accessPolicy} ${st.accessPolicy === 'deny' ? 'refuses every client' : 'decides'}`);
  else {
    parts.push(`admits ${plural(st.identities.length, 'identity', 'identities')}${st.identities.length ? ` (${shortList(st.identities, 1)})` : ''}`);
    if (st.unauthenticated) parts.push('unauthenticated clients too');
  }
  parts.push(sourcePhrase(inputs));
  return [{ title: parts.join(' · '), tooltip: 'Pods the Server selects, and the identities its AuthorizationPolicies (or ServerAuthorizations) admit.' }];
}

function linkerdAuthorizationLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = linkerdAuthorizationStatus(inputs, res);
  const who = st.identities.length ? `admits ${plural(st.identities.length, 'identity', 'identities')} (${shortList(st.identities, 1)})` : st.unauthenticated ? 'admits unauthenticated clients' : 'admits no identity';
  return [{ title: [`${st.target} · ${plural(st.units.length, 'workload')}`, who, sourcePhrase(inputs)].join(' · '), tooltip: 'What the policy targets and the mesh identities its authentication references allow.' }];
}

function spiffeIdLenses(inputs: StatusInputs, res: Resource): StatusLens[] {
  const st = clusterSpiffeIdStatus(inputs, res);
  const ids = st.ids.length ? shortList(st.ids, 1) : 'no SPIFFE ID issued';
  return [{ title: [`selects ${plural(st.units.length, 'workload')} in ${plural(st.namespaces.length, 'namespace')}`, ids, sourcePhrase(inputs)].join(' · '), tooltip: `SPIFFE IDs: ${st.ids.join(', ') || 'none'}` }];
}

/** Kinds that get a status lens (so the editor can place lenses without computing them). */
export function hasStatusLens(res: Resource): boolean {
  if (!res.kind || !res.name) return false;
  switch (`${res.group}/${res.kind}`) {
    case '/Pod':
    case 'apps/Deployment':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
    case 'apps/ReplicaSet':
    case 'batch/Job':
    case 'batch/CronJob':
    case '/Service':
    case 'security.istio.io/PeerAuthentication':
    case 'security.istio.io/AuthorizationPolicy':
    case 'networking.istio.io/DestinationRule':
    case 'cert-manager.io/Certificate':
    case `${LINKERD_POLICY_GROUP}/Server`:
    case `${LINKERD_POLICY_GROUP}/AuthorizationPolicy`:
    case 'spire.spiffe.io/ClusterSPIFFEID':
      return true;
    default:
      return false;
  }
}
