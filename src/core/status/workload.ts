// The effective mTLS status of one workload unit: what PeerAuthentication (or Linkerd policy) says, what
// the pods actually run (sidecar, ambient, Linkerd proxy, nothing), and from that what is really enforced.
// A pod without a proxy accepts plaintext whatever the policy says, so a STRICT policy over a unit with
// an unmeshed pod is really PERMISSIVE, and over a unit with no meshed pod it is DISABLE.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { AnalysisSettings } from '../settings';
import { meshConfigOf } from '../mesh/mesh-config';
import { effectiveMtls, modeForPort, type MtlsExplanation, type MtlsMode } from '../mesh/peer-authentication';
import { hasIstioProxy, injectionFor, isAmbientPod, namespaceResource, enableNamespacesByDefault } from '../mesh/injection';
import { containerPortsOf } from '../mesh/services';
import type { Workload } from '../mesh/workloads';
import { linkerdAnswer, linkerdInjectionRequested, type LinkerdAnswer } from './linkerd';
import { representative, unitLabels, type WorkloadUnit } from './units';

export type Dataplane = 'sidecar' | 'ambient' | 'linkerd' | 'none';

const PROXY_CONTAINERS = new Set(['istio-proxy', 'linkerd-proxy']);

export interface PodState {
  namespace: string;
  name: string;
  dataplane: Dataplane;
  phase?: string;
  serviceAccount: string;
  resource: Resource;
}

export interface SvidInfo {
  notAfter?: string;
  spiffeIds: string[];
}

export interface StatusInputs {
  /** The index the answer is computed on: after apply (cluster + open documents), or the workspace alone. */
  index: ResourceIndex;
  /** The cluster as read, when connected. */
  live?: ResourceIndex;
  /** Cluster context name, when connected. */
  context?: string;
  /** Why the cluster is not used although it was asked for (a short fault phrase, see clusterFaultPhrase). */
  clusterProblem?: string;
  settings: AnalysisSettings;
  /** SVIDs read from proxies, by `namespace/pod`. */
  svids?: ReadonlyMap<string, SvidInfo>;
  now?: Date;
}

export interface ModeAnswer {
  /** What is enforced, given the pods' data plane. */
  mode: MtlsMode;
  /** What the policy alone says (PeerAuthentication or Linkerd inbound policy). */
  policyMode: MtlsMode;
  /** Effective mode per container port (every declared port, and every port a policy names). */
  ports: Record<number, MtlsMode>;
  mesh: 'istio' | 'linkerd';
  istio?: MtlsExplanation;
  linkerd?: LinkerdAnswer;
}

export interface WorkloadStatus {
  unit: WorkloadUnit;
  kind: string;
  namespace: string;
  name: string;
  /** Live pods and their data plane; empty when not connected (or nothing runs). */
  pods: PodState[];
  /** Without live pods: what the manifests predict for new pods. */
  predicted?: { dataplane: Dataplane; reason: string };
  /** The unit's data plane: the pods' if they agree, 'mixed' if not, else the prediction. */
  dataplane: Dataplane | 'mixed';
  current: ModeAnswer;
  /** The same question on the live cluster alone (only when connected and the answer could differ). */
  live?: ModeAnswer;
  source: 'cluster' | 'workspace' | 'both';
  /** The documents that decided the mode, most general first. */
  decidedBy: Resource[];
  /** The SVID that expires first among the pods read so far. */
  svid?: { pod: string; notAfter: string };
}

export function podState(pod: Workload): PodState {
  const containers: any[] = Array.isArray(pod.podSpec.containers) ? pod.podSpec.containers : [];
  const inits: any[] = Array.isArray(pod.podSpec.initContainers) ? pod.podSpec.initContainers : [];
  const names = [...containers, ...inits].map((c) => c?.name);
  const dataplane: Dataplane = hasIstioProxy(pod.podSpec) ? 'sidecar' : names.includes('linkerd-proxy') ? 'linkerd' : isAmbientPod(pod) ? 'ambient' : 'none';
  const phase = pod.resource.get(['status', 'phase']);
  return { namespace: pod.namespace, name: pod.name, dataplane, phase: typeof phase === 'string' ? phase : undefined, serviceAccount: pod.serviceAccount, resource: pod.resource };
}

export function isMeshed(d: Dataplane | 'mixed'): boolean {
  return d !== 'none';
}

/** What the manifests predict for a unit's new pods: Linkerd first (its annotation is explicit), then Istio. */
export function predictDataplane(index: ResourceIndex, w: Workload): { dataplane: Dataplane; reason: string } {
  const ns = namespaceResource(index, w.namespace);
  if (linkerdInjectionRequested(w, ns)) return { dataplane: 'linkerd', reason: `${w.annotations['linkerd.io/inject'] ? 'the pod' : `namespace ${w.namespace}`} is annotated linkerd.io/inject: enabled` };
  const d = injectionFor(w, ns, { enableNamespacesByDefault: enableNamespacesByDefault(index) });
  return { dataplane: d.mode, reason: d.reason };
}

export function workloadStatus(inputs: StatusInputs, unit: WorkloadUnit): WorkloadStatus {
  const rep = representative(unit)!;
  const pods = unit.pods.map(podState);
  const predicted = pods.length ? undefined : predictDataplane(inputs.index, rep);
  const planes = new Set(pods.map((p) => p.dataplane));
  const dataplane: WorkloadStatus['dataplane'] = predicted ? predicted.dataplane : planes.size === 1 ? [...planes][0] : 'mixed';
  const current = modeAnswer(inputs.index, inputs.settings, unit, rep, pods, dataplane);
  let live: ModeAnswer | undefined;
  if (inputs.live && inputs.live !== inputs.index) {
    const liveRep = unit.pods[0] ?? rep;
    live = modeAnswer(inputs.live, inputs.settings, unit, liveRep, pods, pods.length ? dataplane : predictDataplane(inputs.live, liveRep).dataplane);
  }
  const hasManifest = !!unit.template && !unit.template.resource.file.startsWith('cluster://');
  const source = hasManifest ? (pods.length ? 'both' : 'workspace') : 'cluster';
  return {
    unit,
    kind: unit.kind,
    namespace: unit.namespace,
    name: unit.name,
    pods,
    predicted,
    dataplane,
    current,
    live,
    source,
    decidedBy: decidedBy(current),
    svid: firstExpiring(pods, inputs.svids),
  };
}

function modeAnswer(index: ResourceIndex, settings: AnalysisSettings, unit: WorkloadUnit, rep: Workload, pods: PodState[], dataplane: WorkloadStatus['dataplane']): ModeAnswer {
  const mesh = meshConfigOf(index, settings);
  const labels = rep === unit.template ? unitLabels(unit) : rep.labels;
  // the proxies' own ports (15090 metrics, 4191 admin) are not the workload's
  const declared = containerPortsOf(rep).filter((p) => !PROXY_CONTAINERS.has(p.container)).map((p) => p.port);
  const meshedPods = pods.filter((p) => isMeshed(p.dataplane)).length;
  // Every pod unmeshed (or none predicted to be): nothing terminates mTLS, the pods speak plaintext only.
  const noneMeshed = pods.length ? meshedPods === 0 : dataplane === 'none';
  const someUnmeshed = pods.length > 0 && meshedPods < pods.length;
  const degrade = (m: MtlsMode): MtlsMode => (noneMeshed ? 'DISABLE' : someUnmeshed && m === 'STRICT' ? 'PERMISSIVE' : m);
  if (dataplane === 'linkerd') {
    const ln = linkerdAnswer(index, { ...rep, labels }, namespaceResource(index, rep.namespace), mesh.trustDomain);
    const ports: Record<number, MtlsMode> = {};
    for (const p of declared) ports[p] = degrade(ln.ports.find((x) => x.port === p)?.mode ?? ln.mode);
    for (const p of ln.ports) ports[p.port] = degrade(p.mode);
    return { mode: degrade(ln.mode), policyMode: ln.mode, ports, mesh: 'linkerd', linkerd: ln };
  }
  const e = effectiveMtls(index, { namespace: rep.namespace, labels }, mesh);
  const ports: Record<number, MtlsMode> = {};
  for (const p of new Set([...declared, ...Object.keys(e.ports).map(Number)])) ports[p] = degrade(modeForPort(e, p));
  return { mode: degrade(e.mode), policyMode: e.mode, ports, mesh: 'istio', istio: e };
}

function decidedBy(a: ModeAnswer): Resource[] {
  const out: Resource[] = [];
  const add = (r: Resource | undefined) => {
    if (r && !out.includes(r)) out.push(r);
  };
  if (a.istio) for (const s of a.istio.chain) add(s.resource);
  if (a.linkerd) {
    add(a.linkerd.policySource.resource);
    for (const p of a.linkerd.ports) {
      add(p.server);
      for (const z of p.authorizations) add(z.resource);
    }
  }
  return out;
}

function firstExpiring(pods: PodState[], svids: ReadonlyMap<string, SvidInfo> | undefined): WorkloadStatus['svid'] {
  let best: WorkloadStatus['svid'];
  for (const p of pods) {
    const s = svids?.get(`${p.namespace}/${p.name}`);
    if (!s?.notAfter) continue;
    if (!best || Date.parse(s.notAfter) < Date.parse(best.notAfter)) best = { pod: p.name, notAfter: s.notAfter };
  }
  return best;
}

/** Whether the live and after-apply answers differ in anything the lens shows. */
export function differs(a: ModeAnswer, b: ModeAnswer): boolean {
  if (a.mode !== b.mode || a.policyMode !== b.policyMode) return true;
  const ka = Object.keys(a.ports);
  const kb = Object.keys(b.ports);
  return ka.length !== kb.length || ka.some((k) => a.ports[Number(k)] !== b.ports[Number(k)]);
}
