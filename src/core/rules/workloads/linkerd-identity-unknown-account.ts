// MTLS802: a Linkerd MeshTLSAuthentication that authenticates a ServiceAccount nobody has: an
// `identities` entry (sa.ns.serviceaccount.identity.<cp-ns>.<td>) or an `identityRefs` ServiceAccount
// that matches no ServiceAccount object or workload serviceAccountName. No proxy presents that mTLS
// identity, so the policy admits nobody. Only namespaces the workspace describes are checked.
import type { Rule } from '../rule';
import type { ResourceIndex } from '../../index';
import { fix, fixes, replaceValue } from '../fix';
import { closest } from '../../mesh/suggest';
import { workloadsOf } from '../../mesh/workloads';
import { parseLinkerdIdentity, linkerdIdentity } from '../../spiffe/linkerd';
import { displayName, namespaceOf } from './shared';

interface KnownAccounts {
  /** namespace → service account names (ServiceAccount objects, workload serviceAccountNames, "default"). */
  byNamespace: Map<string, Set<string>>;
}

function knownAccounts(index: ResourceIndex, defaultNamespace: string): KnownAccounts {
  const byNamespace = new Map<string, Set<string>>();
  const add = (ns: string, sa: string) => {
    let set = byNamespace.get(ns);
    if (!set) byNamespace.set(ns, (set = new Set(['default'])));
    set.add(sa);
  };
  for (const sa of index.ofKind('', 'ServiceAccount')) add(sa.namespace ?? defaultNamespace, sa.name);
  for (const w of workloadsOf(index, defaultNamespace)) add(w.namespace, w.serviceAccount);
  return { byNamespace };
}

export const linkerdIdentityUnknownAccount: Rule = {
  meta: { id: 'MTLS802', title: 'Linkerd MeshTLSAuthentication names an unknown ServiceAccount', defaultSeverity: 'warning' },
  checkIndex(index, ctx) {
    const mtas = index.ofKind('policy.linkerd.io', 'MeshTLSAuthentication');
    if (!mtas.length) return;
    const known = knownAccounts(index, ctx.settings.defaultNamespace);
    for (const mta of mtas) {
      const own = namespaceOf(mta, ctx);
      const check = (sa: string, ns: string, path: (string | number)[], rewrite: (s: string) => string) => {
        const accounts = known.byNamespace.get(ns);
        if (!accounts || accounts.has(sa)) return; // namespace not described, or the account exists
        const suggestion = closest(sa, accounts);
        ctx.report({
          resource: mta,
          path,
          message: `MeshTLSAuthentication ${displayName(mta)} authenticates ServiceAccount ${ns}/${sa}, but no ServiceAccount or workload in namespace ${ns} uses that name, so no proxy presents this mTLS identity and the entry admits nobody.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          fixes: suggestion ? fixes(fix(`Use ServiceAccount ${suggestion}`, [replaceValue(mta, path, JSON.stringify(rewrite(suggestion)))], true)) : undefined,
        });
      };
      const ids = mta.get(['spec', 'identities']);
      if (Array.isArray(ids)) {
        ids.forEach((id: unknown, i: number) => {
          if (typeof id !== 'string' || id.includes('*')) return;
          const p = parseLinkerdIdentity(id);
          if (!p) return; // MTLS403 validates the shape
          check(p.serviceAccount, p.namespace, ['spec', 'identities', i], (s) => linkerdIdentity(s, p.namespace, p.trustDomain, p.controlPlaneNamespace));
        });
      }
      const refs = mta.get(['spec', 'identityRefs']);
      if (Array.isArray(refs)) {
        refs.forEach((ref: any, i: number) => {
          if (ref?.kind !== 'ServiceAccount' || typeof ref.name !== 'string' || ref.name.includes('*')) return;
          check(ref.name, typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : own, ['spec', 'identityRefs', i, 'name'], (s) => s);
        });
      }
    }
  },
};
