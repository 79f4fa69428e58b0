// Which Istio AuthorizationPolicies apply to which workloads: a selector picks pods of the policy's
// namespace (every namespace when the policy lives in the root namespace); no selector means the whole
// namespace (the whole mesh in the root namespace). targetRef(s) policies bind to gateways/waypoints, not
// to sidecars, so they are left out.
import type { Resource } from '../yaml/resource';
import { asAuthorizationPolicy, type AuthorizationPolicyView } from '../model/istio';
import { cachedOnKinds } from './cache';
import { matchLabels, type Workload } from './workloads';
import { selectWorkloads } from './services';
import type { MeshView } from './view';

export interface AppliedPolicy {
  policy: AuthorizationPolicyView;
  /** 'mesh' = root namespace without selector; 'namespace' = no selector; 'workload' = selector. */
  scope: 'mesh' | 'namespace' | 'workload';
}

function scopeOf(ap: AuthorizationPolicyView, view: MeshView): AppliedPolicy['scope'] | undefined {
  if (ap.resource.get(['spec', 'targetRef']) || ap.resource.get(['spec', 'targetRefs'])) return undefined;
  const hasLabels = !!ap.selector && Object.keys(ap.selector.labels).length > 0;
  if (hasLabels) return 'workload';
  return ap.namespace === view.mesh.rootNamespace ? 'mesh' : 'namespace';
}

export function authorizationPolicies(view: MeshView): AppliedPolicy[] {
  return policyTable(view).list;
}

function policyTable(view: MeshView): { list: AppliedPolicy[]; byResource: Map<Resource, AppliedPolicy> } {
  const inputs = [view.index.ofKind('security.istio.io', 'AuthorizationPolicy')];
  return cachedOnKinds(view.index, `authz|${view.mesh.rootNamespace}|${view.mesh.defaultNamespace}`, inputs, () => {
    const list: AppliedPolicy[] = [];
    const byResource = new Map<Resource, AppliedPolicy>();
    for (const res of view.index.ofKind('security.istio.io', 'AuthorizationPolicy')) {
      const policy = asAuthorizationPolicy(res, view.mesh.defaultNamespace);
      const scope = policy && scopeOf(policy, view);
      if (!policy || !scope) continue;
      list.push({ policy, scope });
      byResource.set(res, { policy, scope });
    }
    return { list, byResource };
  });
}

export function appliesTo(p: AppliedPolicy, w: Workload, view: MeshView): boolean {
  const inRoot = p.policy.namespace === view.mesh.rootNamespace;
  if (!inRoot && p.policy.namespace !== w.namespace) return false;
  if (p.scope !== 'workload') return true;
  return matchLabels(p.policy.selector?.labels, w.labels);
}

/** Policies that apply to a workload, DENY/CUSTOM/AUDIT/ALLOW as written. */
export function policiesFor(view: MeshView, w: Workload): AppliedPolicy[] {
  return authorizationPolicies(view).filter((p) => appliesTo(p, w, view));
}

/** Workloads a policy applies to. */
export function workloadsOfPolicy(view: MeshView, res: Resource): Workload[] {
  const p = policyTable(view).byResource.get(res);
  if (!p) return [];
  if (p.policy.namespace !== view.mesh.rootNamespace) {
    return selectWorkloads(view.workloads, p.policy.namespace, p.scope === 'workload' ? p.policy.selector?.labels : undefined);
  }
  return view.workloads.all.filter((w) => appliesTo(p, w, view));
}
