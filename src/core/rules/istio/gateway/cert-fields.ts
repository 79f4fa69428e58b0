// What a Gateway server's TLS settings say about certificates, shared by the MTLS22x rules.
import { str, stringList, type ServerTlsView } from '../../../model/istio';

/** Certificate-related fields that are set, in the order Istio checks them. */
export function certFieldsSet(t: ServerTlsView): string[] {
  const out: string[] = [];
  for (const f of ['serverCertificate', 'privateKey', 'caCertificates', 'caCrl', 'credentialName']) if (str(t.tls[f])) out.push(f);
  if (Array.isArray(t.tls.tlsCertificates) && t.tls.tlsCertificates.length > 0) out.push('tlsCertificates');
  if (stringList(t.tls.credentialNames).length > 0) out.push('credentialNames');
  return out;
}

/** "server 0 (port 443)" for messages. */
export function serverLabel(t: ServerTlsView): string {
  return `servers[${t.serverIndex}]${t.port !== undefined ? ` (port ${t.port})` : ''}`;
}

/** Whether the server gets its certificate from a Secret (credentialName or credentialNames). */
export function usesCredential(t: ServerTlsView): boolean {
  return !!str(t.tls.credentialName) || stringList(t.tls.credentialNames).length > 0;
}
