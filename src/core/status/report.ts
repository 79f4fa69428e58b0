// The status of every workload as plain data: the JSON `mtls-lens status --format json` prints (stable,
// documented in docs/status.md) and the lines of its text output.
import { representative, workloadUnits } from './units';
import { workloadStatus, isMeshed, type StatusInputs, type WorkloadStatus } from './workload';
import type { MtlsMode } from '../mesh/peer-authentication';
import { modePhrase, podsPhrase } from './phrases';

export interface StatusJsonWorkload {
  namespace: string;
  name: string;
  kind: string;
  mode: MtlsMode;
  ports: Record<string, MtlsMode>;
  pods: { total: number; meshed: number };
  decidedBy: { kind: string; namespace: string | null; name: string }[];
  source: 'cluster' | 'workspace' | 'both';
  /** Added fields (the ones above never change): the policy's own mode and the data plane. */
  policyMode: MtlsMode;
  dataplane: string;
  /** The live cluster's mode, when connected and an overlay document would change it. */
  liveMode?: MtlsMode;
}

export interface StatusJson {
  workloads: StatusJsonWorkload[];
}

/** Every workload unit of the inputs' index, sorted by namespace, kind, name; optionally one namespace. */
export function allWorkloadStatuses(inputs: StatusInputs, namespace?: string): WorkloadStatus[] {
  const units = workloadUnits(inputs.index, inputs.settings.defaultNamespace).all.filter((u) => representative(u) && (!namespace || u.namespace === namespace));
  units.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return units.map((u) => workloadStatus(inputs, u));
}

export function toJson(statuses: WorkloadStatus[]): StatusJson {
  return {
    workloads: statuses.map((s) => {
      const out: StatusJsonWorkload = {
        namespace: s.namespace,
        name: s.name,
        kind: s.kind,
        mode: s.current.mode,
        ports: Object.fromEntries(Object.entries(s.current.ports).map(([p, m]) => [String(p), m])),
        pods: { total: s.pods.length, meshed: s.pods.filter((p) => isMeshed(p.dataplane)).length },
        decidedBy: s.decidedBy.map((r) => ({ kind: r.kind, namespace: r.namespace ?? null, name: r.name })),
        source: s.source,
        policyMode: s.current.policyMode,
        dataplane: s.dataplane,
      };
      if (s.live && s.live.mode !== s.current.mode) out.liveMode = s.live.mode;
      return out;
    }),
  };
}

/** One line per workload: `payments  Deployment checkout-v1  STRICT · 1/1 pod meshed (sidecar)  [PeerAuthentication payments/default]`. */
export function toTextLines(statuses: WorkloadStatus[], context: string | undefined): string[] {
  return statuses.map((s) => {
    const ports = Object.entries(s.current.ports).filter(([, m]) => m !== s.current.mode).map(([p, m]) => `port ${p}: ${m}`);
    const by = s.decidedBy.map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`).join(', ') || (s.current.mesh === 'linkerd' ? 'Linkerd install default' : 'Istio default');
    return `${s.namespace}  ${s.kind} ${s.name}  ${[modePhrase(s), ...ports, podsPhrase(s, context)].join(' · ')}  [${by}]`;
  });
}
