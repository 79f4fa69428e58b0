// MTLS111: DENY or CUSTOM without rules never matches anything, so the policy is rejected by Istio
// (IST0106). Fix: `rules: [{}]`, which makes it match every request (Istio's own suggestion).
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, specOf } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, insertKeyAfter, setValue } from '../../fix';

export const missingRules: Rule = {
  meta: { id: 'MTLS111', title: 'DENY/CUSTOM AuthorizationPolicy without rules', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap || (ap.action !== 'DENY' && ap.action !== 'CUSTOM') || (ap.rules && ap.rules.length > 0)) return;
    const hasRulesKey = 'rules' in specOf(res);
    const effect = ap.action === 'DENY' ? 'deny every request to the selected workloads' : 'send every request to the external authorizer';
    reportSchemaError(ctx, res, ['spec', 'action'],
      `AuthorizationPolicy ${displayName(res)} has action ${ap.action} but no rules, so it could never match and Istio rejects it. ` +
        `Add the rules it should match; \`rules: [{}]\` would ${effect}.`,
      { fixes: fixes(fix(`Add rules: [{}] (${effect})`, [hasRulesKey ? setValue(res, ['spec', 'rules'], '[{}]') : insertKeyAfter(res, ['spec', 'action'], 'rules: [{}]')])) });
  },
};
