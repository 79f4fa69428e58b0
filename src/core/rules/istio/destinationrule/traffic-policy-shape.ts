// MTLS203: traffic policies Istio rejects as empty (IST0106): `trafficPolicy: {}` and portLevelSettings
// entries that are null, have no port, or set nothing. Checked at the top level and in every subset.
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, isObj, specOf } from '../../../model/istio';
import type { FieldPath } from '../../../types';
import { displayName, reportSchemaError } from '../common';

const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

export const trafficPolicyShape: Rule = {
  meta: { id: 'MTLS203', title: 'Empty DestinationRule traffic policy', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    if (!asDestinationRule(res, ctx.settings.defaultNamespace)) return;
    const who = `DestinationRule ${displayName(res)}`;
    const rejected = 'Istio rejects the rule, so none of its TLS settings apply.';
    const check = (policy: unknown, path: FieldPath) => {
      if (policy == null) return; // absent or `trafficPolicy:` with no value (null decodes to unset)
      if (!isObj(policy) || !POLICY_FIELDS.some((f) => policy[f] != null)) {
        reportSchemaError(ctx, res, path, `${who}: the traffic policy sets nothing; ${rejected} Remove it or add tls/connectionPool/….`, { key: true });
        return;
      }
      if (!Array.isArray(policy.portLevelSettings)) return;
      policy.portLevelSettings.forEach((p: unknown, i: number) => {
        const pp = [...path, 'portLevelSettings', i];
        if (!isObj(p)) return reportSchemaError(ctx, res, pp, `${who}: portLevelSettings[${i}] is empty; ${rejected}`);
        if (!isObj(p.port)) reportSchemaError(ctx, res, pp, `${who}: portLevelSettings[${i}] has no port; ${rejected} Add port.number.`);
        if (!PORT_FIELDS.some((f) => p[f] != null)) {
          reportSchemaError(ctx, res, pp, `${who}: portLevelSettings[${i}] sets no tls, connectionPool, loadBalancer or outlierDetection; ${rejected}`);
        }
      });
    };
    const spec = specOf(res);
    check(spec.trafficPolicy, ['spec', 'trafficPolicy']);
    if (Array.isArray(spec.subsets)) spec.subsets.forEach((s: unknown, i: number) => isObj(s) && check(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy']));
  },
};
