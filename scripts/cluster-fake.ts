// `npm run cluster:fake -- --seed <file|folder>... --kubeconfig <out> [--port N] [--user test-admin|limited-user|token]
//  [--trust-domain td]`: serve the seeded objects from the fake API server until killed.
import { resolve } from 'node:path';
import { startFakeApiServer, type KubeUser } from '../tools/fake-apiserver/index.js';

const USAGE = 'usage: npm run cluster:fake -- --seed <file|folder> [--seed …] --kubeconfig <out> [--port N] [--user test-admin|limited-user|token] [--trust-domain td]';

interface Args { seeds: string[]; kubeconfig: string; port: number; user: KubeUser; trustDomain?: string }

function parseArgs(argv: string[]): Args {
  const out: Args = { seeds: [], kubeconfig: '', port: 0, user: 'test-admin' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    i++;
    if (flag === '--seed') out.seeds.push(...value.split(',').filter(Boolean));
    else if (flag === '--kubeconfig') out.kubeconfig = value;
    else if (flag === '--port') {
      out.port = Number(value);
      if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error(`--port must be 0-65535, got ${value}`);
    } else if (flag === '--user') {
      if (value !== 'test-admin' && value !== 'limited-user' && value !== 'token') throw new Error(`--user must be test-admin, limited-user or token, got ${value}`);
      out.user = value;
    } else if (flag === '--trust-domain') out.trustDomain = value;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (!out.kubeconfig) throw new Error(`--kubeconfig <out> is required\n${USAGE}`);
  return out;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const api = await startFakeApiServer({ seedPaths: args.seeds, port: args.port, trustDomain: args.trustDomain });
  const path = api.writeKubeconfig(resolve(args.kubeconfig), args.user);
  console.log(`ready: ${api.url} kubeconfig: ${path}`);
  const stop = () => void api.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`cluster:fake: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
