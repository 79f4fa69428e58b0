// MTLS130: where a RequestAuthentication JWT rule gets its issuer and keys. Istio rejects (IST0106) a rule
// with neither issuer nor jwksUri, a jwksUri that is not http(s), and inline jwks that is not a JSON Web
// Key Set; inline jwks holding private key material is accepted with a warning (IST0133).
import type { Rule } from '../../rule';
import { KIND, jwtRulesOf, str } from '../../../model/istio';
import { displayName, reportSchemaError, reportSchemaWarning } from '../common';

/** Members that only private (or symmetric) JWKs carry. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

export const jwtKeySource: Rule = {
  meta: { id: 'MTLS130', title: 'RequestAuthentication JWT rule without a usable issuer or key set', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.RequestAuthentication] },
  checkResource(res, ctx) {
    const who = `RequestAuthentication ${displayName(res)}`;
    for (const { index, path, rule } of jwtRulesOf(res)) {
      const issuer = str(rule.issuer);
      const jwksUri = str(rule.jwksUri);
      if (!issuer && !jwksUri) {
        reportSchemaError(ctx, res, path,
          `${who} jwtRules[${index}] has neither issuer nor jwksUri; Istio rejects the resource, so no JWT is validated and request principals stay empty. Set issuer (and jwksUri or jwks).`);
      }
      if (jwksUri && !/^https?:\/\/[^/]/i.test(jwksUri)) {
        reportSchemaError(ctx, res, [...path, 'jwksUri'],
          `${who} jwtRules[${index}].jwksUri "${jwksUri}" is not an http:// or https:// URL; Istio rejects the resource. Use the issuer's https JWKS endpoint.`);
      }
      const jwks = str(rule.jwks);
      if (!jwks) continue;
      const keys = parseJwks(jwks);
      if (typeof keys === 'string') {
        reportSchemaError(ctx, res, [...path, 'jwks'], `${who} jwtRules[${index}].jwks is not a JSON Web Key Set (${keys}); Istio rejects the resource. Paste the issuer's public JWKS JSON.`);
        continue;
      }
      keys.forEach((k, i) => {
        if (!PRIVATE_MEMBERS.some((m) => m in k)) return;
        reportSchemaWarning(ctx, res, [...path, 'jwks'],
          `${who} jwtRules[${index}].jwks key ${i} contains private key material; verification only needs public keys, and a private key in a manifest lets anyone mint valid tokens. Remove the private members and rotate the key.`);
      });
    }
  },
};

/** The keys of a JWK Set (or of a single JWK, which Istio also accepts), or an error text. */
function parseJwks(text: string): Record<string, unknown>[] | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  const keys = Array.isArray(o.keys) ? o.keys : 'kty' in o ? [o] : undefined;
  if (!keys) return 'no "keys" array';
  for (const k of keys) if (!k || typeof k !== 'object' || typeof (k as any).kty !== 'string') return 'a key without "kty"';
  return keys as Record<string, unknown>[];
}
