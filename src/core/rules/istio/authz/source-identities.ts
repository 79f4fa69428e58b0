// MTLS114: the identity fields of a rule source that Istio rejects (IST0106): serviceAccounts mixed with
// principals/namespaces, serviceAccounts not in `sa` or `ns/sa` form (no wildcards, at most 16, at
// most 320 characters), and trustDomains with a misplaced `*` or a `/`.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, sourcesOf, stringList } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

function serviceAccountProblem(value: string): string | undefined {
  if (value === '') return undefined; // empty values are MTLS115's business
  if (value.includes('*')) return 'wildcards are not allowed';
  const slashes = value.split('/').length - 1;
  if (slashes > 1) return 'expected "serviceAccount" or "namespace/serviceAccount" (it looks like a principal; use principals for those)';
  if (value.length > 320) return 'longer than 320 characters';
  if (slashes === 1) {
    const [ns, sa] = value.split('/');
    if (!ns) return 'the namespace part before "/" is empty';
    if (!sa) return 'the service account part after "/" is empty';
  }
  return undefined;
}

function trustDomainProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const stars = value.split('*').length - 1;
  if (stars > 1) return 'at most one "*" is allowed';
  if (stars === 1 && !value.startsWith('*') && !value.endsWith('*')) return '"*" is only allowed at the start or end';
  if (value.includes('/')) return 'a trust domain has no "/" (write "cluster.local", not a SPIFFE ID or principal)';
  return undefined;
}

export const sourceIdentities: Rule = {
  meta: { id: 'MTLS114', title: 'Invalid serviceAccounts / trustDomains in an AuthorizationPolicy source', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    const who = `AuthorizationPolicy ${displayName(res)}`;
    const rejected = 'Istio rejects the policy, so its peer-identity rules never apply.';
    for (const s of sourcesOf(ap)) {
      const has = (f: string) => stringList(s.source[f]).length > 0;
      const sa = ['serviceAccounts', 'notServiceAccounts'].find(has);
      const other = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].find(has);
      if (sa && other) {
        reportSchemaError(ctx, res, [...s.path, sa],
          `${who} sets ${sa} together with ${other} in one source; ${rejected} Express the identity one way: serviceAccounts ("ns/sa") or principals/namespaces.`,
          { key: true });
      }
      for (const field of ['serviceAccounts', 'notServiceAccounts']) {
        const values = stringList(s.source[field]);
        if (values.length > 16) {
          reportSchemaError(ctx, res, [...s.path, field], `${who} lists ${values.length} ${field} in one source; Istio allows at most 16. ${rejected} Split the source.`, { key: true });
        }
        values.forEach((v, i) => {
          const problem = serviceAccountProblem(v);
          if (problem) reportSchemaError(ctx, res, [...s.path, field, i], `${who}: ${field} entry "${v}" is invalid: ${problem}. ${rejected}`);
        });
      }
      for (const field of ['trustDomains', 'notTrustDomains']) {
        stringList(s.source[field]).forEach((v, i) => {
          const problem = trustDomainProblem(v);
          if (problem) reportSchemaError(ctx, res, [...s.path, field, i], `${who}: ${field} entry "${v}" is invalid: ${problem}. ${rejected}`);
        });
      }
    }
  },
};
