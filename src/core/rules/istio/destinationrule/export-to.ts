// MTLS209: exportTo lists Istio rejects (IST0106): duplicates (including "." next to the own namespace),
// "*" mixed with other entries, invalid namespace names, and, for a DR with a workloadSelector, anything
// beyond its own namespace. A rejected DR drops its TLS settings for every client.
import type { Rule } from '../../rule';
import { KIND, asDestinationRule, specOf } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/i; // Istio checks DNS-1123 labels case-insensitively

export const destinationRuleExportTo: Rule = {
  meta: { id: 'MTLS209', title: 'Invalid DestinationRule exportTo', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.DestinationRule] },
  checkResource(res, ctx) {
    const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
    const list = specOf(res).exportTo;
    if (!dr || !Array.isArray(list) || list.length === 0) return;
    const who = `DestinationRule ${displayName(res)}`;
    const rejected = 'Istio rejects the rule, so its TLS settings reach no client.';
    const seen = new Set<string>();
    list.forEach((raw: unknown, i: number) => {
      const e = raw == null ? '' : String(raw);
      const key = e === '.' ? dr.namespace : e;
      const path = ['spec', 'exportTo', i];
      if (seen.has(key)) {
        reportSchemaError(ctx, res, path, `${who}: exportTo entry "${e}" is a duplicate${key !== e ? ` ("." is the own namespace ${dr.namespace})` : ''}; ${rejected}`);
        return;
      }
      if (key !== '*' && (key.length > 63 || !NAMESPACE.test(key))) {
        reportSchemaError(ctx, res, path, `${who}: exportTo entry "${e}" is not ".", "*" or a namespace name; ${rejected}`);
        return;
      }
      seen.add(key);
    });
    if (seen.has('*') && list.length > 1) {
      reportSchemaError(ctx, res, ['spec', 'exportTo'], `${who}: exportTo mixes "*" with other entries; ${rejected} Keep only "*", or list the namespaces.`, { key: true });
    }
    if (dr.selector && seen.size > 0) {
      const onlyOwn = seen.size === 1 && seen.has(dr.namespace);
      if (!onlyOwn) {
        reportSchemaError(ctx, res, ['spec', 'exportTo'],
          `${who} has a workloadSelector, so it may only be exported to its own namespace (${dr.namespace}); ${rejected} Use exportTo: ["."].`, { key: true });
      }
    }
  },
};
