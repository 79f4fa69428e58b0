// The certificates of a snapshot, decoded and verified: CA roots (Istio, Linkerd, SPIRE), mesh CA
// Secrets, cert-manager Certificates and TLS Secrets. Pure over the snapshot (no requests).
import { decodeCertificates } from '../core/x509/decode';
import { verifyChain } from '../core/x509/verify';
import type { CertInfo, ChainVerification } from '../core/x509/types';
import type { ClusterSnapshot, CustomResource, SecretInfo } from './snapshot';

export type TrustDomainMesh = 'istio' | 'linkerd' | 'spire';

export interface CertSource {
  kind: 'ConfigMap' | 'Secret' | 'Certificate' | 'Pod';
  namespace?: string;
  name: string;
  /** Data key (tls.crt, root-cert.pem) or the container for SVIDs. */
  key?: string;
}

export interface CertGroup {
  source: CertSource;
  /** What it is, in words: "Istio trust root", "Linkerd issuer", "TLS Secret", ... */
  role: string;
  mesh?: TrustDomainMesh | 'cert-manager';
  /** Leaf first. */
  chain: CertInfo[];
  verification?: ChainVerification;
  errors: string[];
  /** Linkerd's anchors and issuer warn at 60 days (linkerd check). */
  linkerdThresholds?: boolean;
}

export interface CertManagerCertificateInfo {
  namespace: string;
  name: string;
  secretName?: string;
  ready: 'True' | 'False' | 'Unknown';
  readyMessage?: string;
  notAfter?: string;
  renewalTime?: string;
  dnsNames: string[];
  uris: string[];
  issuer?: string;
  /** The certificate from its Secret, when the Secret was read. */
  group?: CertGroup;
}

export interface ClusterCertificates {
  trustRoots: CertGroup[];
  /** Mesh CA material: Istio cacerts / istio-ca-secret, Linkerd issuer. */
  meshCAs: CertGroup[];
  certManager: CertManagerCertificateInfo[];
  tlsSecrets: CertGroup[];
  /** Roots per mesh, for verifying SVIDs read later. */
  rootsByMesh: Partial<Record<TrustDomainMesh, CertInfo[]>>;
}

const ROOT_CONFIGMAPS: Record<string, { mesh: TrustDomainMesh; role: string }> = {
  'istio-ca-root-cert': { mesh: 'istio', role: 'Istio trust root' },
  'linkerd-identity-trust-roots': { mesh: 'linkerd', role: 'Linkerd trust anchors' },
  'spire-bundle': { mesh: 'spire', role: 'SPIRE trust bundle' },
};

export function clusterCertificates(snap: ClusterSnapshot, now: Date): ClusterCertificates {
  const out: ClusterCertificates = { trustRoots: [], meshCAs: [], certManager: [], tlsSecrets: [], rootsByMesh: {} };
  // Trust roots: istio-ca-root-cert is copied into every namespace; show each distinct bundle once.
  const seen = new Set<string>();
  for (const cm of snap.caConfigMaps) {
    const kind = ROOT_CONFIGMAPS[cm.metadata.name];
    if (!kind) continue;
    for (const [key, text] of Object.entries(cm.data)) {
      const d = decodeCertificates(text);
      const fp = d.certs.map((c) => c.fingerprint256).join(',');
      if (seen.has(`${kind.mesh}|${fp}`)) continue;
      seen.add(`${kind.mesh}|${fp}`);
      const roots = (out.rootsByMesh[kind.mesh] ??= []);
      for (const c of d.certs) if (!roots.some((r) => r.fingerprint256 === c.fingerprint256)) roots.push(c);
      out.trustRoots.push({
        source: { kind: 'ConfigMap', namespace: cm.metadata.namespace, name: cm.metadata.name, key },
        role: kind.role, mesh: kind.mesh, chain: d.certs, errors: d.errors, linkerdThresholds: kind.mesh === 'linkerd',
      });
    }
  }
  const secrets = new Map(snap.secrets.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
  const usedByCertManager = new Set<string>();
  for (const cr of snap.customResources) {
    if (cr.kind !== 'Certificate' || !cr.apiVersion.startsWith('cert-manager.io/')) continue;
    const info = certManagerInfo(cr);
    const secret = info.secretName ? secrets.get(`${info.namespace}/${info.secretName}`) : undefined;
    if (secret) {
      usedByCertManager.add(`${info.namespace}/${info.secretName}`);
      info.group = secretGroup(secret, 'cert-manager Certificate', now, out);
      info.group.mesh = 'cert-manager';
    }
    out.certManager.push(info);
  }
  for (const s of snap.secrets) {
    const id = `${s.metadata.namespace}/${s.metadata.name}`;
    const name = s.metadata.name;
    if (name === 'cacerts' || name === 'istio-ca-secret') {
      out.meshCAs.push({ ...secretGroup(s, name === 'cacerts' ? 'Istio CA (plugged-in cacerts)' : 'Istio self-signed CA', now, out, 'istio'), mesh: 'istio' });
    } else if (name === 'linkerd-identity-issuer') {
      out.meshCAs.push({ ...secretGroup(s, 'Linkerd identity issuer', now, out, 'linkerd'), mesh: 'linkerd', linkerdThresholds: true });
    } else if (!usedByCertManager.has(id)) {
      out.tlsSecrets.push(secretGroup(s, 'TLS Secret', now, out));
    }
  }
  return out;
}

/** The chain of a Secret (tls.crt / ca-cert.pem / crt.pem), verified against its own ca.crt or the mesh roots. */
function secretGroup(s: SecretInfo, role: string, now: Date, all: ClusterCertificates, mesh?: TrustDomainMesh): CertGroup {
  const leafKey = ['tls.crt', 'ca-cert.pem', 'crt.pem', 'cert-chain.pem'].find((k) => k in s.certData) ?? Object.keys(s.certData).find((k) => !/^ca\.crt$|root-cert\.pem$/.test(k));
  const rootKey = ['ca.crt', 'root-cert.pem'].find((k) => k in s.certData);
  const errors: string[] = [];
  const leaf = leafKey ? decodeCertificates(s.certData[leafKey]) : { certs: [], errors: ['no certificate entry in the Secret'] };
  errors.push(...leaf.errors);
  // cert-chain.pem carries the intermediates of an Istio plugged-in CA
  const extra = leafKey !== 'cert-chain.pem' && s.certData['cert-chain.pem'] ? decodeCertificates(s.certData['cert-chain.pem']).certs : [];
  const chain = [...leaf.certs, ...extra.filter((c) => !leaf.certs.some((l) => l.fingerprint256 === c.fingerprint256))];
  let roots = rootKey ? decodeCertificates(s.certData[rootKey]).certs : [];
  if (!roots.length && mesh) roots = all.rootsByMesh[mesh] ?? [];
  const group: CertGroup = {
    source: { kind: 'Secret', namespace: s.metadata.namespace, name: s.metadata.name, key: leafKey },
    role,
    chain,
    errors,
  };
  if (chain.length) group.verification = verifyChain(chain, roots, now);
  return group;
}

function certManagerInfo(cr: CustomResource): CertManagerCertificateInfo {
  const spec = (cr.spec ?? {}) as any;
  const status = (cr.status ?? {}) as any;
  const ready = (Array.isArray(status.conditions) ? status.conditions : []).find((c: any) => c?.type === 'Ready');
  const info: CertManagerCertificateInfo = {
    namespace: cr.metadata.namespace ?? '',
    name: cr.metadata.name,
    ready: ready?.status === 'True' || ready?.status === 'False' ? ready.status : 'Unknown',
    dnsNames: Array.isArray(spec.dnsNames) ? spec.dnsNames.map(String) : [],
    uris: Array.isArray(spec.uris) ? spec.uris.map(String) : [],
  };
  if (typeof spec.secretName === 'string') info.secretName = spec.secretName;
  if (ready?.message) info.readyMessage = String(ready.message);
  if (status.notAfter) info.notAfter = String(status.notAfter);
  if (status.renewalTime) info.renewalTime = String(status.renewalTime);
  if (spec.issuerRef?.name) info.issuer = `${spec.issuerRef.kind ?? 'Issuer'}/${spec.issuerRef.name}`;
  return info;
}
