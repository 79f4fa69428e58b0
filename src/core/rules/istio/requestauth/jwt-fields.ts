// MTLS131: JWT rule fields Istio rejects when empty or malformed (IST0106): audiences, token locations
// (fromHeaders, fromParams, fromCookies), outputClaimToHeaders, and timeout.
import type { Rule } from '../../rule';
import { KIND, isObj, jwtRulesOf, str } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export const jwtFields: Rule = {
  meta: { id: 'MTLS131', title: 'Empty or malformed RequestAuthentication JWT field', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.RequestAuthentication] },
  checkResource(res, ctx) {
    const who = `RequestAuthentication ${displayName(res)}`;
    const rejected = 'Istio rejects the resource, so none of its JWT rules validate tokens.';
    for (const { index, path, rule } of jwtRulesOf(res)) {
      const at = `jwtRules[${index}]`;
      /** `member` names the field inside each entry that must be non-empty (fromHeaders[].name). */
      const emptyIn = (field: string, member?: string) => {
        if (!Array.isArray(rule[field])) return;
        rule[field].forEach((x: unknown, i: number) => {
          const value = member ? (isObj(x) ? x[member] : undefined) : x;
          if (str(value)) return;
          const at2 = member && isObj(x) && member in x ? [...path, field, i, member] : [...path, field, i];
          reportSchemaError(ctx, res, at2, `${who} ${at}.${field}[${i}]${member ? `.${member}` : ''} is empty; ${rejected} Remove it or fill it in.`);
        });
      };
      emptyIn('audiences');
      emptyIn('fromHeaders', 'name');
      emptyIn('fromParams');
      emptyIn('fromCookies');
      if (Array.isArray(rule.outputClaimToHeaders)) {
        rule.outputClaimToHeaders.forEach((o: unknown, i: number) => {
          const p = [...path, 'outputClaimToHeaders', i];
          const claim = isObj(o) ? str(o.claim) : undefined;
          const header = isObj(o) ? str(o.header) : undefined;
          if (!claim || !header) reportSchemaError(ctx, res, p, `${who} ${at}.outputClaimToHeaders[${i}] needs both claim and header; ${rejected}`);
          else if (!HEADER_NAME.test(header)) reportSchemaError(ctx, res, [...p, 'header'], `${who} ${at}.outputClaimToHeaders[${i}].header "${header}" is not a valid HTTP header name; ${rejected}`);
        });
      }
      const timeout = rule.timeout;
      if (timeout != null && !(typeof timeout === 'string' && DURATION.test(timeout) && durationMs(timeout) >= 1)) {
        reportSchemaError(ctx, res, [...path, 'timeout'], `${who} ${at}.timeout "${String(timeout)}" is not a duration of at least 1ms (e.g. "5s"); ${rejected}`);
      }
    }
  },
};

function durationMs(d: string): number {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
  let total = 0;
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}
