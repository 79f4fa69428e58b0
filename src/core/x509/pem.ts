// Finding certificate bytes in text the way people store them in Kubernetes: PEM, base64 of PEM (Secret
// `data`), base64 of DER, or raw DER. Private-key blocks are recognised only to be skipped: their bytes are
// never decoded or kept.

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** base64("-----BEGIN ") — how a PEM looks inside a Secret's `data`. */
const B64_PEM_PREFIX = 'LS0tLS1CRUdJTi';
/** The limit on one value we try to decode; bundles bigger than this are not certificates people hover. */
export const MAX_CERT_TEXT = 1024 * 1024;
/** More certificates than this in one value are ignored (a trust bundle of every public CA is ~150). */
export const MAX_CERTS_PER_VALUE = 500;

export interface ExtractedDer {
  ders: Buffer[];
  /** Set when the text looked like certificate data but could not be read. */
  error?: string;
}

export function isPrivateKeyLabel(label: string): boolean {
  return /PRIVATE KEY/.test(label);
}

/** True for any text that holds a private key, in PEM or base64-of-PEM form. */
export function containsPrivateKey(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return true;
  const t = text.trim();
  if (t.startsWith(B64_PEM_PREFIX) && BASE64.test(t)) {
    return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(Buffer.from(t, 'base64').toString('latin1'));
  }
  return false;
}

/** Cheap test used before decoding: does this string look like it carries a certificate? */
export function looksLikeCertificateText(text: string): boolean {
  if (text.length < 40 || text.length > MAX_CERT_TEXT) return false;
  if (text.includes('-----BEGIN CERTIFICATE-----')) return true;
  const t = text.trimStart();
  // base64 of "-----BEGIN CERTIFICATE" (a PEM inside Secret data) or of a DER SEQUENCE with a long length (MII…)
  return t.startsWith('LS0tLS1CRUdJTiBDRVJUSUZJQ0FUR') || (t.startsWith('MII') && BASE64.test(t.slice(0, 4096)));
}

/** Certificate DER blocks in `text` (PEM, base64 PEM or base64 DER). */
export function certificateDersFromText(text: string): ExtractedDer {
  if (text.length > MAX_CERT_TEXT) return { ders: [], error: `value too large to decode (${text.length} characters)` };
  if (text.includes('-----BEGIN')) return dersFromPem(text);
  const t = text.trim();
  if (!t) return { ders: [] };
  if (!BASE64.test(t)) return { ders: [], error: 'not PEM and not base64' };
  const bytes = Buffer.from(t.replace(/\s+/g, ''), 'base64');
  return certificateDersFromBytes(bytes);
}

/** Certificate DER blocks in raw bytes (DER, or PEM text as bytes). */
export function certificateDersFromBytes(bytes: Uint8Array): ExtractedDer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > MAX_CERT_TEXT) return { ders: [], error: `value too large to decode (${buf.length} bytes)` };
  if (buf.length > 0 && buf[0] === 0x30) return { ders: [buf] };
  const asText = buf.toString('latin1');
  if (asText.includes('-----BEGIN')) return dersFromPem(asText);
  return { ders: [], error: 'neither PEM nor DER' };
}

function dersFromPem(text: string): ExtractedDer {
  const ders: Buffer[] = [];
  let sawOther = false;
  PEM_BLOCK.lastIndex = 0;
  for (let m = PEM_BLOCK.exec(text); m; m = PEM_BLOCK.exec(text)) {
    const label = m[1];
    if (label !== 'CERTIFICATE' && label !== 'TRUSTED CERTIFICATE') {
      sawOther = true; // keys, CSRs, CRLs: not ours to read (and a key must not be decoded at all)
      continue;
    }
    if (ders.length >= MAX_CERTS_PER_VALUE) break;
    ders.push(Buffer.from(m[2].replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  }
  if (ders.length === 0) return { ders, error: sawOther ? 'no CERTIFICATE block (only other PEM blocks)' : 'PEM block is incomplete' };
  return { ders };
}

export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
