// Small phrases the lenses, the explanation and the CLI text output share.
import type { StatusInputs, WorkloadStatus } from './workload';
import { differs, isMeshed } from './workload';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a, b, c" or "a, b +3 more". */
export function shortList(items: string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}

export function sourcePhrase(inputs: Pick<StatusInputs, 'context' | 'live' | 'clusterProblem'>): string {
  if (inputs.context !== undefined) return `cluster ${inputs.context}`;
  return inputs.clusterProblem ? `workspace only (${inputs.clusterProblem})` : 'workspace only';
}

/** What a lens says when the cluster read failed, by fault kind (the full message is in the status bar tooltip). */
const FAULTS: Record<string, string> = {
  config: 'no usable kubeconfig',
  untrusted: 'credential plugin blocked: workspace not trusted',
  unauthorized: 'rejected the credentials (401)',
  forbidden: 'access forbidden (403)',
  'not-found': 'API not found (404)',
  expired: 'list expired while paging (410)',
  server: 'API server error (5xx)',
  unreachable: 'unreachable',
  timeout: 'timed out',
  cancelled: 'read cancelled',
  exec: 'exec into the pod failed',
};

export function clusterFaultPhrase(kind: string, context: string | undefined): string {
  return `cluster ${context ?? '(current context)'}: ${FAULTS[kind] ?? 'read failed'}`;
}

/** The mode, or "live: X → after apply: Y" when an open document would change it. */
export function modePhrase(st: WorkloadStatus): string {
  const c = st.current;
  if (st.live && differs(st.live, c) && st.live.mode !== c.mode) return `live: ${st.live.mode} → after apply: ${c.mode}`;
  return c.mode;
}

const PROXY: Record<string, string> = { sidecar: 'sidecar', ambient: 'ambient', linkerd: 'Linkerd proxy', mixed: 'mixed data plane' };

/** "3/3 pods meshed (sidecar)", "1 pod without sidecar accepts plaintext", or the prediction without pods. */
export function podsPhrase(st: WorkloadStatus, context: string | undefined): string {
  if (st.pods.length) {
    const meshed = st.pods.filter((p) => isMeshed(p.dataplane));
    const planes = [...new Set(meshed.map((p) => p.dataplane))];
    const plane = planes.length === 1 ? PROXY[planes[0]] : 'mixed';
    const unmeshed = st.pods.length - meshed.length;
    if (!meshed.length) return `${plural(st.pods.length, 'pod')} without a proxy: plaintext only${st.current.policyMode === 'STRICT' ? ' (STRICT not enforced)' : ''}`;
    const head = `${meshed.length}/${plural(st.pods.length, 'pod')} meshed (${plane})`;
    return unmeshed ? `${head} · ${unmeshed} pod${unmeshed === 1 ? '' : 's'} without sidecar accept${unmeshed === 1 ? 's' : ''} plaintext` : head;
  }
  const p = st.predicted;
  const notRunning = context !== undefined ? `not running in ${context}; ` : '';
  if (!p || p.dataplane === 'none') return `${notRunning}no proxy predicted: plaintext only${st.current.policyMode === 'STRICT' ? ' (STRICT not enforced)' : ''}`;
  return `${notRunning}${PROXY[p.dataplane]} predicted`;
}
