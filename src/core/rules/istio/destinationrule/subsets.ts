// MTLS208: subsets Istio rejects (IST0106): null entries, missing, invalid or duplicate names, and labels
// that are not valid Kubernetes labels. A rejected DR drops every subset's TLS settings with it.
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, isObj, specOf } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/i;
const LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export const destinationRuleSubsets: Rule = {
  meta: { id: 'MTLS208', title: 'Invalid DestinationRule subset', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    if (!asDestinationRule(res, ctx.settings.defaultNamespace)) return;
    const subsets = specOf(res).subsets;
    if (!Array.isArray(subsets)) return;
    const who = `DestinationRule ${displayName(res)}`;
    const rejected = 'Istio rejects the rule, so none of its TLS settings apply.';
    const seen = new Set<string>();
    subsets.forEach((s: unknown, i: number) => {
      const path = ['spec', 'subsets', i];
      if (!isObj(s)) return reportSchemaError(ctx, res, path, `${who}: subsets[${i}] is empty; ${rejected}`);
      const name = s.name == null ? '' : String(s.name);
      if (!name) reportSchemaError(ctx, res, path, `${who}: subsets[${i}] has no name; ${rejected}`);
      else if (name.length > 63 || !DNS_LABEL.test(name)) reportSchemaError(ctx, res, [...path, 'name'], `${who}: subset name "${name}" is not a DNS label (letters, digits, "-"); ${rejected}`);
      else if (seen.has(name)) reportSchemaError(ctx, res, [...path, 'name'], `${who}: subset name "${name}" is used twice; ${rejected} Rename or merge them.`);
      seen.add(name);
      if (!isObj(s.labels)) return;
      for (const [k, v] of Object.entries(s.labels)) {
        const value = v == null ? '' : String(v);
        if (!LABEL_KEY.test(k) || k.length > 316) reportSchemaError(ctx, res, [...path, 'labels', k], `${who}: subset "${name}" label key "${k}" is not a valid label name; ${rejected}`, { key: true });
        else if (value.length > 63 || !LABEL_VALUE.test(value)) reportSchemaError(ctx, res, [...path, 'labels', k], `${who}: subset "${name}" label ${k} has invalid value "${value}"; ${rejected}`);
      }
    });
  },
};
