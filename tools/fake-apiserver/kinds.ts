// Which resources the fake knows: group, version, plural, scope, short names. Core and apps kinds are
// always served (a real cluster always has them); custom resources only once an object of that kind
// was seeded or put, so "CRD not installed" is a natural 404.

export interface ResourceInfo {
  group: string; // '' for core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  /** Built-in (always installed) versus a CRD (installed when first seen). */
  builtin: boolean;
  subresources: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export { ALL_VERBS };

function r(group: string, version: string, kind: string, plural: string, namespaced: boolean, shortNames: string[] = [], builtin = true, subresources: string[] = []): ResourceInfo {
  return { group, version, kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, builtin, subresources };
}

const KNOWN: ResourceInfo[] = [
  r('', 'v1', 'Pod', 'pods', true, ['po'], true, ['exec', 'log', 'portforward', 'status']),
  r('', 'v1', 'Namespace', 'namespaces', false, ['ns'], true, ['status']),
  r('', 'v1', 'Secret', 'secrets', true),
  r('', 'v1', 'ConfigMap', 'configmaps', true, ['cm']),
  r('', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa']),
  r('', 'v1', 'Service', 'services', true, ['svc'], true, ['status']),
  r('', 'v1', 'Endpoints', 'endpoints', true, ['ep']),
  r('', 'v1', 'Node', 'nodes', false, ['no'], true, ['status']),
  r('apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], true, ['scale', 'status']),
  r('apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], true, ['scale', 'status']),
  r('apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], true, ['scale', 'status']),
  r('apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], true, ['status']),
  r('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false),
  // Custom resources of the meshes the extension reads (installed only when seen).
  r('security.istio.io', 'v1', 'PeerAuthentication', 'peerauthentications', true, ['pa'], false),
  r('security.istio.io', 'v1', 'AuthorizationPolicy', 'authorizationpolicies', true, ['ap'], false),
  r('security.istio.io', 'v1', 'RequestAuthentication', 'requestauthentications', true, ['ra'], false),
  r('networking.istio.io', 'v1', 'DestinationRule', 'destinationrules', true, ['dr'], false),
  r('networking.istio.io', 'v1', 'VirtualService', 'virtualservices', true, ['vs'], false),
  r('networking.istio.io', 'v1', 'Sidecar', 'sidecars', true, [], false),
  r('networking.istio.io', 'v1', 'ServiceEntry', 'serviceentries', true, ['se'], false),
  r('networking.istio.io', 'v1', 'Gateway', 'gateways', true, ['gw'], false),
  r('cert-manager.io', 'v1', 'Certificate', 'certificates', true, ['cert', 'certs'], false, ['status']),
  r('cert-manager.io', 'v1', 'CertificateRequest', 'certificaterequests', true, ['cr', 'crs'], false, ['status']),
  r('cert-manager.io', 'v1', 'Issuer', 'issuers', true, [], false, ['status']),
  r('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', false, [], false, ['status']),
  r('policy.linkerd.io', 'v1beta3', 'Server', 'servers', true, ['srv'], false),
  r('policy.linkerd.io', 'v1alpha1', 'MeshTLSAuthentication', 'meshtlsauthentications', true, [], false),
  r('policy.linkerd.io', 'v1alpha1', 'AuthorizationPolicy', 'authorizationpolicies', true, [], false),
  r('policy.linkerd.io', 'v1alpha1', 'NetworkAuthentication', 'networkauthentications', true, [], false),
  r('policy.linkerd.io', 'v1beta1', 'ServerAuthorization', 'serverauthorizations', true, ['saz'], false),
  r('spire.spiffe.io', 'v1alpha1', 'ClusterSPIFFEID', 'clusterspiffeids', false, [], false, ['status']),
  r('spire.spiffe.io', 'v1alpha1', 'ClusterFederatedTrustDomain', 'clusterfederatedtrustdomains', false, [], false),
  r('spire.spiffe.io', 'v1alpha1', 'ClusterStaticEntry', 'clusterstaticentries', false, [], false),
];

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `plural` or `plural.group`: the key kubectl uses and the fault config takes. */
export function resourceKey(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|ch|sh)$/.test(k)) return k + 'es';
  if (/[^aeiou]y$/.test(k)) return k.slice(0, -1) + 'ies';
  return k + 's';
}

export class KindRegistry {
  private readonly all: ResourceInfo[] = KNOWN.map((i) => ({ ...i }));
  private readonly installed = new Set<ResourceInfo>(this.all.filter((i) => i.builtin));

  /** The resource for an object's apiVersion/kind; an unknown kind is registered as a namespaced CRD. */
  forObject(apiVersion: string, kind: string, hasNamespace: boolean): ResourceInfo {
    const { group, version } = splitApiVersion(apiVersion);
    let info = this.all.find((i) => i.group === group && i.kind === kind);
    if (!info) {
      info = r(group, version, kind, guessPlural(kind), hasNamespace, [], group === '' || group === 'apps');
      this.all.push(info);
    } else if (info.version !== version && !info.builtin) {
      info.version = version; // serve the CRD at the version the seed uses
    }
    this.installed.add(info);
    return info;
  }

  /** Look a resource up by `Pod`, `pods`, `po`, `pods.` or `peerauthentications.security.istio.io`. */
  lookup(name: string, apiVersion?: string): ResourceInfo | undefined {
    const group = apiVersion === undefined ? undefined : splitApiVersion(apiVersion).group;
    const dot = name.indexOf('.');
    const base = dot < 0 ? name : name.slice(0, dot);
    const g = dot < 0 ? group : name.slice(dot + 1);
    const lower = base.toLowerCase();
    return this.all.find(
      (i) => (g === undefined || i.group === g) &&
        (i.kind === base || i.plural === lower || i.singular === lower || i.shortNames.includes(lower)),
    );
  }

  /** The installed resource served at group/version/plural. */
  byPath(group: string, version: string, plural: string): ResourceInfo | undefined {
    return [...this.installed].find((i) => i.group === group && i.version === version && i.plural === plural);
  }

  /** Installed resources, minus groups a fault hides. */
  served(hiddenGroups: string[] = []): ResourceInfo[] {
    return [...this.installed].filter((i) => !hiddenGroups.includes(i.group));
  }
}
