// `mtls-lens certs`: every certificate the cluster shows (trust roots, mesh CAs, cert-manager
// Certificates, TLS Secrets), decoded and verified. Read-only; private keys are dropped on read and never
// printed. Exit status: 0 all fine, 1 a certificate is expired/not yet valid or fails verification,
// 2 bad usage, no kubeconfig, or the cluster could not be read.
import { join } from 'node:path';
import { parseArgs, flag, oneOf, UsageError } from './args';
import { expiryState, describeTimeLeft } from '../core/x509/expiry';
import { certTitle } from '../core/x509/format';
import { DEFAULT_EXPIRY, LINKERD_EXPIRY, type CertInfo, type ExpiryState } from '../core/x509/types';
import type * as Cluster from '../cluster/index';
import type { CertGroup } from '../cluster/certs';

export const CERTS_HELP = `mtls-lens certs [options]   list the cluster's mesh certificates with expiry and verification

  --kubeconfig <file>        kubeconfig to use (default: KUBECONFIG, then ~/.kube/config)
  --context <name>           context to use (default: current-context)
  --namespace <ns>           only this namespace (trust roots are read cluster-wide)
  --format text|json         output format (default text); JSON is documented in docs/cluster.md
  --timeout <seconds>        per-request timeout (default 30)

Exit status: 0 all certificates valid, 1 one is expired, not yet valid or fails verification,
2 bad usage or the cluster could not be read.
`;

/** One certificate in the JSON output (schema documented in docs/cluster.md; fields only ever added). */
export interface JsonCertificate {
  source: { kind: string; namespace?: string; name: string; key?: string };
  role: string;
  /** 0 = the leaf (or the first certificate of a bundle). */
  position: number;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  dnsNames: string[];
  spiffeIds: string[];
  uris: string[];
  isCA: boolean;
  fingerprint256: string;
  expiry: ExpiryState;
  verification: { status: 'valid' | 'invalid' | 'unknown'; message: string } | null;
}

export async function runCerts(argv: string[], loadCluster: () => typeof Cluster = defaultLoader): Promise<number> {
  const args = parseArgs(argv, { kubeconfig: { value: true }, context: { value: true }, namespace: { value: true }, format: { value: true }, timeout: { value: true }, help: {} });
  if (flag(args, 'help')) {
    process.stdout.write(CERTS_HELP);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`certs takes no paths (got '${args.positionals[0]}')`);
  const format = oneOf('format', flag(args, 'format'), ['text', 'json'] as const, 'text');
  const timeoutS = Number(flag(args, 'timeout') ?? 30);
  if (!(timeoutS > 0)) throw new UsageError(`--timeout must be a positive number of seconds (got '${flag(args, 'timeout')}')`);
  const cluster = loadCluster();
  const now = new Date();
  let snap: Cluster.ClusterSnapshot;
  try {
    // like kubectl, the command line runs the kubeconfig's credential plugins: the user asked for it
    const client = cluster.connect({ kubeconfigPath: flag(args, 'kubeconfig'), origin: 'flag', context: flag(args, 'context'), allowExec: true }, timeoutS * 1000);
    snap = await cluster.loadSnapshot(client, { namespace: flag(args, 'namespace'), parts: ['certificates'] });
  } catch (e) {
    if (e instanceof cluster.ClusterError) {
      process.stderr.write(`mtls-lens: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const certs = cluster.clusterCertificates(snap, now);
  const groups: CertGroup[] = [...certs.trustRoots, ...certs.meshCAs, ...certs.certManager.flatMap((c) => (c.group ? [c.group] : [])), ...certs.tlsSecrets];
  const list = groups.flatMap((g) => g.chain.map((c, i) => toJson(g, c, i, now)));
  for (const n of snap.notes) process.stderr.write(`mtls-lens: note: ${n.message}\n`);
  if (format === 'json') {
    const out = {
      context: snap.context,
      server: snap.server,
      readAt: snap.readAt,
      namespace: snap.namespace ?? null,
      meshes: snap.meshes,
      certificates: list,
      certManager: certs.certManager.map(({ group: _group, ...c }) => c),
      notes: snap.notes,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    process.stdout.write(formatText(snap, groups, certs.certManager, now));
  }
  const bad = list.some((c) => c.expiry === 'expired' || c.expiry === 'not-yet-valid' || (c.position === 0 && c.verification?.status === 'invalid'));
  return bad ? 1 : 0;
}

function toJson(g: CertGroup, c: CertInfo, position: number, now: Date): JsonCertificate {
  return {
    source: g.source,
    role: g.role,
    position,
    subject: c.subject,
    issuer: c.issuer,
    serial: c.serial,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    dnsNames: c.dnsNames,
    spiffeIds: c.spiffeIds,
    uris: c.uris,
    isCA: c.isCA,
    fingerprint256: c.fingerprint256,
    expiry: expiryState(c, now, g.linkerdThresholds ? LINKERD_EXPIRY : DEFAULT_EXPIRY),
    verification: position === 0 && g.verification ? { status: g.verification.status, message: g.verification.message } : null,
  };
}

const MARK: Record<ExpiryState, string> = { ok: 'ok      ', warning: 'WARNING ', critical: 'CRITICAL', expired: 'EXPIRED ', 'not-yet-valid': 'NOTYET  ' };

function formatText(snap: Cluster.ClusterSnapshot, groups: CertGroup[], cm: Cluster.CertManagerCertificateInfo[], now: Date): string {
  const meshes = Object.entries(snap.meshes).filter(([, v]) => v).map(([k]) => k);
  const lines = [`Context ${snap.context} (${snap.server})${snap.namespace ? `, namespace ${snap.namespace}` : ''}; meshes: ${meshes.join(', ') || 'none found'}`, ''];
  if (!groups.length) lines.push('No certificates found (no TLS Secrets, mesh CA ConfigMaps or cert-manager Certificates).');
  for (const g of groups) {
    const src = `${g.source.kind} ${g.source.namespace ? `${g.source.namespace}/` : ''}${g.source.name}${g.source.key ? ` [${g.source.key}]` : ''}`;
    lines.push(`${g.role}: ${src}`);
    if (g.verification) lines.push(`  verification: ${g.verification.status} (${g.verification.message})`);
    for (const e of g.errors) lines.push(`  problem: ${e}`);
    g.chain.forEach((c, i) => {
      const state = expiryState(c, now, g.linkerdThresholds ? LINKERD_EXPIRY : DEFAULT_EXPIRY);
      lines.push(`  ${MARK[state]} ${i === 0 ? '' : '  '}${certTitle(c)}${c.isCA ? ' (CA)' : ''}  ${describeTimeLeft(c, now)}  serial ${c.serial}`);
    });
    lines.push('');
  }
  if (cm.length) {
    lines.push('cert-manager Certificates:');
    for (const c of cm)
      lines.push(`  ${c.namespace}/${c.name}  Ready=${c.ready}${c.notAfter ? `  notAfter ${c.notAfter}` : ''}${c.renewalTime ? `  renews ${c.renewalTime}` : ''}${c.readyMessage && c.ready !== 'True' ? `  (${c.readyMessage})` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** dist/cli.js loads dist/cluster.js next to it only now: `lint` never pays for the Kubernetes client. */
function defaultLoader(): typeof Cluster {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'cluster.js'));
}
