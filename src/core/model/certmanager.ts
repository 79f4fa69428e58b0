// Typed views of cert-manager resources (cert-manager.io/v1 Certificate, Issuer, ClusterIssuer), with the
// defaults cert-manager applies filled in, so rules (single- and cross-document) read one plain shape.
import type { Resource } from '../yaml/resource';
import { parseGoDuration, DAY_MS, HOUR_MS, MINUTE_MS } from './duration';

export const CERT_MANAGER_GROUP = 'cert-manager.io';
export const CERTIFICATE_KIND = `${CERT_MANAGER_GROUP}/Certificate`;
export const ISSUER_KINDS = [`${CERT_MANAGER_GROUP}/Issuer`, `${CERT_MANAGER_GROUP}/ClusterIssuer`] as const;

/** cert-manager constants (pkg/apis/certmanager/v1/const.go, pkg/util/pki). */
export const MIN_CERTIFICATE_DURATION_MS = HOUR_MS;
export const DEFAULT_CERTIFICATE_DURATION_MS = 90 * DAY_MS;
export const MIN_RENEW_BEFORE_MS = 5 * MINUTE_MS;
export const MIN_RSA_KEY_SIZE = 2048;
export const MAX_RSA_KEY_SIZE = 8192;
export const ECDSA_KEY_SIZES = [256, 384, 521] as const;
/** Usages cert-manager gives a Certificate that lists none. */
export const DEFAULT_USAGES = ['digital signature', 'key encipherment'] as const;

/** Every key usage and extended key usage cert-manager accepts (CRD enum). */
export const KNOWN_USAGES = [
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment',
  'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing',
  'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing',
  'microsoft sgc', 'netscape sgc',
] as const;

export const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'] as const;
export type IssuerType = (typeof ISSUER_TYPES)[number];

/** A duration field: absent, unparseable (with the reason), or its value. */
export type DurationField =
  | { state: 'absent' }
  | { state: 'invalid'; text: string; message: string }
  | { state: 'set'; text: string; ms: number };

export interface CertificateView {
  resource: Resource;
  name: string;
  /** Namespace with the settings' default filled in. */
  namespace: string;
  secretName: string | undefined;
  issuerRef: { name: string | undefined; kind: string; group: string };
  isCA: boolean;
  commonName: string | undefined;
  dnsNames: string[];
  uris: string[];
  /** The `spiffe://` entries of `uris`. */
  spiffeIds: string[];
  ipAddresses: string[];
  emailAddresses: string[];
  /** `spec.usages` as written (undefined when absent). */
  usages: string[] | undefined;
  /** The usages cert-manager will request: the listed ones, or the defaults, plus `cert sign` for a CA. */
  effectiveUsages: string[];
  duration: DurationField;
  /** The effective lifetime: `duration` when valid, otherwise cert-manager's 90-day default. */
  durationMs: number;
  renewBefore: DurationField;
  renewBeforePercentage: number | undefined;
  privateKey: {
    /** As written, or 'RSA' (cert-manager's default). */
    algorithm: string;
    /** As written (undefined when absent). */
    size: number | undefined;
    /** The size cert-manager uses: the written one, or 2048 for RSA, 256 for ECDSA. */
    effectiveSize: number | undefined;
    rotationPolicy: string | undefined;
    encoding: string | undefined;
  };
  signatureAlgorithm: string | undefined;
}

export function isCertificate(res: Resource): boolean {
  return res.group === CERT_MANAGER_GROUP && res.kind === 'Certificate';
}

export function isIssuer(res: Resource): boolean {
  return res.group === CERT_MANAGER_GROUP && (res.kind === 'Issuer' || res.kind === 'ClusterIssuer');
}

export function asCertificate(res: Resource, defaultNamespace = 'default'): CertificateView | undefined {
  if (!isCertificate(res)) return undefined;
  const spec = objectAt(res.obj.spec);
  const ref = objectAt(spec.issuerRef);
  const pk = objectAt(spec.privateKey);
  const isCA = spec.isCA === true;
  const usages = Array.isArray(spec.usages) ? spec.usages.map((u: unknown) => String(u)) : undefined;
  const effectiveUsages = [...(usages && usages.length ? usages : DEFAULT_USAGES)];
  if (isCA && !effectiveUsages.includes('cert sign')) effectiveUsages.push('cert sign');
  const algorithm = typeof pk.algorithm === 'string' && pk.algorithm !== '' ? pk.algorithm : 'RSA';
  const size = typeof pk.size === 'number' ? pk.size : undefined;
  const duration = durationField(spec.duration);
  const uris = strings(spec.uris);
  return {
    resource: res,
    name: res.name,
    namespace: res.namespace ?? defaultNamespace,
    secretName: typeof spec.secretName === 'string' ? spec.secretName : undefined,
    issuerRef: {
      name: typeof ref.name === 'string' && ref.name !== '' ? ref.name : undefined,
      kind: typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : 'Issuer',
      group: typeof ref.group === 'string' && ref.group !== '' ? ref.group : CERT_MANAGER_GROUP,
    },
    isCA,
    commonName: typeof spec.commonName === 'string' ? spec.commonName : undefined,
    dnsNames: strings(spec.dnsNames),
    uris,
    spiffeIds: uris.filter((u) => u.toLowerCase().startsWith('spiffe:')),
    ipAddresses: strings(spec.ipAddresses),
    emailAddresses: strings(spec.emailAddresses),
    usages,
    effectiveUsages,
    duration,
    durationMs: duration.state === 'set' ? duration.ms : DEFAULT_CERTIFICATE_DURATION_MS,
    renewBefore: durationField(spec.renewBefore),
    renewBeforePercentage: typeof spec.renewBeforePercentage === 'number' ? spec.renewBeforePercentage : undefined,
    privateKey: {
      algorithm,
      size,
      effectiveSize: size && size > 0 ? size : algorithm === 'RSA' ? MIN_RSA_KEY_SIZE : algorithm === 'ECDSA' ? 256 : undefined,
      rotationPolicy: typeof pk.rotationPolicy === 'string' ? pk.rotationPolicy : undefined,
      encoding: typeof pk.encoding === 'string' ? pk.encoding : undefined,
    },
    signatureAlgorithm: typeof spec.signatureAlgorithm === 'string' ? spec.signatureAlgorithm : undefined,
  };
}

/**
 * A workload (service identity) certificate: a leaf that carries a SPIFFE URI SAN or is meant for client
 * authentication, i.e. one that proves "who" in mTLS rather than serving a public hostname.
 */
export function isWorkloadCertificate(cert: CertificateView): boolean {
  return !cert.isCA && (cert.spiffeIds.length > 0 || (cert.usages ?? []).includes('client auth'));
}

export interface IssuerView {
  resource: Resource;
  kind: 'Issuer' | 'ClusterIssuer';
  name: string;
  /** Namespace with the default filled in; undefined for a ClusterIssuer. */
  namespace: string | undefined;
  /** The issuer types present in spec, in spec order. */
  types: IssuerType[];
  /** `spec.ca.secretName` (the CA key pair) when this is a CA issuer. */
  caSecretName: string | undefined;
}

export function asIssuer(res: Resource, defaultNamespace = 'default'): IssuerView | undefined {
  if (!isIssuer(res)) return undefined;
  const spec = objectAt(res.obj.spec);
  const kind = res.kind as IssuerView['kind'];
  const types = Object.keys(spec).filter((k): k is IssuerType => (ISSUER_TYPES as readonly string[]).includes(k) && spec[k] != null);
  const ca = objectAt(spec.ca);
  return {
    resource: res,
    kind,
    name: res.name,
    namespace: kind === 'ClusterIssuer' ? undefined : (res.namespace ?? defaultNamespace),
    types,
    caSecretName: typeof ca.secretName === 'string' && ca.secretName !== '' ? ca.secretName : undefined,
  };
}

function durationField(value: unknown): DurationField {
  if (value === undefined || value === null) return { state: 'absent' };
  const text = String(value);
  const r = parseGoDuration(text);
  return r.ok ? { state: 'set', text, ms: r.ms } : { state: 'invalid', text, message: r.message };
}

function objectAt(x: unknown): Record<string, any> {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, any>) : {};
}

function strings(x: unknown): string[] {
  return Array.isArray(x) ? x.filter((v) => v != null).map((v) => String(v)) : [];
}
