// The `mtls-lens` command line. Exit codes: 0 no error-level finding, 1 at least one, 2 bad usage or
// unreadable input (with a message saying what and where).
import { parseArgs, flag, oneOf, UsageError, type ParsedArgs } from './args';
import { lintPaths, hasErrors } from './lint';
import { loadConfig } from './config';
import { formatText } from './format/text';
import { formatSarif } from './format/sarif';
import { allRules } from '../core/rules/all';
import { runCerts } from './certs';
import { runStatus } from './status';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const HELP = `mtls-lens ${VERSION} — is mTLS really on? Checks Istio, Linkerd, cert-manager and SPIRE manifests.

Usage:
  mtls-lens lint [paths…] [options]   analyse YAML files, folders (recursively) and globs together
  mtls-lens rules [--format text|json] list every rule
  mtls-lens certs [--kubeconfig f] [--context c] [--namespace n] [--format text|json]
                                      the cluster's mesh certificates, expiry and verification
  mtls-lens status [--kubeconfig f] [--context c] [--namespace n] [--workspace paths…] [--format text|json]
                                      effective mTLS mode of every workload (live, with files applied)
  mtls-lens --version | --help

lint options:
  --format text|json|sarif   output format (default text)
  --severity error|warning|info
                             report only findings at or above this severity (default info)
  --config <file>            settings file (default: .mtls-lens.json/.yaml in the current folder)
  --root-namespace <ns>      Istio root namespace (default istio-system)
  --no-auto-mtls             analyse as if meshConfig.enableAutoMtls were false
  --max-file-size <MB>       skip larger files (default 5)

Exit status: 0 no error-level finding, 1 error-level findings, 2 bad usage or unreadable input.
`;

type Command = (args: string[]) => Promise<number> | number;

/** Subcommands; other modules add theirs here (certs, status). */
const commands: Record<string, Command> = {
  lint: runLint,
  rules: runRules,
  certs: (args) => runCerts(args),
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const run = commands[cmd];
  if (!run) return usage(`unknown command '${cmd}'`);
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    process.stderr.write(`mtls-lens: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

function usage(message: string): number {
  process.stderr.write(`mtls-lens: ${message}\nRun 'mtls-lens --help' for usage.\n`);
  return 2;
}

function runLint(argv: string[]): number {
  const args: ParsedArgs = parseArgs(argv, {
    format: { value: true },
    severity: { value: true },
    config: { value: true },
    'root-namespace': { value: true },
    'no-auto-mtls': {},
    'max-file-size': { value: true },
    help: {},
  });
  if (flag(args, 'help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = oneOf('format', flag(args, 'format'), ['text', 'json', 'sarif'] as const, 'text');
  const minSeverity = oneOf('severity', flag(args, 'severity'), ['error', 'warning', 'info'] as const, 'info');
  const settings = loadConfig(flag(args, 'config'));
  const root = flag(args, 'root-namespace');
  if (root) settings.rootNamespace = root;
  if (flag(args, 'no-auto-mtls')) settings.autoMtls = false;
  const size = flag(args, 'max-file-size');
  if (size !== undefined) {
    const mb = Number(size);
    if (!(mb > 0)) throw new UsageError(`--max-file-size must be a positive number of megabytes (got '${size}')`);
    settings.maxFileSizeBytes = mb * 1024 * 1024;
  }
  const { result, files } = lintPaths(args.positionals, {
    settings,
    minSeverity,
    onRuleError: (id, e) => process.stderr.write(`mtls-lens: internal error in rule ${id}: ${e.message}\n`),
  });
  if (format === 'json') process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(formatSarif(result, allRules, VERSION));
  else process.stdout.write(formatText(result, files.length, process.stdout.isTTY === true));
  return hasErrors(result) ? 1 : 0;
}

function runRules(argv: string[]): number {
  const args = parseArgs(argv, { format: { value: true } });
  const format = oneOf('format', flag(args, 'format'), ['text', 'json'] as const, 'text');
  const metas = allRules.map((r) => r.meta);
  if (format === 'json') process.stdout.write(JSON.stringify(metas, null, 2) + '\n');
  else
    for (const m of metas)
      process.stdout.write(`${m.id}  ${m.defaultSeverity.padEnd(7)}  ${m.title}${m.istio ? ` (${m.istio})` : ''}${m.kiali ? ` (${m.kiali})` : ''}\n`);
  return 0;
}

/** Lets other modules register subcommands (certs, status) without editing the dispatch. */
export function registerCommand(name: string, run: Command): void {
  commands[name] = run;
}

registerCommand('status', (args) => runStatus(args));
