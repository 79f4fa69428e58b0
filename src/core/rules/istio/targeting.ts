// MTLS110: how an AuthorizationPolicy or RequestAuthentication picks its workloads. Istio rejects
// (IST0106) more than one of selector / targetRef / targetRefs, a targetRef without a name, a
// cross-namespace targetRef, and a targetRef kind other than Service, ServiceEntry, Gateway or GatewayClass.
import type { Rule } from '../rule';
import { KIND, isObj, specOf, str } from '../../model/istio';
import type { FieldPath } from '../../types';
import { displayName, reportSchemaError } from './common';
import { fix, fixes, removePair } from '../fix';

/** group ('' = core) → kinds Istio accepts as a policy target. */
const ALLOWED_TARGETS: Record<string, readonly string[]> = {
  '': ['Service'],
  'networking.istio.io': ['ServiceEntry'],
  'gateway.networking.k8s.io': ['Gateway', 'GatewayClass'],
};

export const policyTargeting: Rule = {
  meta: {
    id: 'MTLS110',
    title: 'Conflicting or invalid policy target (selector / targetRef)',
    defaultSeverity: 'error',
    istio: 'IST0106',
    kinds: [KIND.AuthorizationPolicy, KIND.RequestAuthentication],
  },
  checkResource(res, ctx) {
    const spec = specOf(res);
    const who = `${res.kind} ${displayName(res)}`;
    const used = (['selector', 'targetRef', 'targetRefs'] as const).filter((k) =>
      k === 'targetRefs' ? Array.isArray(spec[k]) && spec[k].length > 0 : spec[k] != null);
    if (used.length > 1) {
      reportSchemaError(ctx, res, ['spec', used[1]],
        `${who} sets ${used.join(' and ')}; Istio allows only one way to pick workloads and rejects the resource, so the policy never applies. ` +
          'Keep targetRef(s) for Services/Gateways (waypoints, ambient) or selector for sidecar workloads.',
        { key: true });
    }
    const refs: { ref: unknown; path: FieldPath }[] = [];
    if (spec.targetRef != null) refs.push({ ref: spec.targetRef, path: ['spec', 'targetRef'] });
    if (Array.isArray(spec.targetRefs)) spec.targetRefs.forEach((ref: unknown, i: number) => refs.push({ ref, path: ['spec', 'targetRefs', i] }));
    for (const { ref, path } of refs) {
      if (!isObj(ref)) continue;
      if (!str(ref.name)) {
        reportSchemaError(ctx, res, str(ref.kind) ? [...path, 'kind'] : path,
          `${who} has a targetRef without a name; Istio rejects it. Name the ${str(ref.kind) ?? 'Service or Gateway'} the policy applies to.`,
          { key: !!str(ref.kind) });
      }
      if (str(ref.namespace)) {
        reportSchemaError(ctx, res, [...path, 'namespace'],
          `${who} targets namespace "${ref.namespace}" in a targetRef; cross-namespace targets are not supported and the resource is rejected. ` +
            `Remove the namespace and create the policy in the target's namespace.`,
          { fixes: fixes(fix('Remove targetRef.namespace', [removePair(res, [...path, 'namespace'])])) });
      }
      const group = str(ref.group) ?? '';
      const kind = str(ref.kind) ?? '';
      const allowed = ALLOWED_TARGETS[group === 'core' ? '' : group] ?? [];
      if (!allowed.includes(kind)) {
        reportSchemaError(ctx, res, ref.kind != null ? [...path, 'kind'] : path,
          `${who} targets ${group ? `${group}/` : ''}${kind || '(no kind)'}; Istio only accepts Service, networking.istio.io ServiceEntry, ` +
            'and gateway.networking.k8s.io Gateway or GatewayClass as targets, and rejects the resource. Check group and kind.',
          { key: ref.kind == null });
      }
    }
  },
};
