// MTLS118: Istio principals are SPIFFE IDs without the scheme ("cluster.local/ns/default/sa/web"). A value
// written with "spiffe://" never equals a peer's principal, so the rule silently never matches: an
// ALLOW rule then rejects the caller, a DENY rule lets it through.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, conditionsOf, sourcesOf, stringList } from '../../../model/istio';
import type { FieldPath } from '../../../types';
import { displayName, yamlScalar } from '../common';
import { fix, fixes, replaceValue } from '../../fix';

const SCHEME = /^spiffe:\/\//i;

export const spiffePrincipal: Rule = {
  meta: { id: 'MTLS118', title: 'Principal written with spiffe:// never matches', defaultSeverity: 'warning', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    const targets: { path: FieldPath; value: string; where: string }[] = [];
    for (const s of sourcesOf(ap)) {
      for (const f of ['principals', 'notPrincipals']) {
        stringList(s.source[f]).forEach((value, i) => targets.push({ path: [...s.path, f, i], value, where: `source.${f}` }));
      }
    }
    for (const c of conditionsOf(ap)) {
      if (c.key !== 'source.principal') continue;
      c.values.forEach((value, i) => targets.push({ path: [...c.path, 'values', i], value, where: 'when source.principal values' }));
      c.notValues.forEach((value, i) => targets.push({ path: [...c.path, 'notValues', i], value, where: 'when source.principal notValues' }));
    }
    const effect = ap.action === 'DENY' ? 'the DENY never fires and the caller gets through' : ap.action === 'ALLOW' ? 'the caller is not allowed by this rule' : 'the rule never matches';
    for (const t of targets) {
      if (!SCHEME.test(t.value)) continue;
      const stripped = t.value.replace(SCHEME, '');
      ctx.report({
        resource: res,
        path: t.path,
        message:
          `AuthorizationPolicy ${displayName(res)}: ${t.where} "${t.value}" starts with spiffe://, but Istio principals omit the scheme ` +
          `(peer principal "${stripped}"), so this value never matches and ${effect}. Write "${stripped}".`,
        fixes: fixes(fix('Remove the spiffe:// prefix', [replaceValue(res, t.path, yamlScalar(stripped))], true)),
      });
    }
  },
};
