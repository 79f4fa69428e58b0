// A scanner for private-key leaks, for any test tier: give it the keys a test planted (PEM text) and
// every output the code produced; it finds a key in any of the shapes a leak takes. Shapes: a
// `PRIVATE KEY` PEM marker, the base64 of such a marker (a PEM inside a Secret's `data`), the PEM body,
// the base64 of the whole PEM (the Secret value itself), the DER, and the private scalar in hex, base64
// and base64url (what a JWK or a debug print would show). Whitespace and JSON-escaped newlines are
// ignored, so a key wrapped differently or embedded in JSON is still found.
import { createPrivateKey } from 'node:crypto';

/** base64 of "-----BEGIN " + "PRIVATE KEY"/"EC PRIVATE KEY"/"RSA PRIVATE KEY" as it appears at the start of a base64'd PEM. */
const B64_MARKERS = ['-----BEGIN PRIVATE KEY-----', '-----BEGIN EC PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----'].map((m) =>
  Buffer.from(m).toString('base64').replace(/=+$/, '').slice(0, -2),
);

export interface KeyMaterial {
  /** Which key and which shape, for the failure message (never the value itself). */
  label: string;
  value: string;
}

/** Every leak shape of each private key PEM. Shorter than 20 characters is not distinctive and is skipped. */
export function keyMaterial(keyPems: readonly string[]): KeyMaterial[] {
  const out: KeyMaterial[] = [];
  keyPems.forEach((pem, i) => {
    const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
    const key = createPrivateKey(pem);
    const der = key.export({ format: 'der', type: 'pkcs8' });
    const jwk = key.export({ format: 'jwk' }) as { d?: string };
    const d = Buffer.from(jwk.d ?? '', 'base64url');
    const shapes: [string, string][] = [
      ['PEM body', body],
      ['base64 of the PEM', Buffer.from(pem).toString('base64')],
      ['DER (base64)', der.toString('base64')],
      ['private scalar (hex)', d.toString('hex')],
      ['private scalar (base64)', d.toString('base64')],
      ['private scalar (base64url)', jwk.d ?? ''],
    ];
    for (const [shape, value] of shapes) if (value.length >= 20) out.push({ label: `key #${i + 1} ${shape}`, value });
  });
  return out;
}

/** Where key material shows in `text` (labels only; empty when clean). */
export function findKeyMaterial(text: string, material: readonly KeyMaterial[]): string[] {
  const flat = text.replace(/\\n|\\r|\s/g, '');
  const hits: string[] = [];
  if (/PRIVATE KEY/.test(text)) hits.push('a PRIVATE KEY marker');
  for (const m of B64_MARKERS) if (flat.includes(m)) hits.push('a base64 PRIVATE KEY marker');
  for (const m of material) if (text.includes(m.value) || flat.includes(m.value)) hits.push(m.label);
  return [...new Set(hits)];
}

/** Throws naming the output and the shape found; never prints the key. */
export function assertNoKeyMaterial(where: string, text: string, material: readonly KeyMaterial[]): void {
  const hits = findKeyMaterial(text, material);
  if (hits.length) throw new Error(`private key material in ${where}: ${hits.join(', ')}`);
}
