// Human-readable certificate text, openssl-like but SPIFFE-aware. Used by the hover, the details
// document and the CLI's text output. Contains the certificate PEM at most, never anything else encoded.
import type { CertInfo, ChainVerification } from './types';
import { describeTimeLeft } from './expiry';

/** One line: the identity a person looks for first. */
export function certTitle(c: CertInfo): string {
  if (c.spiffeIds.length) return c.spiffeIds.join(', ');
  if (c.subject) return c.subject;
  if (c.dnsNames.length) return c.dnsNames.join(', ');
  return `serial ${c.serial}`;
}

export function formatCertificate(c: CertInfo, now: Date, opts: { pem?: boolean } = {}): string {
  const lines: string[] = [];
  const key = [c.keyAlgorithm, c.curve, c.keySize ? `${c.keySize} bit` : undefined].filter(Boolean).join(' ');
  lines.push(`Subject:        ${c.subject || '(empty)'}`);
  lines.push(`Issuer:         ${c.issuer || '(empty)'}`);
  if (c.spiffeIds.length) lines.push(`SPIFFE ID:      ${c.spiffeIds.join(', ')}`);
  if (c.spiffeIds.length) lines.push(`Trust domain:   ${[...new Set(c.spiffeIds.map(trustDomainOf))].join(', ')}`);
  if (c.dnsNames.length) lines.push(`DNS names:      ${c.dnsNames.join(', ')}`);
  if (c.ipAddresses.length) lines.push(`IP addresses:   ${c.ipAddresses.join(', ')}`);
  if (c.emails.length) lines.push(`Emails:         ${c.emails.join(', ')}`);
  if (c.uris.length) lines.push(`Other URIs:     ${c.uris.join(', ')}`);
  lines.push(`Serial:         ${c.serial}`);
  lines.push(`Not before:     ${c.notBefore}`);
  lines.push(`Not after:      ${c.notAfter}  (${describeTimeLeft(c, now)})`);
  lines.push(`CA:             ${c.isCA ? 'yes' : 'no'}${c.selfSigned ? ' (self-signed)' : ''}`);
  lines.push(`Public key:     ${key}`);
  if (c.signatureAlgorithm) lines.push(`Signature:      ${c.signatureAlgorithm}`);
  lines.push(`SHA-256:        ${c.fingerprint256}`);
  if (opts.pem) lines.push('', c.pem.trimEnd());
  return lines.join('\n');
}

/** A whole chain, leaf first, with the verification verdict on top. */
export function formatChain(title: string, chain: readonly CertInfo[], verification: ChainVerification | undefined, now: Date, opts: { pem?: boolean } = {}): string {
  const out: string[] = [`# ${title}`, ''];
  if (verification) {
    out.push(`Verification:   ${verification.status.toUpperCase()}: ${verification.message}`);
    if (verification.path.length > 1) out.push(`Path:           ${verification.path.join('  ->  ')}`);
    out.push('');
  }
  chain.forEach((c, i) => {
    const role = chain.length === 1 ? 'Certificate' : i === 0 ? 'Certificate 1 (leaf)' : `Certificate ${i + 1}`;
    out.push(`## ${role}`, formatCertificate(c, now, opts), '');
  });
  return out.join('\n');
}

export function trustDomainOf(spiffeId: string): string {
  const m = /^spiffe:\/\/([^/]+)/i.exec(spiffeId);
  return m ? m[1] : '';
}
