// MTLS301: the Certificate's private key and signature algorithm, as cert-manager's webhook and CRD
// check them: algorithm RSA/ECDSA/Ed25519, RSA 2048–8192 bits, ECDSA 256/384/521, a signatureAlgorithm
// that matches the key, and the rotationPolicy/encoding enums.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, ECDSA_KEY_SIZES, MAX_RSA_KEY_SIZE, MIN_RSA_KEY_SIZE } from '../../model/certmanager';
import { fix, fixes, replaceValue } from '../fix';
import { REJECTED } from './common';

const ALGORITHMS = ['RSA', 'ECDSA', 'Ed25519'] as const;
const SIGNATURES: Record<string, readonly string[]> = {
  RSA: ['SHA256WithRSA', 'SHA384WithRSA', 'SHA512WithRSA'],
  ECDSA: ['ECDSAWithSHA256', 'ECDSAWithSHA384', 'ECDSAWithSHA512'],
  Ed25519: ['PureEd25519'],
};
const ENUMS: [field: 'rotationPolicy' | 'encoding', values: readonly string[]][] = [
  ['rotationPolicy', ['Never', 'Always']],
  ['encoding', ['PKCS1', 'PKCS8']],
];

export const certificatePrivateKey: Rule = {
  meta: { id: 'MTLS301', title: 'cert-manager Certificate key algorithm, size and signature algorithm', defaultSeverity: 'error', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert) return;
    const pk = cert.privateKey;
    const algPath = ['spec', 'privateKey', 'algorithm'];
    const sizePath = ['spec', 'privateKey', 'size'];

    const known = (ALGORITHMS as readonly string[]).includes(pk.algorithm);
    if (!known) {
      const canonical = ALGORITHMS.find((a) => a.toLowerCase() === pk.algorithm.toLowerCase());
      ctx.report({
        resource: res,
        path: algPath,
        message: `spec.privateKey.algorithm "${pk.algorithm}" is not one of RSA, ECDSA or Ed25519 (the names are case-sensitive); ${REJECTED}.`,
        fixes: canonical ? fixes(fix(`Write ${canonical}`, [replaceValue(res, algPath, canonical)], true)) : undefined,
      });
      return; // size and signature checks depend on a known algorithm
    }

    if (res.has(sizePath) && (typeof pk.size !== 'number' || !Number.isInteger(pk.size))) {
      ctx.report({ resource: res, path: sizePath, message: `spec.privateKey.size must be an integer number of bits; ${REJECTED}.` });
    } else if (pk.size !== undefined && pk.size > 0) {
      if (pk.algorithm === 'RSA' && (pk.size < MIN_RSA_KEY_SIZE || pk.size > MAX_RSA_KEY_SIZE)) {
        const to = pk.size < MIN_RSA_KEY_SIZE ? 2048 : 4096;
        ctx.report({
          resource: res,
          path: sizePath,
          message: `RSA key size ${pk.size} is outside cert-manager's 2048–8192 bits; ${REJECTED}. Use 2048 or 4096 (or ECDSA 256 for faster mTLS handshakes).`,
          fixes: fixes(fix(`Set size to ${to}`, [replaceValue(res, sizePath, String(to))], true)),
        });
      } else if (pk.algorithm === 'ECDSA' && !(ECDSA_KEY_SIZES as readonly number[]).includes(pk.size)) {
        const wasRsa = pk.size >= 1024;
        ctx.report({
          resource: res,
          path: sizePath,
          message: `ECDSA key size ${pk.size} is not a supported curve (256, 384 or 521); ${REJECTED}.${wasRsa ? ' That looks like an RSA size: ECDSA sizes name the curve (P-256 is the usual choice).' : ''}`,
          fixes: fixes(fix('Set size to 256 (P-256)', [replaceValue(res, sizePath, '256')], true)),
        });
      }
    }

    const sig = cert.signatureAlgorithm;
    if (sig !== undefined) {
      const allowed = SIGNATURES[pk.algorithm];
      if (!allowed.includes(sig)) {
        const owner = Object.entries(SIGNATURES).find(([, list]) => list.includes(sig))?.[0];
        const why = owner
          ? `${sig} is a signature algorithm for ${owner} keys, but the key is ${pk.algorithm}${res.has(algPath) ? '' : ' (the default)'}`
          : `"${sig}" is not a signature algorithm cert-manager knows`;
        ctx.report({
          resource: res,
          path: ['spec', 'signatureAlgorithm'],
          message: `${why}; ${REJECTED}. For ${pk.algorithm} use ${allowed.join(', ')}.`,
          fixes: fixes(fix(`Set signatureAlgorithm to ${allowed[0]}`, [replaceValue(res, ['spec', 'signatureAlgorithm'], allowed[0])], true)),
        });
      }
    }

    for (const [field, values] of ENUMS) {
      const v = pk[field];
      if (v === undefined || values.includes(v)) continue;
      const canonical = values.find((x) => x.toLowerCase() === v.toLowerCase());
      const path = ['spec', 'privateKey', field];
      ctx.report({
        resource: res,
        path,
        message: `spec.privateKey.${field} "${v}" is not one of ${values.join(' or ')}; the Certificate does not pass the CRD schema, so no mTLS certificate is issued.`,
        fixes: canonical ? fixes(fix(`Write ${canonical}`, [replaceValue(res, path, canonical)], true)) : undefined,
      });
    }
  },
};
