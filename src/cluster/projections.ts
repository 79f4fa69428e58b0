// Raw JSON → the small projections in snapshot.ts. This is where private keys are dropped: a Secret keeps
// only entries that hold certificates and nothing that names or contains a key.
import type { ConfigMapInfo, CustomResource, Meta, PodInfo, SecretInfo, ServiceInfo } from './snapshot';
import { containsPrivateKey, looksLikeCertificateText } from '../core/x509/pem';

const DROP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export function projectMeta(m: any): Meta {
  const out: Meta = { name: String(m?.name ?? '') };
  if (m?.namespace) out.namespace = String(m.namespace);
  if (m?.uid) out.uid = String(m.uid);
  if (m?.labels && typeof m.labels === 'object') out.labels = strings(m.labels);
  if (m?.annotations && typeof m.annotations === 'object') {
    const a = strings(m.annotations);
    for (const k of DROP_ANNOTATIONS) delete a[k];
    if (Object.keys(a).length) out.annotations = a;
  }
  if (m?.creationTimestamp) out.creationTimestamp = String(m.creationTimestamp);
  if (Array.isArray(m?.ownerReferences) && m.ownerReferences.length)
    out.ownerReferences = m.ownerReferences.map((o: any) => ({ kind: String(o?.kind ?? ''), name: String(o?.name ?? '') }));
  return out;
}

export function projectPod(p: any): PodInfo {
  const spec = p?.spec ?? {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  const out: PodInfo = {
    metadata: projectMeta(p?.metadata),
    containers: containers.map((c: any) => {
      const ports = Array.isArray(c?.ports)
        ? c.ports.map((x: any) => clean({ name: x?.name, containerPort: Number(x?.containerPort), protocol: x?.protocol }))
        : undefined;
      return clean({ name: String(c?.name ?? ''), image: c?.image, ports: ports?.length ? ports : undefined });
    }),
    initContainers: inits.map((c: any) => clean({ name: String(c?.name ?? ''), image: c?.image, restartPolicy: c?.restartPolicy })),
  };
  if (spec.serviceAccountName) out.serviceAccountName = String(spec.serviceAccountName);
  if (spec.nodeName) out.nodeName = String(spec.nodeName);
  if (p?.status?.phase) out.phase = String(p.status.phase);
  if (p?.status?.podIP) out.podIP = String(p.status.podIP);
  return out;
}

export function projectService(s: any): ServiceInfo {
  const spec = s?.spec ?? {};
  return clean({
    metadata: projectMeta(s?.metadata),
    type: spec.type,
    clusterIP: spec.clusterIP,
    selector: spec.selector && typeof spec.selector === 'object' ? strings(spec.selector) : undefined,
    ports: (Array.isArray(spec.ports) ? spec.ports : []).map((p: any) =>
      clean({ name: p?.name, port: Number(p?.port), targetPort: p?.targetPort, protocol: p?.protocol, appProtocol: p?.appProtocol })),
  }) as ServiceInfo;
}

/** Secret entry names that can hold certificates. Anything with "key" in the name is dropped unread. */
const CERT_ENTRY = /\.(crt|pem|cert)$|^(ca|tls|cert|certificate|root|chain)$/i;

export function projectSecret(s: any): SecretInfo {
  const out: SecretInfo = { metadata: projectMeta(s?.metadata), type: String(s?.type ?? 'Opaque'), certData: {}, droppedKeys: [] };
  const data = s?.data && typeof s.data === 'object' ? s.data : {};
  for (const [k, v] of Object.entries(data)) {
    if (/key/i.test(k) || !CERT_ENTRY.test(k) || typeof v !== 'string') {
      out.droppedKeys.push(k);
      continue;
    }
    const text = Buffer.from(v, 'base64').toString('utf8');
    // a combined "cert + key" PEM (some tools write tls.pem that way) is dropped whole
    if (containsPrivateKey(text) || !looksLikeCertificateText(text)) {
      out.droppedKeys.push(k);
      continue;
    }
    out.certData[k] = text;
  }
  // stringData never comes back from the API server, but be strict anyway: nothing else is copied
  return out;
}

export function projectConfigMap(c: any): ConfigMapInfo {
  const out: ConfigMapInfo = { metadata: projectMeta(c?.metadata), data: {} };
  const data = c?.data && typeof c.data === 'object' ? c.data : {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string' && looksLikeCertificateText(v) && !containsPrivateKey(v)) out.data[k] = v;
  }
  return out;
}

/** Status is kept only where it carries what the tree shows (cert-manager readiness and validity). */
const KEEP_STATUS = new Set(['cert-manager.io/Certificate', 'cert-manager.io/Issuer', 'cert-manager.io/ClusterIssuer']);

export function projectCustomResource(o: any, group: string, version: string, kind: string): CustomResource {
  const out: CustomResource = {
    apiVersion: String(o?.apiVersion ?? (group ? `${group}/${version}` : version)),
    kind: String(o?.kind ?? kind),
    metadata: projectMeta(o?.metadata),
  };
  if (typeof o?.metadata?.generation === 'number') out.metadata.generation = o.metadata.generation;
  if (o?.spec !== undefined) out.spec = o.spec;
  if (o?.status !== undefined && KEEP_STATUS.has(`${group}/${out.kind}`)) out.status = o.status;
  return out;
}

function strings(x: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) if (v != null) out[k] = String(v);
  return out;
}

function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
