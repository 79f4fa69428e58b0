// Which DestinationRule TLS a client uses toward a Service port (catalog §3.2): the first lookup level
// with a host match wins (client namespace, then the Service's namespace, then the root namespace), the
// most specific host inside a level, same-host rules of a namespace merged, a matching portLevelSettings
// entry replacing the destination-level policy, a subset policy over that, and auto-mTLS when no TLS is set.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import { cachedOnKinds } from './cache';
import type { MeshConfig } from './mesh-config';
import { CLUSTER_DOMAIN } from './services';
import { oldestFirst } from './order';

export type ClientTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

export interface DrInfo {
  resource: Resource;
  namespace: string;
  /** spec.host resolved the way Istio does: short names get `.<ns>.svc.cluster.local`, dotted names are kept. */
  host: string;
  /** Namespaces the rule is exported to; ['*'] when exportTo is omitted. */
  exportTo: string[];
  /** DestinationRules with a workloadSelector only apply to the selected client proxies. */
  hasWorkloadSelector: boolean;
}

export interface ClientTls {
  /** The TLS mode clients configure; undefined when no DestinationRule on the path sets one. */
  mode: ClientTlsMode | undefined;
  /** The DestinationRule whose `tls` decided `mode` (or that was chosen but sets no TLS). */
  resource?: Resource;
  /** Path of the deciding `tls` block in `resource`. */
  tlsPath?: FieldPath;
  /** Every DestinationRule merged for this host at the chosen level. */
  chosen: Resource[];
  level: 'client namespace' | 'service namespace' | 'root namespace' | 'none';
  /** What actually goes on the wire when mode is undefined: auto-mTLS or plaintext. */
  fallback: 'auto-mTLS' | 'plaintext' | undefined;
}

const DR_GROUP = 'networking.istio.io';

export function resolveHost(host: string, namespace: string): string {
  if (host === '*' || host.includes('.') || /^[0-9a-f:]+$/i.test(host)) return host;
  return `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Istio host matching: exact, or a `*.suffix` / `*` wildcard covering the name. */
export function hostMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
  return pattern === name;
}

export interface DrTable {
  all: DrInfo[];
  byNamespace: Map<string, DrInfo[]>;
  /** Rules by exact (non-wildcard) host. */
  byHost: Map<string, DrInfo[]>;
  /** Rules whose host has a wildcard (usually few). */
  wildcard: DrInfo[];
}

/** Every DestinationRule whose host covers `fqdn`, in any namespace. */
export function rulesCovering(table: DrTable, fqdn: string): DrInfo[] {
  const exact = table.byHost.get(fqdn) ?? [];
  const wild = table.wildcard.filter((d) => hostMatches(d.host, fqdn));
  return wild.length ? [...exact, ...wild] : exact;
}

export function destinationRulesOf(index: ResourceIndex, mesh: MeshConfig): DrTable {
  return cachedOnKinds(index, `dr-table|${mesh.defaultNamespace}`, [index.ofKind(DR_GROUP, 'DestinationRule')], () => {
    const all: DrInfo[] = [];
    for (const res of index.ofKind(DR_GROUP, 'DestinationRule')) {
      const rawHost = res.get(['spec', 'host']);
      if (typeof rawHost !== 'string' || rawHost === '') continue;
      const namespace = res.namespace ?? mesh.defaultNamespace;
      const exp = res.get(['spec', 'exportTo']);
      const exportTo = Array.isArray(exp) && exp.length ? exp.map(String) : ['*'];
      const hasWorkloadSelector = !!res.get(['spec', 'workloadSelector']);
      all.push({ resource: res, namespace, host: resolveHost(rawHost, namespace), exportTo, hasWorkloadSelector });
    }
    const byNamespace = new Map<string, DrInfo[]>();
    const byHost = new Map<string, DrInfo[]>();
    const wildcard: DrInfo[] = [];
    for (const dr of oldestFirst(all, (d) => d.resource).sorted) {
      const list = byNamespace.get(dr.namespace) ?? [];
      list.push(dr);
      byNamespace.set(dr.namespace, list);
      if (dr.host.includes('*')) wildcard.push(dr);
      else byHost.set(dr.host, [...(byHost.get(dr.host) ?? []), dr]);
    }
    return { all, byNamespace, byHost, wildcard };
  });
}

function exportedTo(dr: DrInfo, clientNs: string): boolean {
  return dr.exportTo.some((e) => e === '*' || e === clientNs || (e === '.' && dr.namespace === clientNs));
}

/** The most specific host match among `candidates`: exact first, then the longest matching wildcard. */
function mostSpecific(candidates: DrInfo[], fqdn: string): DrInfo[] {
  const exact = candidates.filter((d) => d.host === fqdn);
  if (exact.length) return exact;
  let best: DrInfo[] = [];
  for (const d of candidates) {
    if (!d.host.includes('*') || !hostMatches(d.host, fqdn)) continue;
    if (!best.length || d.host.length > best[0].host.length) best = [d];
    else if (d.host === best[0].host) best.push(d);
  }
  return best;
}

/** The DestinationRules (same host, merged) a client namespace uses for a Service FQDN. */
export function destinationRulesFor(
  index: ResourceIndex,
  mesh: MeshConfig,
  clientNs: string,
  fqdn: string,
  serviceNs: string,
): { chosen: DrInfo[]; level: ClientTls['level'] } {
  // Only rules whose host covers the name can win; take those first (few) instead of whole namespaces.
  const covering = rulesCovering(destinationRulesOf(index, mesh), fqdn);
  const usable = (ns: string, filter: (d: DrInfo) => boolean) => covering.filter((d) => d.namespace === ns && !d.hasWorkloadSelector && filter(d));
  const levels: [ClientTls['level'], DrInfo[]][] = [
    ['client namespace', usable(clientNs, () => true)],
    ['service namespace', serviceNs === clientNs ? [] : usable(serviceNs, (d) => exportedTo(d, clientNs))],
    ['root namespace', mesh.rootNamespace === clientNs ? [] : usable(mesh.rootNamespace, (d) => exportedTo(d, clientNs))],
  ];
  for (const [level, candidates] of levels) {
    const chosen = mostSpecific(candidates, fqdn);
    if (chosen.length) return { chosen, level };
  }
  return { chosen: [], level: 'none' };
}

function portSettingIndex(policy: any, port: number): number {
  const list = policy?.portLevelSettings;
  if (!Array.isArray(list)) return -1;
  return list.findIndex((p: any) => Number(p?.port?.number) === port);
}

function modeOf(tls: any): ClientTlsMode | undefined {
  const m = tls?.mode;
  return m === 'DISABLE' || m === 'SIMPLE' || m === 'MUTUAL' || m === 'ISTIO_MUTUAL' ? m : undefined;
}

/**
 * Client TLS toward `fqdn` port `servicePort` (and `subset`, if the traffic is routed to one) for a client
 * in `clientNs`.
 */
export function clientTlsFor(
  index: ResourceIndex,
  mesh: MeshConfig,
  q: { clientNs: string; fqdn: string; serviceNs: string; servicePort: number; subset?: string },
): ClientTls {
  const { chosen, level } = destinationRulesFor(index, mesh, q.clientNs, q.fqdn, q.serviceNs);
  const fallback = mesh.autoMtls ? 'auto-mTLS' : 'plaintext';
  const base: ClientTls = { mode: undefined, chosen: chosen.map((d) => d.resource), level, fallback };
  if (!chosen.length) return base;
  // Merged rule: top-level trafficPolicy from the oldest rule that has one; subsets from all, first name wins.
  const policyOwner = chosen.find((d) => d.resource.get(['spec', 'trafficPolicy']) != null);
  let tls: { resource: Resource; path: FieldPath; value: any } | undefined;
  if (policyOwner) {
    const policy = policyOwner.resource.get(['spec', 'trafficPolicy']);
    const pi = portSettingIndex(policy, q.servicePort);
    const path: FieldPath = pi >= 0 ? ['spec', 'trafficPolicy', 'portLevelSettings', pi, 'tls'] : ['spec', 'trafficPolicy', 'tls'];
    tls = { resource: policyOwner.resource, path, value: policyOwner.resource.get(path) };
  }
  if (q.subset !== undefined) {
    for (const d of chosen) {
      const subsets = d.resource.get(['spec', 'subsets']);
      const si = Array.isArray(subsets) ? subsets.findIndex((s: any) => s?.name === q.subset) : -1;
      if (si < 0) continue;
      const sp = subsets[si]?.trafficPolicy;
      if (sp) {
        const pi = portSettingIndex(sp, q.servicePort);
        if (pi >= 0) {
          const path: FieldPath = ['spec', 'subsets', si, 'trafficPolicy', 'portLevelSettings', pi, 'tls'];
          tls = { resource: d.resource, path, value: d.resource.get(path) };
        } else if (sp.tls != null) {
          const path: FieldPath = ['spec', 'subsets', si, 'trafficPolicy', 'tls'];
          tls = { resource: d.resource, path, value: sp.tls };
        }
      }
      break; // the first rule defining the subset name wins
    }
  }
  const mode = modeOf(tls?.value);
  return {
    ...base,
    mode,
    resource: tls?.resource ?? chosen[0].resource,
    tlsPath: tls?.value != null ? tls.path : undefined,
    fallback: mode ? undefined : fallback,
  };
}

/** Names and labels of the subsets of a merged rule set (first definition of a name wins). */
export function subsetsOf(chosen: Resource[]): { name: string; labels: Record<string, string> }[] {
  const seen = new Set<string>();
  const out: { name: string; labels: Record<string, string> }[] = [];
  for (const r of chosen) {
    const subsets = r.get(['spec', 'subsets']);
    if (!Array.isArray(subsets)) continue;
    for (const s of subsets) {
      if (typeof s?.name !== 'string' || seen.has(s.name)) continue;
      seen.add(s.name);
      const labels = s.labels && typeof s.labels === 'object' ? Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, String(v)])) : {};
      out.push({ name: s.name, labels });
    }
  }
  return out;
}
