// Istio's annotation registry, as far as `istioctl analyze` uses it (IST0107/0108/0125/0135): which
// annotations exist, which kinds they belong on, which are deprecated, and the value checks the sidecar
// injector applies. Facts from istio/api `annotation/annotations.yaml` and istio `pkg/kube/inject`
// (the versions pinned by the conformance snapshot); the table and the checks are written here.

export interface AnnotationInfo {
  /** Kinds the annotation belongs on; 'Any' means every kind. */
  kinds: readonly string[];
  deprecated?: boolean;
  /** Returns a problem description, or undefined when the value is acceptable. */
  validate?: (value: string) => string | undefined;
}

/** Set by Istio itself (or added automatically); the analyzer never warns about them. */
export const ALWAYS_IGNORED_ANNOTATIONS: ReadonlySet<string> = new Set([
  'sidecar.istio.io/status',
  'gateway.istio.io/controller-version',
  'istio.io/rev',
]);

/** An annotation key the analyzer treats as Istio's: the prefix domain ends in istio.io. */
export function isIstioAnnotation(key: string): boolean {
  if (key === 'kubernetes.io/ingress.class') return true;
  return key.split('/')[0].endsWith('istio.io');
}

// --- value checks (mirroring the injector's rules) ---

const UINT32_MAX = 4294967295;

function uint32(v: string): string | undefined {
  return /^\d+$/.test(v) && Number(v) <= UINT32_MAX ? undefined : `"${v}" is not a non-negative whole number`;
}

function port(v: string): string | undefined {
  const t = v.trim();
  return /^\d+$/.test(t) && Number(t) <= 65535 ? undefined : `"${v}" is not a port number (0-65535)`;
}

function portList(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  for (const p of t.split(',')) {
    const problem = port(p);
    if (problem) return problem;
  }
  return undefined;
}

const portListOrStar = (v: string) => (v === '*' ? undefined : portList(v));

function cidr(v: string): string | undefined {
  const slash = v.indexOf('/');
  if (slash < 0) return `"${v}" is not a CIDR (address/prefix-length)`;
  const addr = v.slice(0, slash);
  const bits = v.slice(slash + 1);
  const max = isIPv4(addr) ? 32 : isIPv6(addr) ? 128 : -1;
  if (max < 0) return `"${addr}" is not an IP address`;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `"/${bits}" is not a prefix length for ${addr}`;
  return undefined;
}

function cidrList(v: string): string | undefined {
  if (v === '') return undefined;
  for (const c of v.split(',')) {
    const problem = cidr(c);
    if (problem) return problem;
  }
  return undefined;
}

const cidrListOrStar = (v: string) => (v === '*' ? undefined : cidrList(v));

function isIPv4(a: string): boolean {
  const parts = a.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(a: string): boolean {
  if (!a.includes(':') || /[^0-9a-fA-F:.%a-zA-Z]/.test(a)) return false;
  const [addr] = a.split('%');
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1];
  const v4Tail = last !== undefined && last.includes('.');
  if (v4Tail && !isIPv4(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

function interfaceNames(v: string): string | undefined {
  if (v === '') return undefined;
  for (const raw of v.split(',')) {
    const name = raw.trim();
    if (name === '') return 'an interface name is empty';
    if (name.length > 15) return `interface name "${name}" is longer than 15 characters`;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name "${name}" has characters Linux does not allow`;
  }
  return undefined;
}

function interceptionMode(v: string): string | undefined {
  return ['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `"${v}" is not REDIRECT, TPROXY or NONE`;
}

function goBool(v: string): string | undefined {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)
    ? undefined
    : `"${v}" is not a boolean`;
}

function quantity(v: string): string | undefined {
  if (/\p{Cc}/u.test(v)) return 'the value contains control characters';
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/.test(v) ? undefined : `"${v}" is not a Kubernetes quantity (e.g. 100m, 128Mi)`;
}

function proxyConfig(v: string): string | undefined {
  // The injector parses this as a ProxyConfig YAML/JSON object; here only the shape is checked.
  const t = v.trim();
  if (t === '' || t.startsWith('{') || /^[A-Za-z_][\w-]*\s*:/m.test(t)) return undefined;
  return 'the value is not a ProxyConfig object (YAML or JSON map)';
}

// --- the registry ---

const POD = ['Pod'] as const;
const pod = (validate?: AnnotationInfo['validate'], deprecated = false): AnnotationInfo => ({ kinds: POD, validate, deprecated });

export const ISTIO_ANNOTATIONS: ReadonlyMap<string, AnnotationInfo> = new Map<string, AnnotationInfo>([
  // Pod-level proxy and injection settings
  ['prometheus.istio.io/merge-metrics', pod(goBool)],
  ['sidecar.istio.io/inject', pod(undefined, true)],
  ['sidecar.istio.io/status', pod()],
  ['sidecar.istio.io/rewriteAppHTTPProbers', pod()],
  ['sidecar.istio.io/discoveryAddress', pod(undefined, true)],
  ['sidecar.istio.io/proxyImage', pod()],
  ['sidecar.istio.io/proxyImageType', pod()],
  ['sidecar.istio.io/proxyCPU', pod(quantity)],
  ['sidecar.istio.io/proxyCPULimit', pod(quantity)],
  ['sidecar.istio.io/proxyMemory', pod(quantity)],
  ['sidecar.istio.io/proxyMemoryLimit', pod(quantity)],
  ['sidecar.istio.io/interceptionMode', pod(interceptionMode)],
  ['sidecar.istio.io/bootstrapOverride', pod()],
  ['sidecar.istio.io/statsInclusionPrefixes', pod(undefined, true)],
  ['sidecar.istio.io/statsInclusionSuffixes', pod(undefined, true)],
  ['sidecar.istio.io/statsInclusionRegexps', pod(undefined, true)],
  ['sidecar.istio.io/statsHistogramBuckets', pod()],
  ['sidecar.istio.io/statsFlushInterval', pod()],
  ['sidecar.istio.io/statsEvictionInterval', pod()],
  ['sidecar.istio.io/statsHistogramBins', pod()],
  ['sidecar.istio.io/statsCompression', pod(undefined, true)],
  ['sidecar.istio.io/extraStatTags', pod(undefined, true)],
  ['sidecar.istio.io/userVolume', pod()],
  ['sidecar.istio.io/userVolumeMount', pod()],
  ['sidecar.istio.io/logLevel', pod()],
  ['sidecar.istio.io/componentLogLevel', pod()],
  ['sidecar.istio.io/agentLogLevel', pod()],
  ['sidecar.istio.io/nativeSidecar', pod()],
  ['status.sidecar.istio.io/port', pod(port)],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', pod(uint32)],
  ['readiness.status.sidecar.istio.io/periodSeconds', pod(uint32)],
  ['readiness.status.sidecar.istio.io/failureThreshold', pod(uint32)],
  ['readiness.status.sidecar.istio.io/applicationPorts', pod()],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', pod(cidrListOrStar)],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', pod(cidrList)],
  ['traffic.sidecar.istio.io/includeInboundPorts', pod(portListOrStar)],
  ['traffic.sidecar.istio.io/excludeInboundPorts', pod(portList)],
  ['traffic.sidecar.istio.io/includeOutboundPorts', pod()],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', pod(portList)],
  ['traffic.sidecar.istio.io/excludeInterfaces', pod(interfaceNames)],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', pod(interfaceNames, true)],
  ['istio.io/reroute-virtual-interfaces', pod(interfaceNames)],
  ['proxy.istio.io/config', pod(proxyConfig)],
  ['proxy.istio.io/overrides', pod()],
  ['inject.istio.io/templates', pod()],
  ['istio.io/rev', pod()],
  ['ambient.istio.io/redirection', pod()],
  ['ambient.istio.io/bypass-inbound-capture', pod()],
  ['ambient.istio.io/dns-capture', pod()],
  // Services, namespaces and other kinds
  ['alpha.istio.io/kubernetes-serviceaccounts', { kinds: ['Service'], deprecated: true }],
  ['alpha.istio.io/canonical-serviceaccounts', { kinds: ['Service'], deprecated: true }],
  ['networking.istio.io/exportTo', { kinds: ['Service'] }],
  ['traffic.istio.io/nodeSelector', { kinds: ['Service'] }],
  ['networking.istio.io/traffic-distribution', { kinds: ['Namespace', 'Service', 'ServiceEntry'] }],
  ['istio.io/use-waypoint-canary-weight', { kinds: ['Service', 'ServiceEntry', 'Namespace'] }],
  ['topology.istio.io/controlPlaneClusters', { kinds: ['Namespace'] }],
  ['kubernetes.io/ingress.class', { kinds: ['Ingress'] }],
  ['galley.istio.io/analyze-suppress', { kinds: ['Any'] }],
  ['gateway.istio.io/controller-version', { kinds: ['Any'] }],
  ['istio.io/dry-run', { kinds: ['AuthorizationPolicy'] }],
  ['istio.io/autoRegistrationGroup', { kinds: ['WorkloadEntry'] }],
  ['istio.io/workloadController', { kinds: ['WorkloadEntry'] }],
  ['istio.io/connectedAt', { kinds: ['WorkloadEntry'] }],
  ['istio.io/disconnectedAt', { kinds: ['WorkloadEntry'] }],
  ['ambient.istio.io/waypoint-inbound-binding', { kinds: ['GatewayClass', 'Gateway'] }],
  ['gateway.istio.io/service-account', { kinds: ['Gateway'] }],
  ['gateway.istio.io/name-override', { kinds: ['Gateway'] }],
  ['networking.istio.io/service-type', { kinds: ['Gateway'] }],
]);

/** Known annotation names (for did-you-mean suggestions). */
export function knownAnnotationNames(): string[] {
  return [...ISTIO_ANNOTATIONS.keys()];
}
