// Discovery documents: /version, /api, /apis (legacy and aggregated v2), /api/v1 and /apis/<g>/<v>.
import { ALL_VERBS, type ResourceInfo } from './kinds.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2(beta1)?\b/.test(accept);
}

export const versionInfo = () => ({
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.3-fake.mtls-lens',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-03-11T00:00:00Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
});

const verbsOf = (i: ResourceInfo) => (i.kind === 'SelfSubjectAccessReview' ? ['create'] : ALL_VERBS);
const subVerbs = (sub: string) => (sub === 'exec' || sub === 'portforward' ? ['create', 'get'] : sub === 'log' ? ['get'] : ['get', 'patch', 'update']);
const subKind = (i: ResourceInfo, sub: string) =>
  ({ exec: 'PodExecOptions', portforward: 'PodPortForwardOptions', log: 'Pod', scale: 'Scale' })[sub] ?? i.kind;

export function legacyApiVersions() {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
}

/** Group → versions, preferred first (the newest the seed uses). */
function groups(resources: ResourceInfo[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of resources) {
    if (!i.group) continue;
    const vs = out.get(i.group) ?? [];
    if (!vs.includes(i.version)) vs.push(i.version);
    out.set(i.group, vs.sort((a, b) => rank(b) - rank(a)));
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Kubernetes version priority: GA > beta > alpha, then by number. */
function rank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const level = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return level * 10_000 + Number(m[1]) * 100 + Number(m[3] ?? 0);
}

export function apiGroupList(resources: ResourceInfo[]) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups(resources)].map(([name, versions]) => apiGroup(name, versions)),
  };
}

export function apiGroupFor(resources: ResourceInfo[], group: string) {
  const versions = groups(resources).get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) } : undefined;
}

function apiGroup(name: string, versions: string[]) {
  const gv = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: gv, preferredVersion: gv[0] };
}

export function apiResourceList(resources: ResourceInfo[], group: string, version: string) {
  const here = resources.filter((i) => i.group === group && i.version === version);
  if (!here.length && group !== '') return undefined;
  const list: object[] = [];
  for (const i of here.sort((a, b) => a.plural.localeCompare(b.plural))) {
    list.push({
      name: i.plural,
      singularName: i.singular,
      namespaced: i.namespaced,
      kind: i.kind,
      verbs: verbsOf(i),
      ...(i.shortNames.length ? { shortNames: i.shortNames } : {}),
    });
    for (const sub of i.subresources) {
      list.push({ name: `${i.plural}/${sub}`, singularName: '', namespaced: i.namespaced, kind: subKind(i, sub), verbs: subVerbs(sub) });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: list };
}

/** Aggregated discovery (apidiscovery.k8s.io/v2) for /api (core only) or /apis (every group). */
export function aggregatedList(resources: ResourceInfo[], core: boolean) {
  const entry = (group: string, versions: string[]) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      freshness: 'Current',
      resources: resources
        .filter((i) => i.group === group && i.version === version)
        .sort((a, b) => a.plural.localeCompare(b.plural))
        .map((i) => ({
          resource: i.plural,
          responseKind: { group: i.group, version: i.version, kind: i.kind },
          scope: i.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: i.singular,
          verbs: verbsOf(i),
          ...(i.shortNames.length ? { shortNames: i.shortNames } : {}),
          ...(i.subresources.length
            ? { subresources: i.subresources.map((s) => ({ subresource: s, responseKind: { group: i.group, version: i.version, kind: subKind(i, s) }, verbs: subVerbs(s) })) }
            : {}),
        })),
    })),
  });
  const items = core ? [entry('', ['v1'])] : [...groups(resources)].map(([g, vs]) => entry(g, vs));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
