// Certificates embedded in a YAML resource: Secret data/stringData, ConfigMap data, webhook caBundle,
// cert-manager/Istio caCertificates fields... any string value that carries certificate data. Keys whose
// name says "key" are never decoded, whatever they hold.
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import type { CertInfo } from './types';
import { decodeCertificates } from './decode';
import { looksLikeCertificateText } from './pem';

export interface EmbeddedCertificates {
  /** Path of the string value inside the resource. */
  path: FieldPath;
  certs: CertInfo[];
  errors: string[];
}

const MAX_DEPTH = 12;

/** Every value in the resource that holds certificates (decoded). Pure, bounded by the value limits in pem.ts. */
export function findEmbeddedCertificates(res: Resource): EmbeddedCertificates[] {
  const out: EmbeddedCertificates[] = [];
  walk(res.obj, [], 0, out);
  return out;
}

/** The embedded certificate value at exactly `path`, if that value holds certificates. */
export function certificatesAt(res: Resource, path: FieldPath): EmbeddedCertificates | undefined {
  const v = res.get(path);
  if (typeof v !== 'string' || isKeyName(path[path.length - 1]) || !looksLikeCertificateText(v)) return undefined;
  const r = decodeCertificates(v);
  return r.certs.length || r.errors.length ? { path, certs: r.certs, errors: r.errors } : undefined;
}

function walk(node: unknown, path: (string | number)[], depth: number, out: EmbeddedCertificates[]): void {
  if (depth > MAX_DEPTH || node == null) return;
  if (typeof node === 'string') {
    if (isKeyName(path[path.length - 1]) || !looksLikeCertificateText(node)) return;
    const r = decodeCertificates(node);
    if (r.certs.length || r.errors.length) out.push({ path: [...path], certs: r.certs, errors: r.errors });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((v, i) => walk(v, [...path, i], depth + 1, out));
  } else if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, [...path, k], depth + 1, out);
  }
}

/** tls.key, key.pem, ca.key, privateKey…: never decoded, even when they are misnamed certificates. */
function isKeyName(seg: string | number | undefined): boolean {
  return typeof seg === 'string' && /key/i.test(seg);
}
