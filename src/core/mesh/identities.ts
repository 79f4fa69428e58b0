// Identities the workspace knows: namespaces and the service accounts workloads run as (plus declared
// ServiceAccount objects). Used to check AuthorizationPolicy sources against something real.
import { cachedOnKinds } from './cache';
import type { MeshView } from './view';

export interface KnownIdentities {
  /** True when the workspace declares Namespace objects, so a missing namespace is meaningful. */
  namespacesDeclared: boolean;
  namespaces: Set<string>;
  /** namespace → service accounts (from workloads and ServiceAccount objects). */
  serviceAccounts: Map<string, Set<string>>;
  /** namespace → workloads running as `default`. */
  defaultAccountUsers: Map<string, string[]>;
  /** Content signatures of the sets above, for memoising suggestions across index versions. */
  signatures: { namespaces: string; serviceAccounts: Map<string, string> };
}

export function knownIdentities(view: MeshView): KnownIdentities {
  const inputs = [view.workloads.all, view.index.ofKind('', 'ServiceAccount'), view.index.ofKind('', 'Namespace'), [view.namespaces]];
  return cachedOnKinds(view.index, `identities|${view.mesh.defaultNamespace}`, inputs, () => {
    const serviceAccounts = new Map<string, Set<string>>();
    const add = (ns: string, sa: string) => {
      const set = serviceAccounts.get(ns) ?? new Set<string>();
      set.add(sa);
      serviceAccounts.set(ns, set);
    };
    const defaultAccountUsers = new Map<string, string[]>();
    for (const w of view.workloads.all) {
      add(w.namespace, w.serviceAccount);
      if (w.serviceAccount === 'default') defaultAccountUsers.set(w.namespace, [...(defaultAccountUsers.get(w.namespace) ?? []), `${w.kind} ${w.name}`]);
    }
    for (const sa of view.index.ofKind('', 'ServiceAccount')) if (sa.name) add(sa.namespace ?? view.mesh.defaultNamespace, sa.name);
    const sig = (set: Set<string>) => [...set].sort().join('\u0001');
    return {
      namespacesDeclared: view.index.ofKind('', 'Namespace').length > 0,
      namespaces: view.namespaces,
      serviceAccounts,
      defaultAccountUsers,
      signatures: {
        namespaces: sig(view.namespaces),
        serviceAccounts: new Map([...serviceAccounts].map(([ns, set]) => [ns, `${ns}\u0002${sig(set)}`])),
      },
    };
  });
}

/** Istio string match: `*`, `prefix*`, `*suffix`, or exact. */
export function istioMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/** `<trust domain>/ns/<namespace>/sa/<service account>` split up, or undefined for other shapes. */
export function parsePrincipal(p: string): { trustDomain: string; namespace: string; serviceAccount: string } | undefined {
  const m = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
  return m ? { trustDomain: m[1], namespace: m[2], serviceAccount: m[3] } : undefined;
}
