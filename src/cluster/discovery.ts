// Which meshes are installed, and which of their resources exist: GET /apis once, then one
// GET /apis/<group>/<version> per interesting group that is there.
import type { ClusterClient, RequestOptions } from './client';
import { ClusterError } from './errors';
import type { MeshPresence, SnapshotNote } from './snapshot';

/** The custom resources mTLS Lens reads, by group. The first listed version the server offers is used. */
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
      const versions = offered.get(group);
      if (!versions) return;
      const version = want.versions.find((v) => versions.includes(v)) ?? versions[0];
      if (!version) return;
      groups[group] = version;
      if (!want.plurals.length) return;
      try {
        const rl = await client.getJson(`/apis/${group}/${version}`, {}, `${group}/${version} discovery`, opts);
        for (const r of Array.isArray(rl?.resources) ? rl.resources : []) {
          if (!want.plurals.includes(r?.name)) continue; // also skips subresources like certificates/status
          resources.push({ group, version, plural: r.name, kind: String(r.kind ?? ''), namespaced: r.namespaced !== false });
        }
      } catch (e) {
        if (!(e instanceof ClusterError) || ['unauthorized', 'unreachable', 'timeout', 'cancelled'].includes(e.kind)) throw e;
        notes.push({ level: 'warning', part: group, message: e.message, errorKind: e.kind });
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
