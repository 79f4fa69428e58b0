// Reads a ClusterSnapshot: discovery, then every list in parallel (a few at a time), each paged and
// projected. A 403/404/500 on one kind leaves that part out with a note; 401, unreachable, timeout and
// cancel end the whole read (nothing else would work either).
import type { ClusterClient } from './client';
import { ClusterError } from './errors';
import { discover } from './discovery';
import { projectConfigMap, projectCustomResource, projectMeta, projectPod, projectSecret, projectService } from './projections';
import { ALL_PARTS, type ClusterSnapshot, type SnapshotNote, type SnapshotPart } from './snapshot';

export interface LoadOptions {
  /** Only this namespace (cluster-scoped kinds are still read). */
  namespace?: string;
  parts?: readonly SnapshotPart[];
  signal?: AbortSignal;
  onProgress?: (p: { message: string; done: number; total: number }) => void;
  /** Lists running at once (default 4). */
  concurrency?: number;
  pageSize?: number;
}

/** Names of the CA ConfigMaps and CA Secrets, read by field selector across namespaces. */
export const CA_CONFIGMAPS = ['istio-ca-root-cert', 'linkerd-identity-trust-roots', 'spire-bundle'];
export const CA_SECRETS = ['cacerts', 'istio-ca-secret', 'linkerd-identity-issuer'];

const FATAL = new Set(['unauthorized', 'unreachable', 'timeout', 'cancelled', 'config', 'untrusted']);

interface Job {
  label: string;
  part: SnapshotPart;
  run: () => Promise<void>;
}

export async function loadSnapshot(client: ClusterClient, opts: LoadOptions = {}): Promise<ClusterSnapshot> {
  const t0 = Date.now();
  const startRequests = client.requestCount;
  const parts = new Set(opts.parts ?? ALL_PARTS);
  const req = { signal: opts.signal };
  opts.onProgress?.({ message: 'Discovering API groups', done: 0, total: 1 });
  const disco = await discover(client, req);
  const snap: ClusterSnapshot = {
    context: client.context,
    server: client.server,
    readAt: '',
    meshes: disco.meshes,
    groups: disco.groups,
    namespaces: [],
    pods: [],
    services: [],
    serviceAccounts: [],
    secrets: [],
    caConfigMaps: [],
    customResources: [],
    notes: [...disco.notes],
    resourceVersions: {},
    stats: { requests: 0, ms: 0 },
  };
  if (opts.namespace) snap.namespace = opts.namespace;
  const ns = opts.namespace;
  const core = (plural: string) => (ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/${plural}` : `/api/v1/${plural}`);
  const list = async <T>(path: string, what: string, project: (o: any) => T | undefined, query: Record<string, string> = {}): Promise<T[]> => {
    const page = await client.listAll(path, query, project, what, { ...req, pageSize: opts.pageSize });
    snap.resourceVersions[path + (query.fieldSelector ? `?fieldSelector=${query.fieldSelector}` : '')] = page.resourceVersion;
    return page.items;
  };

  const jobs: Job[] = [];
  if (parts.has('workloads') || parts.has('policies')) {
    jobs.push({
      label: 'namespaces', part: 'workloads',
      run: async () => {
        snap.namespaces = ns ? [{ metadata: projectMeta((await client.getJson(`/api/v1/namespaces/${encodeURIComponent(ns)}`, {}, `namespace ${ns}`, req))?.metadata) }]
          : await list('/api/v1/namespaces', 'namespaces', (o) => ({ metadata: projectMeta(o?.metadata) }));
      },
    });
  }
  if (parts.has('workloads')) {
    jobs.push({ label: 'pods', part: 'workloads', run: async () => void (snap.pods = await list(core('pods'), 'pods', projectPod)) });
    jobs.push({ label: 'services', part: 'workloads', run: async () => void (snap.services = await list(core('services'), 'services', projectService)) });
    jobs.push({ label: 'serviceaccounts', part: 'workloads', run: async () => void (snap.serviceAccounts = await list(core('serviceaccounts'), 'serviceaccounts', (o) => ({ metadata: projectMeta(o?.metadata) }))) });
  }
  if (parts.has('certificates')) {
    jobs.push({
      label: 'secrets', part: 'certificates',
      run: async () => void snap.secrets.push(...(await list(core('secrets'), 'secrets (type kubernetes.io/tls)', projectSecret, { fieldSelector: 'type=kubernetes.io/tls' }))),
    });
    for (const name of CA_SECRETS) {
      jobs.push({
        label: `secret ${name}`, part: 'certificates',
        run: async () => {
          const found = await list('/api/v1/secrets', `secrets named ${name}`, projectSecret, { fieldSelector: `metadata.name=${name}` });
          // a CA secret of type kubernetes.io/tls is already in the TLS list
          for (const s of found) if (!snap.secrets.some((x) => x.metadata.namespace === s.metadata.namespace && x.metadata.name === s.metadata.name)) snap.secrets.push(s);
        },
      });
    }
    for (const name of CA_CONFIGMAPS) {
      jobs.push({
        label: `configmap ${name}`, part: 'certificates',
        run: async () => void snap.caConfigMaps.push(...(await list('/api/v1/configmaps', `configmaps named ${name}`, projectConfigMap, { fieldSelector: `metadata.name=${name}` }))),
      });
    }
  }
  for (const r of disco.resources) {
    const isCertManager = r.group === 'cert-manager.io';
    const part: SnapshotPart = isCertManager ? 'certificates' : 'policies';
    if (!parts.has(part) && !(isCertManager && parts.has('policies'))) continue;
    const base = `/apis/${r.group}/${r.version}`;
    const path = ns && r.namespaced ? `${base}/namespaces/${encodeURIComponent(ns)}/${r.plural}` : `${base}/${r.plural}`;
    jobs.push({
      label: `${r.plural}.${r.group}`, part,
      run: async () => void snap.customResources.push(...(await list(path, `${r.plural}.${r.group}`, (o) => projectCustomResource(o, r.group, r.version, r.kind)))),
    });
  }

  let done = 0;
  const total = jobs.length;
  const runJob = async (job: Job) => {
    try {
      await job.run();
    } catch (e) {
      if (!(e instanceof ClusterError) || FATAL.has(e.kind)) throw e;
      snap.notes.push(noteFor(job.label, e));
    } finally {
      done++;
      opts.onProgress?.({ message: `Read ${job.label}`, done, total });
    }
  };
  await runLimited(jobs, opts.concurrency ?? 4, runJob, opts.signal);

  sortSnapshot(snap);
  if (!Object.values(snap.meshes).some(Boolean))
    snap.notes.push({ level: 'info', part: 'meshes', message: 'No service mesh found: none of Istio, Linkerd, cert-manager or SPIRE has its API group on this cluster.' });
  snap.readAt = new Date().toISOString();
  snap.stats = { requests: client.requestCount - startRequests, ms: Date.now() - t0 };
  return snap;
}

function noteFor(part: string, e: ClusterError): SnapshotNote {
  return { level: e.kind === 'forbidden' || e.kind === 'not-found' ? 'warning' : 'error', part, message: e.message, errorKind: e.kind };
}

async function runLimited<T>(items: T[], limit: number, fn: (t: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      if (signal?.aborted) throw new ClusterError('cancelled', 'Reading the cluster was cancelled.');
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
}

function sortSnapshot(s: ClusterSnapshot): void {
  const key = (m: { metadata: { namespace?: string; name: string } }) => `${m.metadata.namespace ?? ''}/${m.metadata.name}`;
  const by = <T extends { metadata: { namespace?: string; name: string } }>(a: T, b: T) => key(a).localeCompare(key(b));
  s.secrets.sort(by);
  s.caConfigMaps.sort(by);
  s.customResources.sort((a, b) => a.kind.localeCompare(b.kind) || by(a, b));
}
