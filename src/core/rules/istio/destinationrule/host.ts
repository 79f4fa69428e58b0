// MTLS202: a DestinationRule host that is not a (wildcard) DNS name. Istio rejects the DR (IST0106), so
// its TLS settings, mTLS included, are never applied to any client.
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, specOf } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

export function hostProblem(host: string): string | undefined {
  if (host.length > 255) return 'longer than 255 characters';
  if (host.includes('://')) return 'a host name, not a URL';
  const labels = host.split('.');
  if (labels[0].length > 63 || !WILDCARD_LABEL.test(labels[0])) return `label "${labels[0]}" is not valid (a wildcard is only allowed as the first label, e.g. *.example.com)`;
  const rest = labels.slice(1);
  if (rest.length && /^\d+$/.test(rest[rest.length - 1])) return 'the top-level label cannot be all digits';
  for (let i = 0; i < rest.length; i++) {
    if (i === rest.length - 1 && rest[i] === '') break; // a trailing dot is allowed
    if (rest[i].length > 63 || !LABEL.test(rest[i])) return `label "${rest[i]}" is not a valid DNS label`;
  }
  return undefined;
}

export const destinationRuleHost: Rule = {
  meta: { id: 'MTLS202', title: 'Invalid DestinationRule host', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    if (!dr) return;
    const raw = specOf(res).host;
    const host = raw == null ? '' : String(raw);
    const problem = host === '' ? 'missing' : hostProblem(host);
    if (!problem) return;
    reportSchemaError(ctx, res, host === '' ? ['spec'] : ['spec', 'host'],
      `DestinationRule ${displayName(res)}: host ${host ? `"${host}" is invalid: ${problem}` : 'is missing'}; Istio rejects the rule, so its TLS settings never reach any client. ` +
        'Use the service name ("reviews", "reviews.ns.svc.cluster.local") or a wildcard such as "*.example.com".',
      { key: host === '' });
  },
};
