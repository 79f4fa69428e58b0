// A cluster snapshot of 10,000 pods / 200 namespaces / 2,000 TLS Secrets read from the fake API server
// (tools/fake-apiserver, real HTTPS with client certificates) by src/cluster's loader, against the floor of
// fetching the very same pages (the URLs the loader sent, as the server recorded them) with undici +
// JSON.parse. Each read runs in a fresh child process (--expose-gc) so the server is not counted; wall
// time, client CPU and retained heap are medians of 3 reads each. Budgets (DESIGN.md): ≤ 1.3× the floor,
// ≤ 40 MB retained.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer, namespace, type FakeApiServer, type RecordedRequest } from '../../tools/fake-apiserver/index';
import { makeCert } from '../../test/unit/x509/gen';
import { fatPod, tlsSecretWith } from './snapshot-fixture';
import { median, type BenchCase, type Measurement } from '../harness';

const NAMESPACES = 200;
const PODS = 10_000;
const SECRETS = 2_000;
const READS = 3;

interface ChildResult {
  wallMs: number;
  cpuMs: number;
  retainedMB: number;
  items: number;
  requests: number;
}

async function bigCluster(): Promise<FakeApiServer> {
  const root = await makeCert({ subject: 'O=example, CN=Mesh Root', ca: true });
  const leaf = await makeCert({ subject: 'CN=web.example.com', dns: ['web.example.com'], issuer: root });
  // Seeded: the Istio control-plane namespace and one policy, so discovery sees the mesh. The bulk goes in
  // with store.put: seeding would mint an SVID for each of the 10,000 sidecars up front.
  const api = await startFakeApiServer({
    objects: [
      namespace('istio-system'),
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
    ],
  });
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    api.store.put(namespace(ns, { 'istio-injection': 'enabled' }));
    for (let i = 0; i < PODS / NAMESPACES; i++) api.store.put(fatPod(ns, n * 1000 + i));
    for (let i = 0; i < SECRETS / NAMESPACES; i++) api.store.put(tlsSecretWith(ns, `svc-${i}-tls`, leaf.pem, leaf.keyPem, root.pem));
  }
  return api;
}

/** Async on purpose: the fake server answers from this process's event loop while the child reads. */
async function child(args: string[]): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'snapshot-child.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult;
}

/** The loader's GETs grouped into page chains (same path and query apart from `continue`), in order. */
function chainsOf(requests: RecordedRequest[]): string[][] {
  const chains = new Map<string, string[]>();
  for (const r of requests) {
    if (r.method !== 'GET' || r.status !== 200) continue;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(r.query)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
    const key = (() => {
      const k = new URLSearchParams(q);
      k.delete('continue');
      return `${r.path}?${k}`;
    })();
    const list = chains.get(key) ?? [];
    list.push(`${r.path}${q.size ? `?${q}` : ''}`);
    chains.set(key, list);
  }
  return [...chains.values()];
}

export const snapshotCase: BenchCase = {
  name: 'cluster snapshot, 10,000 pods',
  async run() {
    const api = await bigCluster();
    const dir = mkdtempSync(join(tmpdir(), 'mtls-bench-'));
    try {
      const kubeconfig = api.writeKubeconfig(join(dir, 'kubeconfig'));
      const urls = join(dir, 'urls.json');
      const loader: ChildResult[] = [];
      const raw: ChildResult[] = [];
      for (let i = 0; i < READS; i++) {
        const before = api.requests.length;
        loader.push(await child(['loader', kubeconfig]));
        if (i === 0) writeFileSync(urls, JSON.stringify(chainsOf(api.requests.slice(before))));
        raw.push(await child(['raw', kubeconfig, urls]));
        api.requests.length = 0; // the log of 20 MB of requests is not what is measured
      }
      const m = (xs: ChildResult[], k: keyof ChildResult) => median(xs.map((x) => x[k]));
      const figure = `${PODS.toLocaleString('en')} pods (~8 KB), ${NAMESPACES} ns, ${SECRETS.toLocaleString('en')} TLS secrets; ${m(loader, 'requests')} requests`;
      const floorName = `undici + JSON.parse of the same ${m(raw, 'requests')} pages`;
      const rows: Measurement[] = [
        { case: 'snapshot', figure: `${figure}: wall`, value: m(loader, 'wallMs'), floor: m(raw, 'wallMs'), floorName, unit: 'ms', budget: 1.3 },
        { case: 'snapshot', figure: 'client CPU', value: m(loader, 'cpuMs'), floor: m(raw, 'cpuMs'), floorName, unit: 'ms', budget: 1.3 },
        { case: 'snapshot', figure: 'retained heap (projections kept)', value: m(loader, 'retainedMB'), floor: m(raw, 'retainedMB'), floorName: 'the same pages parsed and kept whole', unit: 'MB', limit: 40 },
      ];
      return rows;
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
