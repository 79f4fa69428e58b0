// Certificates generated per run with @peculiar/x509 (ECDSA P-256, PKCS#8 keys): the API server's own
// PKI, the Istio mesh CA and workload SVIDs, and the certificates behind annotated seed Secrets.
import 'reflect-metadata'; // @peculiar/x509 2.x needs the reflect polyfill before it loads
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG: webcrypto.EcKeyGenParams & webcrypto.EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;

export interface IssuedCert {
  cert: x509.X509Certificate;
  certPem: string;
  keyPem: string;
  keys: webcrypto.CryptoKeyPair;
  /** PEM chain: this certificate, then its issuer's chain up to (excluding) the self-signed root. */
  chainPem: string;
  /** PEM of the root at the top of the chain (itself when self-signed). */
  rootPem: string;
}

export interface CertSpec {
  /** Distinguished name like `CN=test-admin, O=system:masters`; '' for an empty subject (SPIFFE SVIDs). */
  subject: string;
  notBefore: Date;
  notAfter: Date;
  isCA?: boolean;
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  /** Mark the SAN critical (required by RFC 5280 when the subject is empty). */
  criticalSan?: boolean;
  extKeyUsage?: ('serverAuth' | 'clientAuth')[];
}

/** Issue a certificate; without an issuer it is self-signed. */
export async function issueCert(spec: CertSpec, issuer?: IssuedCert): Promise<IssuedCert> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const extensions: x509.Extension[] = [];
  if (spec.isCA) {
    extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true));
  } else {
    extensions.push(new x509.BasicConstraintsExtension(false, undefined, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true));
  }
  if (spec.extKeyUsage?.length) {
    extensions.push(new x509.ExtendedKeyUsageExtension(spec.extKeyUsage.map((u) => x509.ExtendedKeyUsage[u]), false));
  }
  const names: x509.JsonGeneralNames = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(spec.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(spec.uris ?? []).map((value) => ({ type: 'url' as const, value })),
  ];
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names, spec.criticalSan ?? spec.subject === ''));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));

  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: spec.subject,
    issuer: issuer ? issuer.cert.subject : spec.subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
    extensions,
  });
  const certPem = cert.toString('pem') + '\n';
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n';
  const selfSigned = !issuer;
  const chainPem = selfSigned ? certPem : certPem + (isRoot(issuer) ? '' : issuer.chainPem);
  return { cert, certPem, keyPem, keys, chainPem, rootPem: selfSigned ? certPem : issuer.rootPem };
}

function isRoot(c: IssuedCert): boolean {
  return c.rootPem === c.certPem;
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // keep the DER integer positive
  if (bytes[0] === 0) bytes[0] = 1;
  return Buffer.from(bytes).toString('hex');
}

/** The API server's PKI: CA, serving certificate, and the two client identities. */
export interface ServerPki {
  ca: IssuedCert;
  server: IssuedCert;
  clients: Record<'test-admin' | 'limited-user', IssuedCert>;
}

export async function makeServerPki(now: Date): Promise<ServerPki> {
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 365 * DAY);
  const ca = await issueCert({ subject: 'CN=fake-kubernetes-ca', isCA: true, notBefore, notAfter });
  const server = await issueCert(
    { subject: 'CN=kube-apiserver', notBefore, notAfter, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], extKeyUsage: ['serverAuth'] },
    ca,
  );
  const admin = await issueCert({ subject: 'CN=test-admin, O=system:masters', notBefore, notAfter, extKeyUsage: ['clientAuth'] }, ca);
  const limited = await issueCert({ subject: 'CN=limited-user, O=system:authenticated', notBefore, notAfter, extKeyUsage: ['clientAuth'] }, ca);
  return { ca, server, clients: { 'test-admin': admin, 'limited-user': limited } };
}

/** An Istio-style self-signed mesh root (what istiod writes to istio-ca-secret). */
export async function makeMeshCa(now: Date, trustDomain: string): Promise<IssuedCert> {
  return issueCert({
    subject: `O=${trustDomain}`,
    isCA: true,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
  });
}

/** A workload SVID as istiod issues it: empty subject, critical URI SAN, 24 h validity. */
export async function issueSvid(meshCa: IssuedCert, spiffeId: string, now: Date): Promise<IssuedCert> {
  return issueCert(
    {
      subject: '',
      uris: [spiffeId],
      criticalSan: true,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() - 60_000 + DAY),
      extKeyUsage: ['serverAuth', 'clientAuth'],
    },
    meshCa,
  );
}

export { DAY };
