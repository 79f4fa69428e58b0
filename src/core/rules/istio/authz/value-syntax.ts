// MTLS115: values Istio cannot parse in rule sources and operations (IST0106): empty strings, IPs and
// CIDRs that do not parse, ports that are not 0..65535, and path templates other than whole-segment
// `{*}` / a final `{**}`.
import type { Rule } from '../../rule';
import { KIND, asAuthorizationPolicy, operationsOf, sourcesOf } from '../../../model/istio';
import type { FieldPath } from '../../../types';
import { displayName, reportSchemaError } from '../common';
import { ipOrCidrProblem } from '../ip';

const SOURCE_LISTS = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces',
  'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts', 'trustDomains', 'notTrustDomains'];
const IP_LISTS = ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'];
const OPERATION_LISTS = ['ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];

/** RFC 3986 pchar characters allowed in a literal segment next to a path template. */
const LITERAL_SEGMENT = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

export function portProblem(value: string): string | undefined {
  return /^\d+$/.test(value) && Number(value) <= 65535 ? undefined : `"${value}" is not a port number (0..65535)`;
}

export function pathTemplateProblem(path: string): string | undefined {
  const isTemplate = path.includes('{*}') || path.includes('{**}');
  let sawAny = false;
  for (const seg of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if ((seg === '{*}' || seg === '{**}') && sawAny) return '"{**}" must be the last segment';
    if (seg === '{**}') sawAny = true;
    if (seg === '{*}' || seg === '{**}') continue;
    if (/[{}]/.test(seg)) return `segment "${seg}" uses braces outside a whole-segment {*} or {**} template`;
    if (isTemplate && !LITERAL_SEGMENT.test(seg)) return `segment "${seg}" has characters not allowed in a templated path`;
  }
  return undefined;
}

export const valueSyntax: Rule = {
  meta: { id: 'MTLS115', title: 'Unparseable AuthorizationPolicy value', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.AuthorizationPolicy] },
  checkResource(res, ctx) {
    const ap = asAuthorizationPolicy(res, ctx.settings.defaultNamespace);
    if (!ap) return;
    const who = `AuthorizationPolicy ${displayName(res)}`;
    const rejected = 'Istio rejects the policy, so none of its rules apply.';
    const each = (base: FieldPath, obj: Record<string, any>, field: string, check: (v: string) => string | undefined) => {
      const list = obj[field];
      if (!Array.isArray(list)) return;
      list.forEach((raw: unknown, i: number) => {
        const v = raw == null ? '' : String(raw);
        const problem = v === '' ? 'an empty value matches nothing useful' : check(v);
        if (problem) reportSchemaError(ctx, res, [...base, field, i], `${who}: ${field} entry is invalid: ${problem}. ${rejected}`);
      });
    };
    for (const s of sourcesOf(ap)) {
      for (const f of SOURCE_LISTS) each(s.path, s.source, f, (v) => (IP_LISTS.includes(f) ? ipOrCidrProblem(v) : undefined));
    }
    for (const o of operationsOf(ap)) {
      for (const f of OPERATION_LISTS) {
        const check = f === 'ports' || f === 'notPorts' ? portProblem : f === 'paths' || f === 'notPaths' ? pathTemplateProblem : () => undefined;
        each(o.path, o.operation, f, check);
      }
    }
  },
};
