// Chain verification: does the leaf chain up, signature by signature, to one of the given roots, and is
// every certificate on the way valid at `now`? (No name or usage checks: this answers "is this SVID from
// the mesh's CA", the same question `linkerd check` asks of its issuer.)
import { X509Certificate } from 'node:crypto';
import type { CertInfo, ChainVerification } from './types';

const MAX_DEPTH = 10;

/**
 * `chain` is leaf first, then any intermediates (in any order); `roots` are the trust anchors.
 * A leaf that is itself one of the roots counts as valid.
 */
export function verifyChain(chain: readonly CertInfo[], roots: readonly CertInfo[], now: Date): ChainVerification {
  if (chain.length === 0) return { status: 'invalid', message: 'no certificate to verify', path: [] };
  const label = (c: CertInfo) => c.subject || c.spiffeIds[0] || c.dnsNames[0] || `serial ${c.serial}`;
  if (roots.length === 0) return { status: 'unknown', message: 'no trust roots found to verify against', path: [label(chain[0])] };

  const rootX = roots.map((r) => ({ info: r, x: toX509(r) })).filter((r) => r.x);
  const interX = chain.slice(1).map((c) => ({ info: c, x: toX509(c) })).filter((c) => c.x);
  let current = { info: chain[0], x: toX509(chain[0]) };
  if (!current.x) return { status: 'invalid', message: 'the certificate could not be parsed', path: [] };
  const path = [label(current.info)];

  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const expired = validityProblem(current.info, now);
    if (expired) return { status: 'invalid', message: `${label(current.info)}: ${expired}`, path };
    if (rootX.some((r) => r.info.fingerprint256 === current.info.fingerprint256)) {
      return { status: 'valid', message: `chains to trust root ${label(current.info)}`, path, anchorFingerprint: current.info.fingerprint256 };
    }
    const root = rootX.find((r) => signedBy(current.x!, r.x!));
    if (root) {
      const rootProblem = validityProblem(root.info, now);
      path.push(label(root.info));
      if (rootProblem) return { status: 'invalid', message: `trust root ${label(root.info)}: ${rootProblem}`, path };
      return { status: 'valid', message: `chains to trust root ${label(root.info)}`, path, anchorFingerprint: root.info.fingerprint256 };
    }
    const next = interX.find((c) => c.info.fingerprint256 !== current.info.fingerprint256 && signedBy(current.x!, c.x!));
    if (!next) {
      const why = current.info.selfSigned ? 'is self-signed and not one of the trust roots' : `was not issued by any of the ${roots.length} trust root(s)`;
      return { status: 'invalid', message: `${label(current.info)} ${why}`, path };
    }
    current = next;
    path.push(label(current.info));
  }
  return { status: 'invalid', message: `chain longer than ${MAX_DEPTH} certificates`, path };
}

function toX509(c: CertInfo): X509Certificate | undefined {
  try {
    return new X509Certificate(c.pem);
  } catch {
    return undefined;
  }
}

function signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function validityProblem(c: CertInfo, now: Date): string | undefined {
  if (now.getTime() < Date.parse(c.notBefore)) return `not valid before ${c.notBefore}`;
  if (now.getTime() > Date.parse(c.notAfter)) return `expired at ${c.notAfter}`;
  return undefined;
}
