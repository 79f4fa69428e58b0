// MTLS116: `when` conditions Istio rejects (IST0106): empty key, no values/notValues, unknown or retired
// attributes, map-style keys without `[name]`, and values of the wrong syntax for IP, port, service
// account and trust-domain attributes.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, conditionsOf, type AuthzCondition } from '../../../model/istio';
import type { Resource } from '../../../yaml/resource';
import type { FieldPath } from '../../../types';
import { displayName, reportSchemaError } from '../common';
import { fix, fixes, removePair, removeSeqItem, replaceValue } from '../../fix';
import { ipOrCidrProblem } from '../ip';
import { portProblem } from './value-syntax';

/** Exact keys and what their values must look like. */
const EXACT_KEYS: Record<string, ((v: string) => string | undefined) | null> = {
  'source.ip': ipOrCidrProblem,
  'remote.ip': ipOrCidrProblem,
  'destination.ip': ipOrCidrProblem,
  'destination.port': portProblem,
  'source.namespace': null,
  'source.serviceAccount': (v) => (v.includes('*') || v.split('/').length > 2 || v.split('/').some((p) => p === '') ? `"${v}" is not "sa" or "ns/sa"` : undefined),
  'source.principal': null,
  'source.trustDomain': (v) => ((v.split('*').length > 2 || (v.includes('*') && !v.startsWith('*') && !v.endsWith('*'))) ? `"${v}" has a misplaced "*"` : undefined),
  'request.auth.principal': null,
  'request.auth.audiences': null,
  'request.auth.presenter': null,
  'connection.sni': null,
};
/** Keys of the form `prefix[name]`. */
const MAP_PREFIXES = ['request.headers', 'request.auth.claims', 'experimental.envoy.filters.'];

function keyProblem(key: string): string | undefined {
  if (key in EXACT_KEYS) return undefined;
  const prefix = MAP_PREFIXES.find((p) => key.startsWith(p));
  if (prefix) {
    const open = key.indexOf('[');
    return key.endsWith(']') && open > 0 && open < key.length - 2 ? undefined : `"${key}" must have the form ${prefix}[name]`;
  }
  if (key === 'destination.namespace') return 'destination.namespace is not supported: the policy\'s metadata.namespace already decides which namespace it protects';
  if (key.startsWith('destination.labels')) return 'destination.labels is not supported: use spec.selector to pick workloads';
  if (key === 'destination.name' || key === 'destination.user') return `${key} only existed in the retired v1alpha1 API`;
  return `"${key}" is not an attribute Istio knows`;
}

/** A known key differing only in case or a trailing "s" (source.principals → source.principal). */
function suggestKey(key: string): string | undefined {
  const norm = (k: string) => k.toLowerCase().replace(/s$/, '');
  return Object.keys(EXACT_KEYS).find((k) => norm(k) === norm(key));
}

export const whenConditions: Rule = {
  meta: { id: 'MTLS116', title: 'Invalid AuthorizationPolicy when condition', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    const who = `AuthorizationPolicy ${displayName(res)}`;
    const rejected = 'Istio rejects the policy, so none of its rules apply.';
    for (const c of conditionsOf(ap)) {
      if (!c.key) {
        reportSchemaError(ctx, res, c.path, `${who} has a when condition without a key; ${rejected} Name the attribute, e.g. source.ip.`);
        continue;
      }
      if (!c.hasValues && !c.hasNotValues) {
        reportSchemaError(ctx, res, [...c.path, 'key'], `${who}: when condition on ${c.key} has neither values nor notValues; ${rejected} Add the values to match.`);
        continue;
      }
      const problem = keyProblem(c.key);
      if (problem) {
        const suggestion = suggestKey(c.key);
        reportSchemaError(ctx, res, [...c.path, 'key'], `${who}: when key ${problem}. ${rejected}${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
          { fixes: fixes(suggestion ? fix(`Change to ${suggestion}`, [replaceValue(res, [...c.path, 'key'], suggestion)], true) : undefined,
            c.key === 'destination.namespace' ? dropDestinationNamespace(res, c, ap.namespace, ap.namespace === ctx.settings.rootNamespace) : undefined) });
        continue;
      }
      const check = EXACT_KEYS[c.key];
      if (!check) continue;
      for (const [field, values] of [['values', c.values], ['notValues', c.notValues]] as const) {
        values.forEach((v, i) => {
          const p = check(v);
          if (p) reportSchemaError(ctx, res, [...c.path, field, i], `${who}: ${c.key} ${field} entry is invalid: ${p}. ${rejected}`);
        });
      }
    }
  },
};

/**
 * `destination.namespace: [<own namespace>]` is always true for a non-root policy, so dropping the
 * condition keeps the meaning. Any other value would change it, so no fix is offered then.
 */
function dropDestinationNamespace(res: Resource, c: AuthzCondition, ns: string, isRoot: boolean) {
  if (isRoot || c.hasNotValues || !c.values.includes(ns)) return undefined;
  const whenPath = c.path.slice(0, -1);
  const when = res.get(whenPath);
  let edit;
  if (Array.isArray(when) && when.length > 1) edit = removeSeqItem(res, c.path);
  else if (!startsSequenceItem(res, whenPath)) edit = removePair(res, whenPath);
  return fix(`Remove the condition (the policy's namespace "${ns}" already scopes it)`, [edit]);
}

/** Whether the key at `path` is written right after a "- " (removing its line would break the item). */
function startsSequenceItem(res: Resource, path: FieldPath): boolean {
  const off = res.pairOffsetsOf(path);
  if (!off) return true;
  const lineStart = res.source.lastIndexOf('\n', off[0] - 1) + 1;
  return res.source.slice(lineStart, off[0]).includes('-');
}
