// One measured read of the big fake cluster, in its own process (run with --expose-gc by snapshot.ts so
// the server's CPU and memory are not counted). Prints one JSON line:
//   { wallMs, cpuMs, retainedMB, items, requests }
// Modes:
//   loader <kubeconfig>            src/cluster's loadSnapshot (projections, every part)
//   raw <kubeconfig> <urls.json>   the floor: the same GET URLs the loader sent (recorded by the fake
//                                  server), fetched with undici + JSON.parse, chains of `continue` pages
//                                  sequential and 4 chains at once, like the loader; every item kept.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Agent, fetch } from 'undici';
import { connect, loadSnapshot } from '../../src/cluster/index';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

interface Result {
  items: number;
  requests: number;
  keep: unknown;
}

async function viaLoader(kubeconfigPath: string): Promise<Result> {
  const client = connect({ kubeconfigPath, origin: 'flag', allowExec: false }, 120_000);
  const snap = await loadSnapshot(client);
  const items = snap.pods.length + snap.secrets.length + snap.namespaces.length + snap.customResources.length + snap.caConfigMaps.length;
  return { items, requests: snap.stats.requests, keep: snap };
}

async function viaRaw(kubeconfigPath: string, urlsPath: string): Promise<Result> {
  const kc = parseYaml(readFileSync(kubeconfigPath, 'utf8'));
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  const cluster = kc.clusters[0].cluster;
  const user = kc.users[0].user;
  const agent = new Agent({ connect: { ca: b64(cluster['certificate-authority-data']), cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) } });
  const chains = JSON.parse(readFileSync(urlsPath, 'utf8')) as string[][];
  const kept: unknown[] = [];
  let requests = 0;
  let next = 0;
  const worker = async () => {
    while (next < chains.length) {
      const chain = chains[next++];
      for (const url of chain) {
        const res = await fetch(cluster.server + url, { headers: { Accept: 'application/json' }, dispatcher: agent });
        const body = JSON.parse(await res.text());
        requests++;
        if (Array.isArray(body.items)) kept.push(...body.items);
        else kept.push(body);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await agent.close();
  return { items: kept.length, requests, keep: kept };
}

async function main(): Promise<void> {
  const [mode, kubeconfig, urls] = process.argv.slice(2);
  // Load the code paths before the baseline so module loading is not counted as retained heap.
  if (mode === 'loader') connect({ kubeconfigPath: kubeconfig, origin: 'flag', allowExec: false });
  gc!();
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = mode === 'loader' ? await viaLoader(kubeconfig) : await viaRaw(kubeconfig, urls);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  gc!();
  gc!();
  const retainedMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, retainedMB, items: r.items, requests: r.requests, kept: r.keep ? 1 : 0 }) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
