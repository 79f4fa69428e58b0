// MTLS751 (IST0101): an AuthorizationPolicy `source.namespaces` / `notNamespaces` entry that matches no
// Namespace. Source namespaces come from the caller's mTLS certificate, so a misspelt entry silently
// allows (or fails to deny) nobody. Matching as Istio does: `*`, `*suffix`, `prefix*`, else
// case-insensitive equality, against Namespace objects only.
import type { Rule } from '../rule';
import { fix, fixes, replaceValue } from '../fix';
import { closest } from '../../mesh/suggest';
import { displayName, invisibleToIstio } from './shared';

export const authzSourceNamespaceNotFound: Rule = {
  meta: { id: 'MTLS751', title: 'AuthorizationPolicy source namespace does not exist', defaultSeverity: 'error', istio: 'IST0101' },
  checkIndex(index, ctx) {
    const namespaces = index
      .ofKind('', 'Namespace')
      .filter((n) => !invisibleToIstio(n, ctx))
      .map((n) => n.name);
    for (const ap of index.ofKind('security.istio.io', 'AuthorizationPolicy')) {
      if (invisibleToIstio(ap, ctx)) continue;
      const rules = ap.get(['spec', 'rules']);
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule: any, i: number) => {
        const froms = Array.isArray(rule?.from) ? rule.from : [];
        froms.forEach((from: any, j: number) => {
          for (const field of ['namespaces', 'notNamespaces'] as const) {
            const list = from?.source?.[field];
            if (!Array.isArray(list)) continue;
            list.forEach((entry: unknown, k: number) => {
              const exp = String(entry);
              if (namespaces.some((n) => namespaceMatches(n, exp))) return;
              const path = ['spec', 'rules', i, 'from', j, 'source', field, k];
              const suggestion = exp.includes('*') ? undefined : closest(exp, namespaces);
              const effect = field === 'namespaces' ? 'allows or denies no caller' : 'excludes no caller';
              let message = `Source ${field === 'namespaces' ? 'namespace' : 'notNamespace'} "${exp}" of AuthorizationPolicy ${displayName(ap)} matches no Namespace, so this entry ${effect}: source namespaces come from the caller's mTLS identity and only existing namespaces can appear there.`;
              if (suggestion) message += ` Did you mean "${suggestion}"?`;
              else if (!namespaces.length) message += ' (No Namespace objects are among the analysed files.)';
              ctx.report({
                resource: ap,
                path,
                severity: namespaces.length ? undefined : 'info',
                message,
                fixes: suggestion ? fixes(fix(`Change to ${suggestion}`, [replaceValue(ap, path, JSON.stringify(suggestion))], true)) : undefined,
              });
            });
          }
        });
      });
    }
  },
};

function namespaceMatches(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}
