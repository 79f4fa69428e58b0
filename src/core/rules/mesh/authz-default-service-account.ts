// MTLS609: an AuthorizationPolicy source names the `default` service account of a namespace where
// several workloads run as `default`. They all share one mTLS identity, so the rule cannot single out the
// caller it names: it allows (or denies) every one of them.
import type { Rule } from '../rule';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { authorizationPolicies } from '../../mesh/authz';
import { knownIdentities, parsePrincipal } from '../../mesh/identities';
import { sourcesOf } from '../../model/istio';

export const authzDefaultServiceAccount: Rule = {
  meta: {
    id: 'MTLS609',
    title: 'AuthorizationPolicy names a default service account shared by several workloads',
    defaultSeverity: 'warning',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS609', [index.ofKind('security.istio.io', 'AuthorizationPolicy'), knownIdentities(view), view.mesh], (ctx) => {
      const known = knownIdentities(view);
      for (const { policy } of authorizationPolicies(view)) {
        for (const s of sourcesOf(policy)) {
          const entries: { ns: string; path: (string | number)[] }[] = [];
          for (const field of ['principals', 'notPrincipals']) {
            (Array.isArray(s.source[field]) ? s.source[field] : []).forEach((v: unknown, i: number) => {
              const p = typeof v === 'string' ? parsePrincipal(v) : undefined;
              if (p && p.serviceAccount === 'default' && !p.namespace.includes('*')) entries.push({ ns: p.namespace, path: [...s.path, field, i] });
            });
          }
          (Array.isArray(s.source.serviceAccounts) ? s.source.serviceAccounts : []).forEach((v: unknown, i: number) => {
            if (v === 'default') entries.push({ ns: policy.namespace, path: [...s.path, 'serviceAccounts', i] });
            else if (typeof v === 'string' && /^[^/]+\/default$/.test(v)) entries.push({ ns: v.split('/')[0], path: [...s.path, 'serviceAccounts', i] });
          });
          for (const e of entries) {
            const users = known.defaultAccountUsers.get(e.ns) ?? [];
            if (users.length < 2) continue;
            ctx.report({
              resource: policy.resource,
              path: e.path,
              message:
                `${users.length} workloads in namespace ${e.ns} run as the default service account (${users.slice(0, 4).join(', ')}${users.length > 4 ? ', …' : ''}) and so share one mTLS identity; ` +
                `this ${policy.action} rule cannot tell them apart and applies to all of them. Give the intended workload its own ServiceAccount (serviceAccountName) and name that one here.`,
            });
          }
        }
      }
    });
  },
};
