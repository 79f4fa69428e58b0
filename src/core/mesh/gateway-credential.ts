// Is a Secret usable as an Istio gateway credential? The same test istiod's SDS applies before serving
// it (and `istioctl analyze` repeats, IST0161): a non-empty cert+key pair under `cert`/`key` or
// `tls.crt`/`tls.key`; the first PEM block of the certificate must parse as X.509; every certificate in
// it must be inside its validity window now. Key material is looked at only for presence, never decoded.
import { X509Certificate } from 'node:crypto';
import type { Resource } from '../yaml/resource';

export type CredentialVerdict =
  | { ok: true; certKey: string; notAfter: Date }
  | { ok: false; problem: string; certKey?: string };

const PAIRS: [string, string][] = [
  ['cert', 'key'],
  ['tls.crt', 'tls.key'],
];

/** The Secret's values as bytes: `data` is base64, `stringData` is literal (the API server merges both). */
function secretValues(secret: Resource): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const data = secret.get(['data']);
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) if (v != null) out.set(k, Buffer.from(String(v).replace(/\s+/g, ''), 'base64'));
  }
  const stringData = secret.get(['stringData']);
  if (stringData && typeof stringData === 'object') {
    for (const [k, v] of Object.entries(stringData)) if (v != null) out.set(k, Buffer.from(String(v), 'utf8'));
  }
  return out;
}

export function checkGatewayCredential(secret: Resource, now: Date): CredentialVerdict {
  const values = secretValues(secret);
  const pair = PAIRS.find(([c, k]) => (values.get(c)?.length ?? 0) > 0 && (values.get(k)?.length ?? 0) > 0);
  if (!pair) {
    const empty = PAIRS.find(([c, k]) => values.has(c) && values.has(k));
    if (empty) return { ok: false, problem: `its "${empty[0]}" and "${empty[1]}" entries are empty` };
    const keys = [...values.keys()].sort();
    const shown = keys.length ? keys.slice(0, 3).join(', ') + (keys.length > 3 ? `, and ${keys.length - 3} more` : '') : 'no entries';
    return { ok: false, problem: `it has neither "tls.crt"+"tls.key" nor "cert"+"key" (found: ${shown})` };
  }
  const certKey = pair[0];
  const text = values.get(certKey)!.toString('latin1');
  const block = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(text);
  if (!block) return { ok: false, certKey, problem: `"${certKey}" is not PEM-encoded` };
  let certs: X509Certificate[];
  try {
    certs = splitDer(Buffer.from(block[1].replace(/\s+/g, ''), 'base64')).map((der) => new X509Certificate(der));
  } catch {
    return { ok: false, certKey, problem: `the first PEM block of "${certKey}" is not an X.509 certificate` };
  }
  if (!certs.length) return { ok: false, certKey, problem: `the first PEM block of "${certKey}" is empty` };
  for (const c of certs) {
    const from = new Date(c.validFrom);
    const to = new Date(c.validTo);
    if (now < from) return { ok: false, certKey, problem: `its certificate is not valid before ${from.toISOString()}` };
    if (now > to) return { ok: false, certKey, problem: `its certificate expired on ${to.toISOString()}` };
  }
  return { ok: true, certKey, notAfter: new Date(Math.min(...certs.map((c) => new Date(c.validTo).getTime()))) };
}

/** A PEM block may hold several DER certificates back to back (Go's ParseCertificates reads them all). */
function splitDer(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < buf.length) {
    if (buf[at] !== 0x30) throw new Error('not DER');
    const lenByte = buf[at + 1];
    let len: number;
    let header = 2;
    if (lenByte < 0x80) len = lenByte;
    else {
      const n = lenByte & 0x7f;
      if (n === 0 || n > 4) throw new Error('bad DER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i];
      header += n;
    }
    const end = at + header + len;
    if (end > buf.length) throw new Error('truncated DER');
    out.push(buf.subarray(at, end));
    at = end;
  }
  return out;
}
