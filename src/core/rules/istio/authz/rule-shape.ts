// MTLS113: rule entries Istio rejects as malformed (IST0106): a null rule, `from: []` / `to: []`,
// null entries, an entry without `source` / `operation`, or a source/operation with no field set.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, isObj } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';

const SOURCE_FIELDS = [
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces',
  'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts',
  'trustDomains', 'notTrustDomains',
];
const OPERATION_FIELDS = ['ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];

const hasAny = (o: Record<string, any>, fields: string[]) => fields.some((f) => Array.isArray(o[f]) && o[f].length > 0);

export const ruleShape: Rule = {
  meta: { id: 'MTLS113', title: 'Malformed AuthorizationPolicy rule', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap?.rules) return;
    const who = `AuthorizationPolicy ${displayName(res)}`;
    const rejected = 'Istio rejects the policy, so none of its rules (and none of the mTLS identity checks in them) apply.';
    for (const r of ap.rules) {
      if (!r.rule) {
        reportSchemaError(ctx, res, r.path, `${who} has an empty entry at rules[${r.index}]; ${rejected} Write \`{}\` to match every request, or remove it.`);
        continue;
      }
      for (const [list, item, fields, noun] of [
        ['from', 'source', SOURCE_FIELDS, 'a source'],
        ['to', 'operation', OPERATION_FIELDS, 'an operation'],
      ] as const) {
        const entries = r.rule[list];
        if (entries === undefined || entries === null) continue;
        if (Array.isArray(entries) && entries.length === 0) {
          reportSchemaError(ctx, res, [...r.path, list],
            `${who} has an empty \`${list}\` list in rules[${r.index}]; ${rejected} Remove \`${list}\` to match any ${item}, or add ${noun}.`,
            { key: true });
          continue;
        }
        if (!Array.isArray(entries)) continue;
        entries.forEach((e: unknown, i: number) => {
          const path = [...r.path, list, i];
          if (!isObj(e) || !isObj(e[item])) {
            reportSchemaError(ctx, res, path,
              `${who} has a \`${list}\` entry without \`${item}\` in rules[${r.index}]; ${rejected} Put the fields under \`${list}: [{${item}: {...}}]\`.`);
          } else if (!hasAny(e[item], fields)) {
            reportSchemaError(ctx, res, [...path, item],
              `${who} has an empty \`${item}\` in rules[${r.index}].${list}[${i}]; ${rejected} Set at least one of ${fields.slice(0, 4).join(', ')}, ….`,
              { key: true });
          }
        });
      }
    }
  },
};
