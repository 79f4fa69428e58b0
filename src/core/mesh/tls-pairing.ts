// Pairs what clients send (DestinationRule TLS / auto-mTLS) with what servers accept (effective
// PeerAuthentication per container port), for every Service port, every client namespace that has its own
// view of the Service (its namespace and the namespaces of DestinationRules for its host), and every
// subset that selects the workload. The PA↔DR rules read these pairs; they are computed once per index version.
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import { cachedOnKinds } from './cache';
import { clientTlsFor, rulesCovering, subsetsOf, type ClientTls } from './destination-rule';
import { decidingStep, modeForPort, paDependencies, sameList, type ChainStep, type MtlsMode } from './peer-authentication';
import { containerPortFor, workloadsBehind, type ServiceInfo, type ServicePort } from './services';
import { matchLabels, type Workload } from './workloads';
import type { MeshView } from './view';

export interface TlsPair {
  service: ServiceInfo;
  servicePort: ServicePort;
  clientNs: string;
  subset?: string;
  client: ClientTls;
  workload: Workload;
  containerPort: number | undefined;
  serverMode: MtlsMode;
  /** The PeerAuthentication step that decided the server mode (level 'default' when none did). */
  serverStep: ChainStep;
}

export function tlsPairsOf(view: MeshView): TlsPair[] {
  // Inputs: every table the pairs are derived from (each a stable array while its kinds are unchanged).
  const inputs = [view.services.all, view.workloads.all, view.drs.all, view.pas.all, view.index.ofKind('', 'Namespace'), view.index.ofKind('', 'ConfigMap')];
  return cachedOnKinds(view.index, `tls-pairs|${view.mesh.rootNamespace}|${view.mesh.autoMtls}|${view.mesh.defaultNamespace}`, inputs, () => compute(view));
}

interface ServiceMemo {
  deps: readonly unknown[];
  /** DestinationRules covering the host and PeerAuthentications that can affect the backends. */
  rules: readonly Resource[];
  backends: readonly Resource[];
  pairs: TlsPair[];
}

/**
 * Per-Service results survive edits that do not touch their inputs: the rule tables, the mesh settings and
 * the exact workload resources behind the Service. A keystroke in one Deployment then recomputes only the
 * Services in front of it.
 */
const serviceMemos = new WeakMap<Resource, ServiceMemo>();

function compute(view: MeshView): TlsPair[] {
  const out: TlsPair[] = [];
  const deps = [view.mesh, view.meshedGeneration, view.index];
  for (const service of view.services.all) {
    const backends = workloadsBehind(view.index, view.mesh, service).filter((w) => view.meshed(w));
    if (!backends.length) continue;
    const rules = [...rulesCovering(view.drs, service.fqdn).map((d) => d.resource), ...paDependencies(view.pas, service.namespace)];
    const backendResources = backends.map((w) => w.resource);
    const memo = serviceMemos.get(service.resource);
    if (memo && sameList(memo.deps, deps) && sameList(memo.rules, rules) && sameList(memo.backends, backendResources)) {
      out.push(...memo.pairs);
      continue;
    }
    const start = out.length;
    servicePairs(view, service, backends, out);
    serviceMemos.set(service.resource, { deps, rules, backends: backendResources, pairs: out.slice(start) });
  }
  return out;
}

function servicePairs(view: MeshView, service: ServiceInfo, backends: Workload[], out: TlsPair[]): void {
  const clientNamespaces = new Set<string>([service.namespace]);
  for (const dr of rulesCovering(view.drs, service.fqdn)) clientNamespaces.add(dr.namespace);
  for (const clientNs of clientNamespaces) {
    for (const servicePort of service.ports) {
      const q = { clientNs, fqdn: service.fqdn, serviceNs: service.namespace, servicePort: servicePort.port };
      const plain = clientTlsFor(view.index, view.mesh, q);
      for (const w of backends) out.push(pair(view, service, servicePort, clientNs, undefined, plain, w));
      for (const subset of subsetsOf(plain.chosen)) {
        const members = backends.filter((w) => matchLabels(subset.labels, w.labels));
        if (!members.length) continue;
        const viaSubset = clientTlsFor(view.index, view.mesh, { ...q, subset: subset.name });
        if (sameTls(viaSubset, plain)) continue; // nothing new to learn from this subset
        for (const w of members) out.push(pair(view, service, servicePort, clientNs, subset.name, viaSubset, w));
      }
    }
  }
}

function sameTls(a: ClientTls, b: ClientTls): boolean {
  return a.mode === b.mode && a.resource === b.resource && samePath(a.tlsPath, b.tlsPath);
}

function samePath(a: FieldPath | undefined, b: FieldPath | undefined): boolean {
  return (a ?? []).join('/') === (b ?? []).join('/');
}

function pair(
  view: MeshView,
  service: ServiceInfo,
  servicePort: ServicePort,
  clientNs: string,
  subset: string | undefined,
  client: ClientTls,
  workload: Workload,
): TlsPair {
  const expl = view.effective(workload);
  const containerPort = containerPortFor(workload, servicePort.targetPort);
  return {
    service,
    servicePort,
    clientNs,
    subset,
    client,
    workload,
    containerPort,
    serverMode: modeForPort(expl, containerPort),
    serverStep: decidingStep(expl, containerPort),
  };
}

/** Groups pairs by a key, keeping the first pair of each group and counting the rest. */
export function groupPairs<K>(pairs: TlsPair[], keyOf: (p: TlsPair) => K | undefined): Map<K, TlsPair[]> {
  const groups = new Map<K, TlsPair[]>();
  for (const p of pairs) {
    const k = keyOf(p);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(p);
    groups.set(k, list);
  }
  return groups;
}

/** "Deployment shop/web port 8080 (Service web:80)" */
export function describeTarget(p: TlsPair): string {
  const port = p.containerPort !== undefined ? ` port ${p.containerPort}` : '';
  return `${p.workload.kind} ${p.workload.namespace}/${p.workload.name}${port} (Service ${p.service.name}:${p.servicePort.port}${p.subset ? `, subset ${p.subset}` : ''})`;
}

/** "PeerAuthentication shop/strict (workload level)" or "Istio's default". */
export function describeStep(step: ChainStep): string {
  if (!step.resource) return "Istio's default (no PeerAuthentication)";
  const level = step.level === 'port' ? `port ${step.port}` : `${step.level} level`;
  return `PeerAuthentication ${step.resource.namespace ?? ''}/${step.resource.name} (${level})`;
}

export function resourceLabel(r: Resource): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}
