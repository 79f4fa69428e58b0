// Typed views of the Istio resources mTLS depends on. Each view keeps the Resource (for ranges and fixes)
// and reads the parsed object defensively: a field of the wrong shape reads as absent, never throws.
// Versions: security.istio.io v1/v1beta1 and networking.istio.io v1/v1beta1/v1alpha3 share one schema.
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';

export const SECURITY_GROUP = 'security.istio.io';
export const NETWORKING_GROUP = 'networking.istio.io';

/** `group/Kind` keys, as RuleMeta.kinds and ResourceIndex.ofKind expect them. */
export const KIND = {
  PeerAuthentication: `${SECURITY_GROUP}/PeerAuthentication`,
  AuthorizationPolicy: `${SECURITY_GROUP}/AuthorizationPolicy`,
  RequestAuthentication: `${SECURITY_GROUP}/RequestAuthentication`,
  DestinationRule: `${NETWORKING_GROUP}/DestinationRule`,
  Gateway: `${NETWORKING_GROUP}/Gateway`,
} as const;

const SECURITY_VERSIONS = new Set(['v1', 'v1beta1']);
const NETWORKING_VERSIONS = new Set(['v1', 'v1beta1', 'v1alpha3']);

export const PEER_AUTH_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] as const;
export const CLIENT_TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;
export const SERVER_TLS_MODES = ['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL'] as const;
export const AUTHZ_ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] as const;

export type Obj = Record<string, any>;

export function isObj(x: unknown): x is Obj {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** A list of strings; other shapes read as empty. Non-string scalars are stringified (YAML `- 8080`). */
export function stringList(x: unknown): string[] {
  if (!Array.isArray(x)) return [];
  return x.filter((v) => v != null && typeof v !== 'object').map(String);
}

/** Non-empty string or undefined (`credentialName: ""` reads like Go's zero value). */
export function str(x: unknown): string | undefined {
  if (x == null || typeof x === 'object') return undefined;
  const s = String(x);
  return s === '' ? undefined : s;
}

export function isSecurityResource(res: Resource, kind: string): boolean {
  return res.group === SECURITY_GROUP && res.kind === kind && SECURITY_VERSIONS.has(res.version);
}

export function isNetworkingResource(res: Resource, kind: string): boolean {
  return res.group === NETWORKING_GROUP && res.kind === kind && NETWORKING_VERSIONS.has(res.version);
}

export function specOf(res: Resource): Obj {
  return isObj(res.obj.spec) ? res.obj.spec : {};
}

// ---------------------------------------------------------------- workload selectors

export interface SelectorView {
  /** Path of the selector map (`spec.selector` or `spec.workloadSelector`). */
  path: FieldPath;
  /** Path of the label map inside it (`matchLabels`). */
  labelsPath: FieldPath;
  /** The labels; {} when the selector has none. */
  labels: Record<string, string>;
}

/**
 * The workload selector of PA/AP/RA (`spec.selector.matchLabels`) or DR (`spec.workloadSelector.matchLabels`).
 * undefined = no selector at all (Go nil); a present selector with no labels has `labels` {}.
 */
export function selectorOf(res: Resource): SelectorView | undefined {
  const key = res.kind === 'DestinationRule' ? 'workloadSelector' : 'selector';
  const sel = specOf(res)[key];
  if (!isObj(sel)) return undefined;
  const labels: Record<string, string> = {};
  if (isObj(sel.matchLabels)) for (const [k, v] of Object.entries(sel.matchLabels)) labels[k] = v == null ? '' : String(v);
  return { path: ['spec', key], labelsPath: ['spec', key, 'matchLabels'], labels };
}

// ---------------------------------------------------------------- PeerAuthentication

export interface PortMtls {
  /** The map key as written (a port number normally). */
  port: string;
  /** Mode as written, or undefined when unset. */
  mode: string | undefined;
  path: FieldPath;
}

export interface PeerAuthenticationView {
  resource: Resource;
  /** Namespace, with the default namespace filled in. */
  namespace: string;
  selector: SelectorView | undefined;
  /** True when the selector is absent or has no labels (Istio treats both as namespace/mesh-wide). */
  workloadWide: boolean;
  /** `spec.mtls.mode` as written (undefined when unset; UNSET is kept as written). */
  mode: string | undefined;
  modePath: FieldPath;
  /** undefined when `portLevelMtls` is absent; [] when present but empty. */
  portLevelMtls: PortMtls[] | undefined;
}

export function asPeerAuthentication(res: Resource, defaultNamespace = 'default'): PeerAuthenticationView | undefined {
  if (!isSecurityResource(res, 'PeerAuthentication')) return undefined;
  const spec = specOf(res);
  const selector = selectorOf(res);
  const plm = spec.portLevelMtls;
  let portLevelMtls: PortMtls[] | undefined;
  if (isObj(plm)) {
    portLevelMtls = Object.entries(plm).map(([port, v]) => ({
      port,
      mode: isObj(v) ? str(v.mode) : undefined,
      path: ['spec', 'portLevelMtls', port, 'mode'],
    }));
  } else if (plm !== undefined) {
    portLevelMtls = []; // `portLevelMtls:` with no value, or `{}` written another way
  }
  return {
    resource: res,
    namespace: res.namespace ?? defaultNamespace,
    selector,
    workloadWide: !selector || Object.keys(selector.labels).length === 0,
    mode: isObj(spec.mtls) ? str(spec.mtls.mode) : undefined,
    modePath: ['spec', 'mtls', 'mode'],
    portLevelMtls,
  };
}

// ---------------------------------------------------------------- AuthorizationPolicy

export interface AuthzRule {
  index: number;
  path: FieldPath;
  /** null/non-map rule entries are kept so that rules can report them. */
  rule: Obj | null;
}

export interface AuthzSource {
  ruleIndex: number;
  fromIndex: number;
  /** Path of the `source` map. */
  path: FieldPath;
  source: Obj;
}

export interface AuthzOperation {
  ruleIndex: number;
  toIndex: number;
  /** Path of the `operation` map. */
  path: FieldPath;
  operation: Obj;
}

export interface AuthzCondition {
  ruleIndex: number;
  whenIndex: number;
  path: FieldPath;
  key: string | undefined;
  values: string[];
  notValues: string[];
  /** Whether `values` / `notValues` were written at all. */
  hasValues: boolean;
  hasNotValues: boolean;
}

export interface AuthorizationPolicyView {
  resource: Resource;
  namespace: string;
  /** Action as written; ALLOW when unset. */
  action: string;
  selector: SelectorView | undefined;
  /** undefined when `rules` is absent or null. */
  rules: AuthzRule[] | undefined;
}

export function asAuthorizationPolicy(res: Resource, defaultNamespace = 'default'): AuthorizationPolicyView | undefined {
  if (!isSecurityResource(res, 'AuthorizationPolicy')) return undefined;
  const spec = specOf(res);
  const rules = Array.isArray(spec.rules)
    ? spec.rules.map((rule: unknown, index: number) => ({ index, path: ['spec', 'rules', index], rule: isObj(rule) ? rule : null }))
    : undefined;
  return {
    resource: res,
    namespace: res.namespace ?? defaultNamespace,
    action: str(spec.action) ?? 'ALLOW',
    selector: selectorOf(res),
    rules,
  };
}

export function sourcesOf(ap: AuthorizationPolicyView): AuthzSource[] {
  const out: AuthzSource[] = [];
  for (const r of ap.rules ?? []) {
    const from = r.rule?.from;
    if (!Array.isArray(from)) continue;
    from.forEach((f: unknown, fromIndex: number) => {
      if (isObj(f) && isObj(f.source)) out.push({ ruleIndex: r.index, fromIndex, path: [...r.path, 'from', fromIndex, 'source'], source: f.source });
    });
  }
  return out;
}

export function operationsOf(ap: AuthorizationPolicyView): AuthzOperation[] {
  const out: AuthzOperation[] = [];
  for (const r of ap.rules ?? []) {
    const to = r.rule?.to;
    if (!Array.isArray(to)) continue;
    to.forEach((t: unknown, toIndex: number) => {
      if (isObj(t) && isObj(t.operation)) out.push({ ruleIndex: r.index, toIndex, path: [...r.path, 'to', toIndex, 'operation'], operation: t.operation });
    });
  }
  return out;
}

export function conditionsOf(ap: AuthorizationPolicyView): AuthzCondition[] {
  const out: AuthzCondition[] = [];
  for (const r of ap.rules ?? []) {
    const when = r.rule?.when;
    if (!Array.isArray(when)) continue;
    when.forEach((c: unknown, whenIndex: number) => {
      const cond = isObj(c) ? c : {};
      out.push({
        ruleIndex: r.index,
        whenIndex,
        path: [...r.path, 'when', whenIndex],
        key: str(cond.key),
        values: stringList(cond.values),
        notValues: stringList(cond.notValues),
        hasValues: Array.isArray(cond.values) && cond.values.length > 0,
        hasNotValues: Array.isArray(cond.notValues) && cond.notValues.length > 0,
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------- RequestAuthentication

export interface JwtRuleView {
  index: number;
  path: FieldPath;
  rule: Obj;
}

export function jwtRulesOf(res: Resource): JwtRuleView[] {
  if (!isSecurityResource(res, 'RequestAuthentication')) return [];
  const rules = specOf(res).jwtRules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, index: number) => (isObj(rule) ? [{ index, path: ['spec', 'jwtRules', index], rule }] : []));
}

// ---------------------------------------------------------------- DestinationRule TLS

export type TlsLevel = 'destination' | 'port' | 'subset' | 'subset-port';

export interface ClientTlsView {
  level: TlsLevel;
  /** Path of the `tls` map. */
  path: FieldPath;
  tls: Obj;
  /** Mode as written; undefined when unset (Istio's default is DISABLE). */
  mode: string | undefined;
  /** `port.number` for port-level settings. */
  port?: number | string;
  subset?: string;
}

export interface DestinationRuleView {
  resource: Resource;
  namespace: string;
  host: string | undefined;
  selector: SelectorView | undefined;
  /** Every TLS settings block: top level, port level, and the same inside subsets. */
  tls: ClientTlsView[];
}

export function asDestinationRule(res: Resource, defaultNamespace = 'default'): DestinationRuleView | undefined {
  if (!isNetworkingResource(res, 'DestinationRule')) return undefined;
  const spec = specOf(res);
  const tls: ClientTlsView[] = [];
  collectPolicyTls(spec.trafficPolicy, ['spec', 'trafficPolicy'], undefined, tls);
  if (Array.isArray(spec.subsets)) {
    spec.subsets.forEach((s: unknown, i: number) => {
      if (isObj(s)) collectPolicyTls(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], str(s.name) ?? `#${i}`, tls);
    });
  }
  return { resource: res, namespace: res.namespace ?? defaultNamespace, host: str(spec.host), selector: selectorOf(res), tls };
}

function collectPolicyTls(policy: unknown, path: FieldPath, subset: string | undefined, out: ClientTlsView[]): void {
  if (!isObj(policy)) return;
  if (isObj(policy.tls)) {
    out.push({ level: subset ? 'subset' : 'destination', path: [...path, 'tls'], tls: policy.tls, mode: str(policy.tls.mode), subset });
  }
  if (!Array.isArray(policy.portLevelSettings)) return;
  policy.portLevelSettings.forEach((p: unknown, i: number) => {
    if (!isObj(p) || !isObj(p.tls)) return;
    const port = isObj(p.port) ? p.port.number : undefined;
    out.push({
      level: subset ? 'subset-port' : 'port',
      path: [...path, 'portLevelSettings', i, 'tls'],
      tls: p.tls,
      mode: str(p.tls.mode),
      port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
      subset,
    });
  });
}

/** Human label of where a TLS block sits, for messages. */
export function tlsLevelLabel(t: ClientTlsView): string {
  const port = t.port !== undefined ? `port ${t.port}` : 'a port without a number';
  switch (t.level) {
    case 'destination':
      return 'trafficPolicy.tls';
    case 'port':
      return `the port-level TLS settings for ${port}`;
    case 'subset':
      return `subset "${t.subset}" TLS settings`;
    case 'subset-port':
      return `subset "${t.subset}" TLS settings for ${port}`;
  }
}

// ---------------------------------------------------------------- Gateway servers[].tls

export interface ServerTlsView {
  serverIndex: number;
  /** Path of the `tls` map. */
  path: FieldPath;
  tls: Obj;
  mode: string | undefined;
  /** `port.number`, for messages. */
  port?: number | string;
}

export function gatewayServerTls(res: Resource): ServerTlsView[] {
  if (!isNetworkingResource(res, 'Gateway')) return [];
  const servers = specOf(res).servers;
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((s: unknown, serverIndex: number) => {
    if (!isObj(s) || !isObj(s.tls)) return [];
    const port = isObj(s.port) ? s.port.number : undefined;
    return [{
      serverIndex,
      path: ['spec', 'servers', serverIndex, 'tls'],
      tls: s.tls,
      mode: str(s.tls.mode),
      port: typeof port === 'number' || typeof port === 'string' ? port : undefined,
    }];
  });
}
