// Generates real certificate chains per test run (ECDSA P-256, like Istio and Linkerd use).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as any);
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86400_000;

export interface Generated {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
  /** PKCS#8 PEM of the private key (for Secrets in tests that must prove keys are dropped). */
  keyPem: string;
}

export interface CertSpec {
  subject?: string;
  spiffeId?: string;
  dns?: string[];
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Signed by this CA; self-signed when absent. */
  issuer?: Generated;
  serial?: string;
}

export async function makeCert(spec: CertSpec = {}): Promise<Generated> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = spec.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = spec.notAfter ?? new Date(Date.now() + 365 * DAY);
  const extensions: x509.Extension[] = [];
  if (spec.ca) {
    extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
  } else {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true));
  }
  const names: { type: 'url' | 'dns'; value: string }[] = [];
  if (spec.spiffeId) names.push({ type: 'url', value: spec.spiffeId });
  for (const d of spec.dns ?? []) names.push({ type: 'dns', value: d });
  if (names.length) extensions.push(new x509.SubjectAlternativeNameExtension(names, !spec.subject));
  const serialNumber = spec.serial ?? randomSerial();
  const cert = spec.issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: spec.subject ?? '',
        issuer: spec.issuer.cert.subject,
        notBefore,
        notAfter,
        signingAlgorithm: ALG,
        publicKey: keys.publicKey,
        signingKey: spec.issuer.keys.privateKey,
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber, name: spec.subject ?? '', notBefore, notAfter, signingAlgorithm: ALG, keys, extensions });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert, keys, pem: cert.toString('pem') + '\n', keyPem };
}

function randomSerial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(8));
  b[0] &= 0x7f;
  b[0] |= 0x10;
  return Buffer.from(b).toString('hex');
}

/** An Istio-like mesh: a root CA, an intermediate and a workload SVID for spiffe://<td>/ns/<ns>/sa/<sa>. */
export async function makeMesh(opts: { trustDomain?: string; ns?: string; sa?: string; leafNotAfter?: Date } = {}) {
  const td = opts.trustDomain ?? 'cluster.local';
  const root = await makeCert({ subject: 'O=cluster.local, CN=Root CA', ca: true });
  const intermediate = await makeCert({ subject: 'O=cluster.local, CN=Intermediate CA', ca: true, issuer: root });
  const leaf = await makeCert({
    spiffeId: `spiffe://${td}/ns/${opts.ns ?? 'default'}/sa/${opts.sa ?? 'reviews'}`,
    issuer: intermediate,
    notAfter: opts.leafNotAfter,
  });
  return { root, intermediate, leaf };
}

export const b64 = (s: string) => Buffer.from(s).toString('base64');
