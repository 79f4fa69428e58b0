// MTLS119 (Kiali KIA0102): `methods` / `notMethods` values that are not HTTP methods. Istio compares
// methods case-sensitively against the request's upper-case method, so "get" never matches; a gRPC
// method name belongs in `paths`. Prefix/suffix wildcards of a real method ("GE*", "*ST") are fine.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, operationsOf, stringList } from '../../../model/istio';
import { displayName } from '../common';
import { fix, fixes, replaceValue } from '../../fix';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];

function isStandard(m: string): boolean {
  if (m === '*' || HTTP_METHODS.includes(m)) return true;
  if (m.endsWith('*') && m.indexOf('*') === m.length - 1) return HTTP_METHODS.some((h) => h.startsWith(m.slice(0, -1)));
  if (m.startsWith('*') && m.lastIndexOf('*') === 0) return HTTP_METHODS.some((h) => h.endsWith(m.slice(1)));
  return false;
}

export const httpMethods: Rule = {
  meta: { id: 'MTLS119', title: 'Non-standard HTTP method in an AuthorizationPolicy', defaultSeverity: 'warning', kiali: 'KIA0102', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    for (const o of operationsOf(ap)) {
      for (const field of ['methods', 'notMethods']) {
        stringList(o.operation[field]).forEach((m, i) => {
          if (m === '' || isStandard(m)) return;
          const upper = m.trim().toUpperCase();
          const fixable = upper !== m && isStandard(upper);
          const path = [...o.path, field, i];
          ctx.report({
            resource: res,
            path,
            message: fixable
              ? `AuthorizationPolicy ${displayName(res)}: ${field} entry "${m}" is matched case-sensitively against the request method, which is upper-case, ` +
                `so it never matches and the rule does not do what it says. Write "${upper}".`
              : `AuthorizationPolicy ${displayName(res)}: ${field} entry "${m}" is not an HTTP method (${HTTP_METHODS.join(', ')}), so it never matches. ` +
                'For gRPC, match the method in `paths` ("/package.Service/Method").',
            fixes: fixable ? fixes(fix(`Change to ${upper}`, [replaceValue(res, path, upper)], true)) : undefined,
          });
        });
      }
    }
  },
};
