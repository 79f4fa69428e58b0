// Shared by the MTLS9xx rules: the decoded certificates of a resource, computed once per parsed object
// (the three rules and the hover all ask for the same thing).
import type { Resource } from '../../yaml/resource';
import { findEmbeddedCertificates, type EmbeddedCertificates } from '../../x509/embedded';
import { certTitle } from '../../x509/format';
import type { CertInfo } from '../../x509/types';

const cache = new WeakMap<object, EmbeddedCertificates[]>();

export function embeddedCertificates(res: Resource): EmbeddedCertificates[] {
  let found = cache.get(res.obj);
  if (!found) cache.set(res.obj, (found = findEmbeddedCertificates(res)));
  return found;
}

/** "data.tls.crt" */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** "certificate 2 of 3 (spiffe://…)" or "the certificate (CN=…)" */
export function whichCert(c: CertInfo, index: number, total: number): string {
  return total > 1 ? `certificate ${index + 1} of ${total} (${certTitle(c)})` : `the certificate (${certTitle(c)})`;
}
