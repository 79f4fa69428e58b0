// MTLS608: AuthorizationPolicy principals and serviceAccounts that name a namespace or service account
// that nothing in the workspace has (plain source.namespaces entries are MTLS751's, the IST0101 check). Such an entry matches no caller: in an ALLOW rule the intended caller is rejected, in a
// DENY rule the intended caller is not stopped. Suggests the closest known name.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { authorizationPolicies } from '../../mesh/authz';
import { knownIdentities, parsePrincipal, type KnownIdentities } from '../../mesh/identities';
import { closestMemo } from '../../mesh/suggest';
import { sourcesOf } from '../../model/istio';
import { fix, fixes, replaceValue } from '../fix';

export const authzUnknownSource: Rule = {
  meta: {
    id: 'MTLS608',
    title: 'AuthorizationPolicy principal or service account refers to nothing in the workspace',
    defaultSeverity: 'warning',
    kiali: 'KIA0106',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS608', [index.ofKind('security.istio.io', 'AuthorizationPolicy'), knownIdentities(view), view.mesh], (ctx) => {
      const known = knownIdentities(view);
      for (const { policy } of authorizationPolicies(view)) {
        for (const s of sourcesOf(policy)) {
          for (const field of ['principals', 'notPrincipals']) {
            eachString(s.source[field], (v, i) => {
              const p = parsePrincipal(v);
              if (!p || v.includes('*')) return;
              const problem = accountProblem(known, p.namespace, p.serviceAccount);
              if (!problem) return;
              const fixed = problem.near && `${p.trustDomain}/ns/${problem.ns}/sa/${problem.sa}`;
              report(ctx, policy.resource, [...s.path, field, i], `principal "${v}"`, problem.text, problem.near, fixed);
            });
          }
          eachString(s.source.serviceAccounts, (v, i) => {
            if (v.includes('*') || v.split('/').length > 2) return; // malformed values are MTLS114's business
            const [ns, sa] = v.includes('/') ? v.split('/') : [policy.namespace, v];
            const problem = accountProblem(known, ns, sa);
            if (!problem) return;
            const fixed = problem.near && (v.includes('/') ? `${problem.ns}/${problem.sa}` : problem.sa);
            report(ctx, policy.resource, [...s.path, 'serviceAccounts', i], `service account "${v}"`, problem.text, problem.near, fixed);
          });
        }
      }
    });
  },
};

/** What is wrong with ns/sa, the suggested name, and the corrected ns and sa. */
function accountProblem(known: KnownIdentities, ns: string, sa: string): { text: string; near?: string; ns: string; sa: string } | undefined {
  if (known.namespacesDeclared && !known.namespaces.has(ns)) {
    const near = closestMemo(ns, known.namespaces, known.signatures.namespaces);
    return { text: `namespace ${ns} does not exist in the workspace`, near, ns: near ?? ns, sa };
  }
  const accounts = known.serviceAccounts.get(ns);
  if (!accounts || accounts.has(sa)) return undefined; // nothing known about that namespace's accounts, or found
  const near = closestMemo(sa, accounts, known.signatures.serviceAccounts.get(ns) ?? ns);
  return { text: `no workload in namespace ${ns} runs as service account ${sa} and no ServiceAccount ${sa} is declared there`, near, ns, sa: near ?? sa };
}

function report(ctx: RuleContext, res: Resource, path: FieldPath, what: string, why: string, near: string | undefined, replacement: string | undefined): void {
  ctx.report({
    resource: res,
    path,
    message:
      `${what} refers to nothing: ${why}. An identity that no caller has never matches, so an ALLOW rule rejects the caller you meant and a DENY rule does not stop it.` +
      (near ? ` Did you mean ${near}?` : ''),
    fixes: replacement ? fixes(fix(`Change to ${replacement}`, [replaceValue(res, path, JSON.stringify(replacement))], true)) : [],
  });
}

function eachString(list: unknown, fn: (v: string, i: number) => void): void {
  if (Array.isArray(list)) list.forEach((v, i) => typeof v === 'string' && fn(v, i));
}
