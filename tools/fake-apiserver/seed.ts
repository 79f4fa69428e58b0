// Seeding: read manifests, then make their certificates real. Marker annotations (stripped before
// serving, so the reader sees ordinary objects):
//   Secret    fake.mtls-lens.dev/generate-cert: '{"commonName":"x","dnsNames":[],"uris":[],"isCA":false,
//             "issuer":"<ns>/<secret>","validDays":90,"expiresInDays":5}'  → tls.crt (chain), tls.key, ca.crt
//   ConfigMap fake.mtls-lens.dev/cert-from-secret: '{"key":"ca-bundle.crt","secret":"<ns>/<secret>"}'
//             → data[key] = that generated secret's certificate PEM (trust bundles)
// Plus: a mesh CA per run; every pod with an `istio-proxy` container gets an SVID; every seeded
// Namespace gets the `istio-ca-root-cert` ConfigMap; istio-system gets `istio-ca-secret`; cert-manager
// Certificates get status.notBefore/notAfter/renewalTime from their generated Secret when missing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DAY, issueCert, issueSvid, makeMeshCa, type IssuedCert } from './certs.js';
import type { KubeObject } from './types.js';

export const GENERATE_CERT = 'fake.mtls-lens.dev/generate-cert';
export const CERT_FROM_SECRET = 'fake.mtls-lens.dev/cert-from-secret';

/** Read YAML files, or folders of them (recursively, sorted), into objects. `kind: List` is flattened. */
export function loadManifests(paths: string[]): object[] {
  const out: object[] = [];
  for (const file of paths.flatMap(expand)) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    for (const doc of docs) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: a document is not a mapping`);
      const v = value as { kind?: unknown; items?: unknown };
      if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) out.push(...(v.items as object[]));
      else out.push(value);
    }
  }
  return out;
}

function expand(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new Error(`seed path not found: ${p}`);
  }
  if (st.isFile()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    // dotfiles are not manifests: .mtls-lens.yaml marks a mesh root with analyzer settings, not a kube object
    .flatMap((e) => (e.isDirectory() ? expand(join(p, e.name)) : /\.ya?ml$/.test(e.name) && !e.name.startsWith('.') ? [join(p, e.name)] : []));
}

interface CertRequest {
  commonName?: string;
  dnsNames?: string[];
  uris?: string[];
  isCA?: boolean;
  issuer?: string;
  validDays?: number;
  expiresInDays?: number;
}

export interface SeedResult {
  objects: KubeObject[];
  meshCa: IssuedCert;
  /** `ns/pod` → the SVID its istio-proxy holds. */
  svids: Map<string, IssuedCert>;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ref = (o: KubeObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

export async function prepareSeed(raw: object[], now: Date, trustDomain: string): Promise<SeedResult> {
  const objects = raw.map((o) => structuredClone(o) as KubeObject);
  for (const o of objects) {
    if (!o || typeof o !== 'object' || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string' || typeof o.metadata?.name !== 'string') {
      throw new Error(`seed object needs apiVersion, kind and metadata.name: ${JSON.stringify(o)?.slice(0, 200)}`);
    }
    if (o.kind === 'Secret' && o.stringData && typeof o.stringData === 'object') {
      const data = (o.data ??= {}) as Record<string, string>;
      for (const [k, v] of Object.entries(o.stringData as Record<string, string>)) data[k] = b64(String(v));
      delete o.stringData;
    }
  }
  const generated = await generateSecrets(objects, now);
  fillBundles(objects, generated);
  fillCertificateStatus(objects, generated);
  const meshCa = await makeMeshCa(now, trustDomain);
  const svids = new Map<string, IssuedCert>();
  for (const pod of objects.filter((o) => o.kind === 'Pod' && hasContainer(o, 'istio-proxy'))) {
    const sa = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? 'default';
    const ns = pod.metadata.namespace ?? 'default';
    svids.set(ref(pod), await issueSvid(meshCa, `spiffe://${trustDomain}/ns/${ns}/sa/${sa}`, now));
  }
  objects.push(...istioCaObjects(objects, meshCa));
  for (const o of objects) stripMarkers(o);
  return { objects, meshCa, svids };
}

export function hasContainer(pod: KubeObject, name: string): boolean {
  const containers = (pod.spec as { containers?: { name?: string }[] } | undefined)?.containers ?? [];
  return containers.some((c) => c.name === name);
}

async function generateSecrets(objects: KubeObject[], now: Date): Promise<Map<string, IssuedCert>> {
  const requests = new Map<string, { secret: KubeObject; req: CertRequest }>();
  for (const o of objects) {
    const note = o.metadata.annotations?.[GENERATE_CERT];
    if (o.kind !== 'Secret' || note === undefined) continue;
    let req: CertRequest;
    try {
      req = JSON.parse(note) as CertRequest;
    } catch (e) {
      throw new Error(`Secret ${ref(o)}: ${GENERATE_CERT} is not JSON: ${(e as Error).message}`, { cause: e });
    }
    requests.set(ref(o), { secret: o, req });
  }
  const done = new Map<string, IssuedCert>();
  const visiting = new Set<string>();
  const issue = async (key: string): Promise<IssuedCert> => {
    const hit = done.get(key);
    if (hit) return hit;
    const entry = requests.get(key);
    if (!entry) throw new Error(`issuer ${key} is not a Secret with ${GENERATE_CERT}`);
    if (visiting.has(key)) throw new Error(`issuer cycle at Secret ${key}`);
    visiting.add(key);
    const { req, secret } = entry;
    const issuer = req.issuer ? await issue(req.issuer) : undefined;
    const lifetime = (req.validDays ?? 90) * DAY;
    const notAfter = req.expiresInDays !== undefined ? new Date(now.getTime() + req.expiresInDays * DAY) : new Date(now.getTime() - 3_600_000 + lifetime);
    const cert = await issueCert(
      {
        subject: req.commonName ? `CN=${req.commonName}` : '',
        dnsNames: req.dnsNames,
        uris: req.uris,
        isCA: req.isCA,
        notBefore: new Date(notAfter.getTime() - lifetime),
        notAfter,
        extKeyUsage: req.isCA ? undefined : ['serverAuth', 'clientAuth'],
      },
      issuer,
    );
    const data = (secret.data ??= {}) as Record<string, string>;
    data['tls.crt'] = b64(cert.chainPem);
    data['tls.key'] = b64(cert.keyPem);
    data['ca.crt'] = b64(issuer ? issuer.certPem : cert.certPem);
    secret.type ??= 'kubernetes.io/tls';
    done.set(key, cert);
    return cert;
  };
  for (const key of requests.keys()) await issue(key);
  return done;
}

function fillBundles(objects: KubeObject[], generated: Map<string, IssuedCert>): void {
  for (const o of objects) {
    const note = o.metadata.annotations?.[CERT_FROM_SECRET];
    if (o.kind !== 'ConfigMap' || note === undefined) continue;
    let spec: { key?: string; secret?: string };
    try {
      spec = JSON.parse(note);
    } catch (e) {
      throw new Error(`ConfigMap ${ref(o)}: ${CERT_FROM_SECRET} is not JSON: ${(e as Error).message}`, { cause: e });
    }
    const cert = spec.secret ? generated.get(spec.secret) : undefined;
    if (!cert || !spec.key) throw new Error(`ConfigMap ${ref(o)}: ${CERT_FROM_SECRET} needs "key" and a generated "secret" (got ${note})`);
    ((o.data ??= {}) as Record<string, string>)[spec.key] = cert.certPem;
  }
}

function fillCertificateStatus(objects: KubeObject[], generated: Map<string, IssuedCert>): void {
  for (const c of objects.filter((o) => o.kind === 'Certificate' && o.apiVersion.startsWith('cert-manager.io/'))) {
    const secretName = (c.spec as { secretName?: string } | undefined)?.secretName;
    const cert = secretName && generated.get(`${c.metadata.namespace ?? 'default'}/${secretName}`);
    if (!cert) continue;
    const st = (c.status ??= {}) as Record<string, unknown>;
    const nb = cert.cert.notBefore.getTime();
    const na = cert.cert.notAfter.getTime();
    const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
    st.notBefore ??= iso(nb);
    st.notAfter ??= iso(na);
    st.renewalTime ??= iso(na - (na - nb) / 3); // cert-manager's default: renew at 2/3 of the lifetime
  }
}

function istioCaObjects(objects: KubeObject[], meshCa: IssuedCert): KubeObject[] {
  const meshInUse = objects.some((o) => (o.kind === 'Pod' && hasContainer(o, 'istio-proxy')) || (o.kind === 'Namespace' && o.metadata.name === 'istio-system'));
  if (!meshInUse) return [];
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  const existing = new Set(objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio-ca-root-cert').map(ref));
  const out: KubeObject[] = namespaces
    .filter((ns) => !existing.has(`${ns}/istio-ca-root-cert`))
    .map((ns) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio-ca-root-cert', namespace: ns, labels: { 'istio.io/config': 'true' } },
      data: { 'root-cert.pem': meshCa.certPem },
    }));
  for (const o of objects) {
    if (o.kind === 'ConfigMap' && o.metadata.name === 'istio-ca-root-cert') o.data = { ...(o.data as object), 'root-cert.pem': meshCa.certPem };
  }
  if (namespaces.includes('istio-system') && !objects.some((o) => o.kind === 'Secret' && ref(o) === 'istio-system/istio-ca-secret')) {
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'istio.io/ca-root',
      metadata: { name: 'istio-ca-secret', namespace: 'istio-system' },
      data: { 'ca-cert.pem': b64(meshCa.certPem), 'ca-key.pem': b64(meshCa.keyPem), 'cert-chain.pem': '', 'key.pem': '', 'root-cert.pem': '' },
    });
  }
  return out;
}

function stripMarkers(o: KubeObject): void {
  const a = o.metadata.annotations;
  if (!a) return;
  for (const k of Object.keys(a)) if (k.startsWith('fake.mtls-lens.dev/')) delete a[k];
  if (Object.keys(a).length === 0) delete o.metadata.annotations;
}
