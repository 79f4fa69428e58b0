// `mtls-lens status`: the effective mTLS mode of every workload, as the editor's lenses show it. With a
// cluster: the live cluster, with the --workspace files applied over it (what an apply would change).
// Without --kubeconfig/--context and no reachable cluster: the workspace files alone (said on stderr).
// Read-only. Exit status: 0 printed, 2 bad usage or the cluster (asked for explicitly) could not be read.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs, flag, oneOf, UsageError } from './args';
import { collectFiles } from './files';
import { parseYamlFile } from '../core/yaml/parse';
import { ResourceIndex } from '../core/index';
import { defaultSettings } from '../core/settings';
import { CombinedIndex } from '../core/status/combine';
import { allWorkloadStatuses, toJson, toTextLines } from '../core/status/report';
import type { StatusInputs } from '../core/status/workload';
import type * as Cluster from '../cluster/index';

export const STATUS_HELP = `mtls-lens status [options] [--workspace paths…]   effective mTLS mode of every workload

  --kubeconfig <file>        kubeconfig to use (default: KUBECONFIG, then ~/.kube/config)
  --context <name>           context to use (default: current-context)
  --namespace <ns>           report only this namespace (policies are still read cluster-wide)
  --workspace <path>         YAML files, folders or globs applied over the cluster (repeatable; more
                             paths may follow as plain arguments). Without a cluster: analysed alone.
  --format text|json         output format (default text); JSON is documented in docs/status.md
  --root-namespace <ns>      Istio root namespace (default istio-system)
  --timeout <seconds>        per-request timeout (default 30; 5 when no cluster was asked for)

Without --kubeconfig or --context, an unreachable or missing cluster means workspace only (a note on
stderr). With them, a cluster error is an error.
Exit status: 0 status printed, 2 bad usage, unreadable files, or the requested cluster could not be read.
`;

export async function runStatus(argv: string[], loadCluster: () => typeof Cluster = defaultLoader): Promise<number> {
  const args = parseArgs(argv, {
    kubeconfig: { value: true },
    context: { value: true },
    namespace: { value: true },
    workspace: { value: true, repeat: true },
    format: { value: true },
    'root-namespace': { value: true },
    timeout: { value: true },
    help: {},
  });
  if (flag(args, 'help')) {
    process.stdout.write(STATUS_HELP);
    return 0;
  }
  const format = oneOf('format', flag(args, 'format'), ['text', 'json'] as const, 'text');
  const explicit = flag(args, 'kubeconfig') !== undefined || flag(args, 'context') !== undefined;
  const timeoutS = Number(flag(args, 'timeout') ?? (explicit ? 30 : 5));
  if (!(timeoutS > 0)) throw new UsageError(`--timeout must be a positive number of seconds (got '${flag(args, 'timeout')}')`);
  const paths = [...(args.flags.get('workspace') ?? []), ...args.positionals];
  const settings = defaultSettings();
  const root = flag(args, 'root-namespace');
  if (root) settings.rootNamespace = root;
  const namespace = flag(args, 'namespace');

  // collectFiles resolves paths against the current folder, so absolute ones go in relative to it
  const files = paths.length ? collectFiles(paths.map((p) => (isAbsolute(p) ? relative(process.cwd(), p) || '.' : p))) : [];
  const workspace = files.map((f) => {
    try {
      return parseYamlFile(resolve(f), readFileSync(f, 'utf8'), settings);
    } catch (e) {
      throw new UsageError(`cannot read '${f}': ${(e as Error).message}`);
    }
  });

  let snap: Cluster.ClusterSnapshot | undefined;
  let cluster: typeof Cluster | undefined;
  try {
    cluster = loadCluster();
    const client = cluster.connect({ kubeconfigPath: flag(args, 'kubeconfig'), origin: 'flag', context: flag(args, 'context'), allowExec: true }, timeoutS * 1000);
    // the whole cluster even with --namespace: mesh-wide policy lives in the root namespace
    snap = await cluster.loadSnapshot(client, { parts: ['workloads', 'policies'] });
  } catch (e) {
    const isClusterError = !!cluster && e instanceof cluster.ClusterError;
    if (!isClusterError) throw e;
    if (explicit) {
      process.stderr.write(`mtls-lens: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`mtls-lens: no cluster (${(e as Error).message}); showing the workspace only.\n`);
  }

  let inputs: StatusInputs;
  if (snap && cluster) {
    for (const n of snap.notes) process.stderr.write(`mtls-lens: note: ${n.message}\n`);
    const combined = new CombinedIndex(settings.defaultNamespace);
    combined.setLive(snap.context, cluster.snapshotToDocuments(snap).map((d) => ({ file: d.file, resources: parseYamlFile(d.file, d.text, settings).resources })));
    for (const p of workspace) combined.setOverlay(p.file, p.resources);
    inputs = { index: combined.afterApply, live: combined.live, context: snap.context, settings };
  } else {
    if (!workspace.length) process.stderr.write('mtls-lens: no cluster and no --workspace files: nothing to report.\n');
    const index = new ResourceIndex();
    for (const p of workspace) index.setFile(p.file, p.resources);
    inputs = { index, settings };
  }

  const statuses = allWorkloadStatuses(inputs, namespace);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(toJson(statuses), null, 2) + '\n');
  } else {
    const head = snap ? `Context ${snap.context} (${snap.server})${workspace.length ? `, with ${workspace.length} workspace file(s) applied over it` : ''}` : `Workspace only (${workspace.length} file(s))`;
    const lines = toTextLines(statuses, inputs.context);
    process.stdout.write([head, '', ...(lines.length ? lines : ['No workloads found.']), ''].join('\n'));
  }
  return 0;
}

/** dist/cli.js loads dist/cluster.js next to it only now: `lint` never pays for the Kubernetes client. */
function defaultLoader(): typeof Cluster {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'cluster.js'));
}
