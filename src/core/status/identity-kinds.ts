// Status of the documents that issue or admit identities: cert-manager Certificates (ready? when do they
// expire and renew?), Linkerd Servers and AuthorizationPolicies (what they select, whom they admit) and
// SPIRE ClusterSPIFFEIDs (which pods they select, and the SPIFFE IDs those pods get).
import type { Resource } from '../yaml/resource';
import { asCertificate } from '../model/certmanager';
import { DAY_MS } from '../model/duration';
import { LINKERD_POLICY_GROUP } from '../model/linkerd';
import { matchSelector } from '../mesh/workloads';
import { namespaceResource } from '../mesh/injection';
import { authorizationsOf, identitiesAllowed, serverPort } from './linkerd';
import { representative, unitLabels, workloadUnits, type WorkloadUnit } from './units';
import type { StatusInputs } from './workload';

export interface CertificateStatus {
  /** 'True' / 'False' / 'Unknown' from the Ready condition; undefined when there is no status (a manifest). */
  ready?: string;
  readyReason?: string;
  notAfter?: string;
  renewalTime?: string;
  /** From the spec, when there is no status to read. */
  durationMs: number;
  renewBeforeMs: number;
  /** Whether the status came from the cluster copy of the object. */
  fromCluster: boolean;
}

/**
 * `live` is the cluster's copy of the same Certificate (the manifest usually has no status). cert-manager
 * renews at renewBefore before expiry, or at renewBeforePercentage of the lifetime, else at 2/3 of it.
 */
export function certificateStatus(res: Resource, live: Resource | undefined, defaultNamespace: string): CertificateStatus | undefined {
  const cert = asCertificate(res, defaultNamespace);
  if (!cert) return undefined;
  const renewBeforeMs =
    cert.renewBefore.state === 'set'
      ? cert.renewBefore.ms
      : cert.renewBeforePercentage !== undefined
        ? (cert.durationMs * (100 - cert.renewBeforePercentage)) / 100
        : cert.durationMs / 3;
  const withStatus = [res, live].find((r) => r && r.get(['status']) && typeof r.get(['status']) === 'object');
  const out: CertificateStatus = { durationMs: cert.durationMs, renewBeforeMs, fromCluster: !!withStatus && withStatus === live && withStatus !== res };
  if (!withStatus) return out;
  const conds = withStatus.get(['status', 'conditions']);
  const ready = Array.isArray(conds) ? conds.find((c: any) => c?.type === 'Ready') : undefined;
  if (ready) {
    out.ready = String(ready.status ?? 'Unknown');
    if (ready.reason) out.readyReason = String(ready.reason);
  }
  const notAfter = withStatus.get(['status', 'notAfter']);
  const renewal = withStatus.get(['status', 'renewalTime']);
  if (notAfter) out.notAfter = notAfter instanceof Date ? notAfter.toISOString() : String(notAfter);
  if (renewal) out.renewalTime = renewal instanceof Date ? renewal.toISOString() : String(renewal);
  return out;
}

/** "40d", "21h", "15m", or "expired 3d ago" style phrases, from now to `iso`. */
export function timeLeft(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return 'unknown';
  const abs = Math.abs(ms);
  const text = abs >= 2 * DAY_MS ? `${Math.floor(abs / DAY_MS)}d` : abs >= 3_600_000 ? `${Math.floor(abs / 3_600_000)}h` : `${Math.max(1, Math.floor(abs / 60_000))}m`;
  return ms < 0 ? `-${text}` : text;
}

export function daysText(ms: number): string {
  return ms >= 2 * DAY_MS ? `${Math.round(ms / DAY_MS)}d` : `${Math.round(ms / 3_600_000)}h`;
}

export interface LinkerdServerStatus {
  port: string;
  units: WorkloadUnit[];
  authorizations: ReturnType<typeof authorizationsOf>;
  identities: string[];
  unauthenticated: boolean;
  accessPolicy: string;
}

export function linkerdServerStatus(inputs: StatusInputs, res: Resource): LinkerdServerStatus {
  const ns = res.namespace ?? inputs.settings.defaultNamespace;
  const sel = res.get(['spec', 'podSelector']);
  const units = (workloadUnits(inputs.index, inputs.settings.defaultNamespace).byNamespace.get(ns) ?? []).filter(
    (u) => representative(u) && sel && typeof sel === 'object' && matchSelector(sel, unitLabels(u)),
  );
  const authorizations = authorizationsOf(inputs.index, res);
  const identities = new Set<string>();
  let unauthenticated = false;
  for (const a of authorizations) {
    if (a.resource.kind === 'AuthorizationPolicy') {
      const allowed = identitiesAllowed(inputs.index, a.resource);
      allowed.identities.forEach((i) => identities.add(i));
      unauthenticated ||= allowed.unauthenticated;
    } else if (a.requires !== 'mtls') unauthenticated = true;
  }
  const port = units[0] ? serverPort(res, representative(units[0])!) : undefined;
  return {
    port: port !== undefined ? String(port) : String(res.get(['spec', 'port']) ?? '?'),
    units,
    authorizations,
    identities: [...identities],
    unauthenticated,
    accessPolicy: String(res.get(['spec', 'accessPolicy']) ?? 'deny'),
  };
}

export interface LinkerdAuthorizationStatus {
  target: string;
  units: WorkloadUnit[];
  identities: string[];
  unauthenticated: boolean;
}

export function linkerdAuthorizationStatus(inputs: StatusInputs, res: Resource): LinkerdAuthorizationStatus {
  const t = res.get(['spec', 'targetRef']) ?? {};
  const ns = res.namespace ?? inputs.settings.defaultNamespace;
  const allowed = identitiesAllowed(inputs.index, res);
  let units: WorkloadUnit[] = [];
  if (t.kind === 'Server') {
    const server = inputs.index.find(LINKERD_POLICY_GROUP, 'Server', ns, String(t.name));
    if (server) units = linkerdServerStatus(inputs, server).units;
  } else if (t.kind === 'Namespace') {
    units = workloadUnits(inputs.index, inputs.settings.defaultNamespace).byNamespace.get(ns) ?? [];
  }
  return { target: `${t.kind ?? '?'} ${t.name ?? '?'}`, units, identities: allowed.identities, unauthenticated: allowed.unauthenticated };
}

export interface SpiffeIdStatus {
  units: WorkloadUnit[];
  namespaces: string[];
  /** The SPIFFE IDs the template renders for the selected units (first few). */
  ids: string[];
}

/** ClusterSPIFFEID: pods matched by podSelector in namespaces matched by namespaceSelector. */
export function clusterSpiffeIdStatus(inputs: StatusInputs, res: Resource): SpiffeIdStatus {
  const podSel = res.get(['spec', 'podSelector']);
  const nsSel = res.get(['spec', 'namespaceSelector']);
  const template = String(res.get(['spec', 'spiffeIDTemplate']) ?? '');
  const units = workloadUnits(inputs.index, inputs.settings.defaultNamespace).all.filter((u) => {
    if (!representative(u)) return false;
    const ns = namespaceResource(inputs.index, u.namespace);
    const nsLabels = { 'kubernetes.io/metadata.name': u.namespace, ...(ns?.labels ?? {}) };
    return (!nsSel || matchSelector(nsSel, nsLabels)) && (!podSel || matchSelector(podSel, unitLabels(u)));
  });
  const ids = new Set<string>();
  for (const u of units) ids.add(renderSpiffeTemplate(template, u, inputs.settings.trustDomain));
  return { units, namespaces: [...new Set(units.map((u) => u.namespace))].sort(), ids: [...ids] };
}

/** Renders the common fields of a spiffeIDTemplate; anything else stays visible as {{…}}. */
export function renderSpiffeTemplate(template: string, u: WorkloadUnit, trustDomain: string): string {
  const w = representative(u)!;
  const values: Record<string, string> = {
    '.TrustDomain': trustDomain,
    '.PodMeta.Namespace': w.namespace,
    '.PodMeta.Name': u.pods[0]?.name ?? `${w.name}-…`,
    '.PodSpec.ServiceAccountName': w.serviceAccount,
  };
  return template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (all, expr: string) => {
    const label = /^index \.PodMeta\.Labels "([^"]+)"$/.exec(expr);
    if (label) return unitLabels(u)[label[1]] ?? all;
    return values[expr] ?? all;
  });
}
