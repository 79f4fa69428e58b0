// MTLS112: CUSTOM (external authorization) constraints Istio enforces (IST0106): a provider name is
// required, `provider` is only for CUSTOM, and CUSTOM rules cannot match on identity attributes
// (peer or request identities), because the external authorizer is consulted before they are known.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, conditionsOf, isObj, sourcesOf, specOf, str } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';

const IDENTITY_SOURCE_FIELDS = [
  'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'trustDomains', 'notTrustDomains',
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals',
];
const IDENTITY_WHEN_KEYS = ['source.namespace', 'source.serviceAccount', 'source.trustDomain', 'source.principal'];

export const customAction: Rule = {
  meta: { id: 'MTLS112', title: 'Invalid CUSTOM AuthorizationPolicy', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    const who = `AuthorizationPolicy ${displayName(res)}`;
    const provider = specOf(res).provider;
    if (ap.action !== 'CUSTOM') {
      if (provider != null) {
        reportSchemaError(ctx, res, ['spec', 'provider'],
          `${who} sets a provider but its action is ${ap.action}; only CUSTOM policies delegate to an external authorizer, so Istio rejects it. ` +
            'Set action: CUSTOM, or remove the provider.',
          { key: true, fixes: fixes(fix('Remove provider', [removePair(res, ['spec', 'provider'])])) });
      }
      return;
    }
    if (ap.rules && !str(isObj(provider) ? provider.name : undefined)) {
      reportSchemaError(ctx, res, isObj(provider) ? ['spec', 'provider'] : ['spec', 'action'],
        `${who} is CUSTOM but names no provider; Istio rejects it. Set provider.name to an extensionProvider from the mesh config.`,
        { key: isObj(provider) });
    }
    for (const s of sourcesOf(ap)) {
      for (const field of IDENTITY_SOURCE_FIELDS) {
        if (!Array.isArray(s.source[field]) || s.source[field].length === 0) continue;
        reportSchemaError(ctx, res, [...s.path, field],
          `${who} is CUSTOM and matches on source.${field}; CUSTOM rules cannot use peer or request identities and Istio rejects it. ` +
            'Match identities in a separate ALLOW/DENY policy, and keep CUSTOM rules to operations, IPs and headers.',
          { key: true });
      }
    }
    for (const c of conditionsOf(ap)) {
      if (!c.key || !(IDENTITY_WHEN_KEYS.includes(c.key) || c.key.startsWith('request.auth.'))) continue;
      reportSchemaError(ctx, res, [...c.path, 'key'],
        `${who} is CUSTOM and has a when condition on ${c.key}; CUSTOM rules cannot use identity attributes and Istio rejects it. ` +
          'Move this condition into a separate ALLOW/DENY policy.');
    }
  },
};
