// A workload's SVID, read from its Istio sidecar: `pilot-agent request GET certs` (Envoy /certs: SPIFFE
// ID, serial, validity) and the config dump's secrets (the PEM chain and ROOTCA), so the chain can be
// decoded and verified. Envoy redacts private keys in the config dump; we never read that field anyway.
import { decodeCertificates } from '../core/x509/decode';
import { verifyChain } from '../core/x509/verify';
import type { CertInfo, ChainVerification } from '../core/x509/types';
import { execInContainer } from './exec';
import { ClusterError } from './errors';
import type { LoadedKubeconfig } from './kubeconfig';

export interface SvidSummary {
  spiffeIds: string[];
  dnsNames: string[];
  serial: string;
  notBefore?: string;
  notAfter?: string;
  daysUntilExpiration?: number;
}

export interface WorkloadSvid {
  namespace: string;
  pod: string;
  container: string;
  /** Where the chain came from. */
  source: 'config_dump' | 'certs';
  /** Leaf first; empty when only the /certs summary could be read. */
  chain: CertInfo[];
  /** ROOTCA from the sidecar's config. */
  roots: CertInfo[];
  /** From Envoy /certs (always present when that call worked). */
  summary: SvidSummary[];
  verification?: ChainVerification;
  /** Problems met on the way (a failed config dump after a working /certs, ...). */
  errors: string[];
}

export interface SvidOptions {
  container?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: Date;
  /** Roots to verify against besides the sidecar's own ROOTCA (the mesh's istio-ca-root-cert). */
  meshRoots?: CertInfo[];
}

export async function readIstioSvid(config: LoadedKubeconfig, namespace: string, pod: string, opts: SvidOptions = {}): Promise<WorkloadSvid> {
  const container = opts.container ?? 'istio-proxy';
  const run = (path: string) => execInContainer(config, namespace, pod, container, ['pilot-agent', 'request', 'GET', path], opts);
  const out: WorkloadSvid = { namespace, pod, container, source: 'certs', chain: [], roots: [], summary: [], errors: [] };
  let certsError: ClusterError | undefined;
  try {
    out.summary = parseEnvoyCerts((await run('certs')).stdout);
  } catch (e) {
    if (e instanceof ClusterError && (e.kind === 'cancelled' || e.kind === 'forbidden' || e.kind === 'not-found')) throw e;
    certsError = e instanceof ClusterError ? e : new ClusterError('exec', String(e));
    out.errors.push(`certs: ${certsError.message}`);
  }
  try {
    const dump = parseSecretsConfigDump((await run('config_dump?resource=dynamic_active_secrets')).stdout);
    out.chain = dump.chain;
    out.roots = dump.roots;
    out.source = 'config_dump';
    out.errors.push(...dump.errors);
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'cancelled') throw e;
    if (certsError) throw certsError; // neither worked: the first failure says most
    out.errors.push(`config_dump: ${(e as Error).message}`);
  }
  if (out.chain.length) {
    const roots = [...out.roots, ...(opts.meshRoots ?? []).filter((r) => !out.roots.some((o) => o.fingerprint256 === r.fingerprint256))];
    out.verification = verifyChain(out.chain, roots, opts.now ?? new Date());
  }
  if (!out.chain.length && !out.summary.length) throw new ClusterError('exec', `The sidecar of ${namespace}/${pod} reported no workload certificate (is the pod in the mesh and running?).`);
  return out;
}

/** Envoy admin /certs (admin.v3.Certificates) → per-certificate summaries of the workload chain. */
export function parseEnvoyCerts(json: string): SvidSummary[] {
  let doc: any;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new ClusterError('exec', 'the sidecar answered /certs with something that is not JSON');
  }
  const out: SvidSummary[] = [];
  for (const entry of Array.isArray(doc?.certificates) ? doc.certificates : []) {
    for (const c of Array.isArray(entry?.cert_chain) ? entry.cert_chain : []) {
      const sans = Array.isArray(c?.subject_alt_names) ? c.subject_alt_names : [];
      const s: SvidSummary = {
        spiffeIds: sans.map((x: any) => x?.uri).filter((u: unknown): u is string => typeof u === 'string' && u.startsWith('spiffe://')),
        dnsNames: sans.map((x: any) => x?.dns).filter((d: unknown): d is string => typeof d === 'string'),
        serial: String(c?.serial_number ?? '').toUpperCase(),
      };
      if (c?.valid_from) s.notBefore = new Date(c.valid_from).toISOString();
      if (c?.expiration_time) s.notAfter = new Date(c.expiration_time).toISOString();
      if (c?.days_until_expiration !== undefined) s.daysUntilExpiration = Number(c.days_until_expiration);
      out.push(s);
    }
  }
  return out;
}

/** Config dump (full, or `?resource=dynamic_active_secrets`) → the `default` chain and the ROOTCA bundle. */
export function parseSecretsConfigDump(json: string): { chain: CertInfo[]; roots: CertInfo[]; errors: string[] } {
  let doc: any;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new ClusterError('exec', 'the sidecar answered config_dump with something that is not JSON');
  }
  const secrets: any[] = [];
  for (const cfg of Array.isArray(doc?.configs) ? doc.configs : []) {
    if (Array.isArray(cfg?.dynamic_active_secrets)) secrets.push(...cfg.dynamic_active_secrets);
    else if (cfg?.secret) secrets.push(cfg); // ?resource= form: each config is one DynamicSecret
  }
  const out = { chain: [] as CertInfo[], roots: [] as CertInfo[], errors: [] as string[] };
  for (const s of secrets) {
    const secret = s?.secret ?? {};
    const name = String(s?.name ?? secret?.name ?? '');
    // only the certificate fields are read; tls_certificate.private_key is never touched
    const chainBytes = secret?.tls_certificate?.certificate_chain?.inline_bytes;
    const caBytes = secret?.validation_context?.trusted_ca?.inline_bytes;
    if (typeof chainBytes === 'string' && (name === 'default' || !out.chain.length)) {
      const d = decodeCertificates(Buffer.from(chainBytes, 'base64').toString('utf8'));
      out.chain = d.certs;
      out.errors.push(...d.errors.map((e) => `${name}: ${e}`));
    }
    if (typeof caBytes === 'string') {
      const d = decodeCertificates(Buffer.from(caBytes, 'base64').toString('utf8'));
      for (const c of d.certs) if (!out.roots.some((r) => r.fingerprint256 === c.fingerprint256)) out.roots.push(c);
      out.errors.push(...d.errors.map((e) => `${name}: ${e}`));
    }
  }
  if (!out.chain.length) throw new ClusterError('exec', 'the config dump has no workload certificate (secret "default")');
  return out;
}
