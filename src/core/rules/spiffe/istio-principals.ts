// MTLS501: Istio principals in AuthorizationPolicy: `source.principals`, `source.notPrincipals` and the
// values of a `source.principal` condition. A principal is a SPIFFE ID without the scheme
// (`<td>/ns/<ns>/sa/<sa>`), so each is validated as `spiffe://` + principal, allowing Istio's `*` alone or
// as a prefix/suffix wildcard. Values that start with `spiffe://` are another rule's business.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { parseIstioPrincipal, repairIstioPrincipal } from '../../spiffe';
import { fix, fixes, replaceValue } from '../fix';
import { valueSubRange } from './value-range';

export const istioPrincipalSyntax: Rule = {
  meta: { id: 'MTLS501', title: 'Malformed Istio principal', defaultSeverity: 'error', kinds: ['security.istio.io/AuthorizationPolicy'] },
  checkResource(res, ctx) {
    const rules = res.get(['spec', 'rules']);
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: any, i: number) => {
      if (!rule || typeof rule !== 'object') return;
      (Array.isArray(rule.from) ? rule.from : []).forEach((from: any, j: number) => {
        for (const field of ['principals', 'notPrincipals']) {
          checkList(res, ctx, ['spec', 'rules', i, 'from', j, 'source', field], `source.${field}`);
        }
      });
      (Array.isArray(rule.when) ? rule.when : []).forEach((cond: any, j: number) => {
        if (cond?.key !== 'source.principal') return;
        for (const field of ['values', 'notValues']) checkList(res, ctx, ['spec', 'rules', i, 'when', j, field], `the source.principal condition's ${field}`);
      });
    });
  },
};

function checkList(res: Resource, ctx: RuleContext, path: FieldPath, where: string): void {
  const list = res.get(path);
  if (!Array.isArray(list)) return;
  list.forEach((value: unknown, k: number) => {
    if (typeof value !== 'string' || /^spiffe:\/\//i.test(value)) return;
    const r = parseIstioPrincipal(value);
    if (r.ok) return;
    const itemPath = [...path, k];
    const repaired = repairIstioPrincipal(value);
    ctx.report({
      resource: res,
      range: valueSubRange(res, itemPath, r.problem.start, r.problem.end),
      message: `"${value}" in ${where} is not a valid Istio principal: ${r.problem.message}. Istio compares principals with the peer's mTLS identity (<trust-domain>/ns/<namespace>/sa/<serviceaccount>), so this entry can never match a workload. Write it in that form ('*' is only a wildcard at the start or end).`,
      fixes: repaired ? fixes(fix(`Write ${repaired}`, [replaceValue(res, itemPath, repaired)], true)) : undefined,
    });
  });
}
