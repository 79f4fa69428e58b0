// Which meshes are installed, and which of their resources exist: GET /apis once, then one
// GET /apis/<group>/<version> per interesting group that is there.
import type { ClusterClient, RequestOptions } from './client';
import { ClusterError } from './errors';
import type { MeshPresence, SnapshotNote } from './snapshot';

/**
 * The custom resources mTLS Lens reads, by group, with versions in order of preference. Each kind is read
 * at the first of these versions that serves it: a group may serve different kinds at different versions
 * (Linkerd: Server at v1beta3, AuthorizationPolicy and MeshTLSAuthentication at v1alpha1).
 */
export const WANTED_GROUPS: Record<string, { versions: string[]; plurals: string[] }> = {
  'security.istio.io': { versions: ['v1', 'v1beta1'], plurals: ['peerauthentications', 'authorizationpolicies', 'requestauthentications'] },
  'networking.istio.io': { versions: ['v1', 'v1beta1', 'v1alpha3'], plurals: ['destinationrules', 'gateways', 'sidecars'] },
  'cert-manager.io': { versions: ['v1'], plurals: ['certificates', 'issuers', 'clusterissuers'] },
  'policy.linkerd.io': {
    versions: ['v1beta3', 'v1beta2', 'v1beta1', 'v1alpha1'],
    plurals: ['servers', 'authorizationpolicies', 'meshtlsauthentications', 'networkauthentications', 'serverauthorizations'],
  },
  'linkerd.io': { versions: ['v1alpha2'], plurals: [] },
  'spire.spiffe.io': { versions: ['v1alpha1'], plurals: ['clusterspiffeids'] },
};

export interface DiscoveredResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export interface Discovery {
  groups: Record<string, string>;
  resources: DiscoveredResource[];
  meshes: MeshPresence;
  notes: SnapshotNote[];
}

export async function discover(client: ClusterClient, opts: RequestOptions = {}): Promise<Discovery> {
  const notes: SnapshotNote[] = [];
  const list = await client.getJson('/apis', {}, 'API groups (/apis)', opts);
  const offered = new Map<string, string[]>();
  for (const g of Array.isArray(list?.groups) ? list.groups : []) {
    if (typeof g?.name !== 'string') continue;
    offered.set(g.name, (Array.isArray(g.versions) ? g.versions : []).map((v: any) => String(v?.version ?? '')));
  }
  const groups: Record<string, string> = {};
  const resources: DiscoveredResource[] = [];
  await Promise.all(
    Object.entries(WANTED_GROUPS).map(async ([group, want]) => {
      const served = offered.get(group);
      if (!served?.length) return;
      const preferred = want.versions.filter((v) => served.includes(v));
      groups[group] = preferred[0] ?? served[0];
      const missing = new Set(want.plurals);
      // One request per group-version, stopping as soon as every wanted kind has been found.
      for (const version of preferred) {
        if (missing.size === 0) break;
        try {
          const rl = await client.getJson(`/apis/${group}/${version}`, {}, `${group}/${version} discovery`, opts);
          for (const r of Array.isArray(rl?.resources) ? rl.resources : []) {
            if (!missing.has(r?.name)) continue; // also skips subresources like certificates/status
            missing.delete(r.name);
            resources.push({ group, version, plural: r.name, kind: String(r.kind ?? ''), namespaced: r.namespaced !== false });
          }
        } catch (e) {
          if (!(e instanceof ClusterError) || ['unauthorized', 'unreachable', 'timeout', 'cancelled'].includes(e.kind)) throw e;
          notes.push({ level: 'warning', part: `${group}/${version}`, message: e.message, errorKind: e.kind });
        }
      }
    }),
  );
  resources.sort((a, b) => `${a.group}/${a.plural}`.localeCompare(`${b.group}/${b.plural}`));
  const has = (g: string) => g in groups;
  return {
    groups,
    resources,
    meshes: {
      istio: has('security.istio.io') || has('networking.istio.io'),
      linkerd: has('policy.linkerd.io') || has('linkerd.io'),
      certManager: has('cert-manager.io'),
      spire: has('spire.spiffe.io'),
    },
    notes,
  };
}
