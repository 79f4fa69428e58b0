// MTLS100: workload selectors Istio rejects or that select nothing on purpose: an empty or wildcard label
// key/value is an admission error (IST0106); a selector with no labels is accepted with a warning
// (IST0133) and then behaves as if there were no selector at all.
import type { Rule } from '../rule';
import { KIND, selectorOf } from '../../model/istio';
import { displayName, reportSchemaError, reportSchemaWarning } from './common';
import { fix, fixes, removePair } from '../fix';

export const workloadSelectorRule: Rule = {
  meta: {
    id: 'MTLS100',
    title: 'Invalid or empty workload selector',
    defaultSeverity: 'error',
    istio: 'IST0106',
    kinds: [KIND.PeerAuthentication, KIND.AuthorizationPolicy, KIND.RequestAuthentication, KIND.DestinationRule],
  },
  checkResource(res, ctx) {
    const sel = selectorOf(res);
    if (!sel) return;
    const who = `${res.kind} ${displayName(res)}`;
    const entries = Object.entries(sel.labels);
    if (entries.length === 0) {
      const scope = res.kind === 'DestinationRule' ? 'every workload allowed to see it' : 'every workload in its namespace';
      reportSchemaWarning(ctx, res, sel.path,
        `${who} has a workload selector without labels; Istio accepts it with a warning and applies the policy to ${scope}, ` +
          'which widens its mTLS/authorization scope. Add matchLabels, or remove the selector if namespace-wide is intended.',
        { fixes: fixes(fix('Remove the empty selector (make the scope explicit: namespace-wide)', [removePair(res, sel.path)])), key: true });
      return;
    }
    for (const [k, v] of entries) {
      const keyPath = [...sel.labelsPath, k];
      if (k === '') {
        reportSchemaError(ctx, res, keyPath,
          `${who} has a selector label with an empty key; Istio rejects the resource, so its mTLS settings never apply. Use a real pod label key.`, { key: true });
      }
      if (k.includes('*') || v.includes('*')) {
        reportSchemaError(ctx, res, keyPath,
          `${who} uses a wildcard in selector label "${k}: ${v}"; Istio matches labels exactly and rejects wildcards, so the resource is refused. ` +
            'List the exact label value, or use several resources.', { key: k.includes('*') });
      }
    }
  },
};
