// A snapshot as YAML documents, so cluster objects go through the same parser, index and rules as
// workspace files. One document per object, named cluster://<context>/<namespace>/<kind>/<name>
// (namespace "_cluster" for cluster-scoped objects; each segment URI-encoded).
import { stringify } from 'yaml';
import type { ClusterSnapshot, Meta } from './snapshot';

export interface ClusterDocument {
  file: string;
  text: string;
}

export const CLUSTER_SCHEME = 'cluster://';

export function clusterDocumentName(context: string, kind: string, meta: { namespace?: string; name: string }): string {
  const e = encodeURIComponent;
  return `${CLUSTER_SCHEME}${e(context)}/${e(meta.namespace ?? '_cluster')}/${e(kind)}/${e(meta.name)}`;
}

/** Parses a name made by clusterDocumentName (undefined for anything else). */
export function parseClusterDocumentName(file: string): { context: string; namespace?: string; kind: string; name: string } | undefined {
  if (!file.startsWith(CLUSTER_SCHEME)) return undefined;
  const parts = file.slice(CLUSTER_SCHEME.length).split('/');
  if (parts.length !== 4) return undefined;
  const [context, ns, kind, name] = parts.map(decodeURIComponent);
  return { context, namespace: ns === '_cluster' ? undefined : ns, kind, name };
}

export function snapshotToDocuments(snap: ClusterSnapshot): ClusterDocument[] {
  const docs: ClusterDocument[] = [];
  const add = (apiVersion: string, kind: string, metadata: Meta, body: Record<string, unknown>) => {
    const obj = { apiVersion, kind, metadata, ...body };
    docs.push({ file: clusterDocumentName(snap.context, kind, metadata), text: stringify(obj, { lineWidth: 0 }) });
  };
  for (const n of snap.namespaces) add('v1', 'Namespace', n.metadata, {});
  for (const sa of snap.serviceAccounts) add('v1', 'ServiceAccount', sa.metadata, {});
  for (const s of snap.services) {
    const { metadata, ...spec } = s;
    add('v1', 'Service', metadata, { spec });
  }
  for (const p of snap.pods) {
    const spec: Record<string, unknown> = { containers: p.containers };
    if (p.initContainers.length) spec.initContainers = p.initContainers;
    if (p.serviceAccountName) spec.serviceAccountName = p.serviceAccountName;
    if (p.nodeName) spec.nodeName = p.nodeName;
    const status: Record<string, unknown> = {};
    if (p.phase) status.phase = p.phase;
    if (p.podIP) status.podIP = p.podIP;
    add('v1', 'Pod', p.metadata, { spec, ...(Object.keys(status).length ? { status } : {}) });
  }
  for (const s of snap.secrets) {
    // only the certificate entries exist in the snapshot; they go back in as base64 like real Secret data
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.certData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    add('v1', 'Secret', s.metadata, { type: s.type, data });
  }
  for (const c of snap.caConfigMaps) add('v1', 'ConfigMap', c.metadata, { data: c.data });
  for (const r of snap.customResources) {
    const body: Record<string, unknown> = {};
    if (r.spec !== undefined) body.spec = r.spec;
    if (r.status !== undefined) body.status = r.status;
    add(r.apiVersion, r.kind, r.metadata, body);
  }
  return docs;
}
