// Decoding certificates into CertInfo with node:crypto's X509Certificate (no third-party parser).
import { X509Certificate } from 'node:crypto';
import type { CertInfo } from './types';
import { certificateDersFromBytes, certificateDersFromText, derToPem, type ExtractedDer } from './pem';

export interface DecodeResult {
  certs: CertInfo[];
  /** Why some or all of the input could not be decoded (one line each, no input echoed back). */
  errors: string[];
}

/** Decode every certificate in a PEM / base64 PEM / base64 DER string. */
export function decodeCertificates(text: string): DecodeResult {
  return decodeDers(certificateDersFromText(text));
}

/** Decode every certificate in raw bytes (DER or PEM bytes). */
export function decodeCertificateBytes(bytes: Uint8Array): DecodeResult {
  return decodeDers(certificateDersFromBytes(bytes));
}

/** Decode exactly one certificate; throws with a clear message when the input is not one. */
export function decodeCertificate(input: string | Uint8Array): CertInfo {
  const r = typeof input === 'string' ? decodeCertificates(input) : decodeCertificateBytes(input);
  if (r.certs.length === 0) throw new Error(`not a certificate: ${r.errors[0] ?? 'no certificate found'}`);
  return r.certs[0];
}

function decodeDers(extracted: ExtractedDer): DecodeResult {
  const out: DecodeResult = { certs: [], errors: extracted.error ? [extracted.error] : [] };
  extracted.ders.forEach((der, i) => {
    try {
      out.certs.push(certInfoFromX509(new X509Certificate(der)));
    } catch (e) {
      out.errors.push(`certificate #${i + 1} could not be parsed: ${firstLine((e as Error).message)}`);
    }
  });
  return out;
}

export function certInfoFromX509(x: X509Certificate): CertInfo {
  const san = parseSubjectAltName(x.subjectAltName);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyAlgorithm = (key.asymmetricKeyType ?? 'unknown').toUpperCase().replace(/^ED/, 'Ed');
  let keySize: number | undefined = details.modulusLength;
  if (!keySize && details.namedCurve) keySize = CURVE_BITS[details.namedCurve];
  if (!keySize && keyAlgorithm === 'Ed25519') keySize = 256;
  const info: CertInfo = {
    subject: formatName(x.subject),
    issuer: formatName(x.issuer),
    serial: x.serialNumber.toUpperCase().replace(/^0+(?=.)/, ''),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    dnsNames: san.dns,
    ipAddresses: san.ip,
    emails: san.email,
    spiffeIds: san.uri.filter(isSpiffeUri),
    uris: san.uri.filter((u) => !isSpiffeUri(u)),
    isCA: x.ca,
    keyAlgorithm,
    fingerprint256: x.fingerprint256,
    selfSigned: isSelfSigned(x),
    pem: derToPem(x.raw),
  };
  if (keySize) info.keySize = keySize;
  if (details.namedCurve) info.curve = details.namedCurve;
  const sig = (x as X509Certificate & { signatureAlgorithm?: string }).signatureAlgorithm;
  if (typeof sig === 'string' && sig) info.signatureAlgorithm = sig;
  return info;
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521 };

export function isSpiffeUri(uri: string): boolean {
  return /^spiffe:\/\/[^/]+/i.test(uri);
}

function isSelfSigned(x: X509Certificate): boolean {
  if (x.subject !== x.issuer) return false;
  try {
    return x.verify(x.publicKey);
  } catch {
    return false;
  }
}

/** node prints names one attribute per line ("C=US\nCN=x"); show them on one line like openssl. */
function formatName(name: string | undefined): string {
  if (!name) return '';
  return name
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(unquoteAttr)
    .join(', ');
}

function unquoteAttr(attr: string): string {
  const eq = attr.indexOf('=');
  if (eq < 0) return attr;
  const v = attr.slice(eq + 1);
  return `${attr.slice(0, eq)}=${v.startsWith('"') ? safeJsonString(v) : v}`;
}

interface SanLists {
  dns: string[];
  ip: string[];
  email: string[];
  uri: string[];
}

/**
 * node:crypto renders the SAN extension as "DNS:a, URI:spiffe://x, IP Address:1.2.3.4"; since the 2022
 * security fix a value containing separators is written as a JSON string, so it cannot smuggle a fake entry.
 */
export function parseSubjectAltName(text: string | undefined): SanLists {
  const out: SanLists = { dns: [], ip: [], email: [], uri: [] };
  if (!text) return out;
  const entry = /(DNS|URI|IP Address|email|DirName|othername|Registered ID):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (let m = entry.exec(text); m; m = entry.exec(text)) {
    const value = m[2].startsWith('"') ? safeJsonString(m[2]) : m[2];
    if (m[1] === 'DNS') out.dns.push(value);
    else if (m[1] === 'URI') out.uri.push(value);
    else if (m[1] === 'IP Address') out.ip.push(value);
    else if (m[1] === 'email') out.email.push(value);
    if (m[0] === '') entry.lastIndex++;
  }
  return out;
}

function safeJsonString(s: string): string {
  try {
    const v = JSON.parse(s);
    return typeof v === 'string' ? v : s;
  } catch {
    return s;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
