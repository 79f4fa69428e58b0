// MTLS117: a DENY rule that only uses HTTP attributes also matches plain TCP traffic, where those
// attributes cannot be evaluated, so Istio denies ALL TCP traffic in scope. Istio accepts it with a
// warning (IST0133). Mirrors the webhook's test: a rule whose sources carry no TCP-level field and has
// no `to`, or whose operations carry no ports.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, isObj } from '../../../model/istio';
import { displayName, reportSchemaWarning } from '../common';

const TCP_SOURCE_FIELDS = ['principals', 'notPrincipals', 'ipBlocks', 'notIpBlocks', 'namespaces', 'notNamespaces',
  'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];

export const denyHttpOnly: Rule = {
  meta: { id: 'MTLS117', title: 'DENY rule with only HTTP attributes denies all TCP traffic', defaultSeverity: 'warning', istio: 'IST0133', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap?.rules || ap.action !== 'DENY') return;
    for (const r of ap.rules) {
      if (!r.rule) continue;
      const from = Array.isArray(r.rule.from) ? r.rule.from.filter((f: unknown) => isObj(f) && isObj(f.source)) : [];
      const to = Array.isArray(r.rule.to) ? r.rule.to.filter((t: unknown) => isObj(t) && isObj(t.operation)) : [];
      // An empty list decodes to nil in Istio, so only non-empty lists count as set.
      const set = (o: any, k: string) => Array.isArray(o[k]) && o[k].length > 0;
      const tcpFrom = from.some((f: any) => TCP_SOURCE_FIELDS.some((k) => set(f.source, k)));
      const tcpTo = to.some((t: any) => set(t.operation, 'ports') || set(t.operation, 'notPorts'));
      const fromOnlyHttp = from.length > 0 && to.length === 0 && !tcpFrom;
      const toWithoutPorts = to.length > 0 && !tcpTo;
      if (!fromOnlyHttp && !toWithoutPorts) continue;
      const what = toWithoutPorts ? 'its `to` operations name no ports' : 'its sources only use HTTP attributes (e.g. requestPrincipals)';
      reportSchemaWarning(ctx, res, [...r.path, toWithoutPorts ? 'to' : 'from'],
        `AuthorizationPolicy ${displayName(res)} DENY rules[${r.index}]: ${what}, so on TCP connections (where HTTP attributes are unknown) ` +
          'the rule matches everything and Istio denies all TCP traffic to the selected workloads. Add `ports` to the operation to limit it to the HTTP ports.',
        { key: true });
    }
  },
};
