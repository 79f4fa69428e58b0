// What Envoy's admin API (reached through `pilot-agent request GET …` in istio-proxy) returns for a
// workload: /certs (envoy.admin.v3.Certificates) and /config_dump (SecretsConfigDump part).
import type { IssuedCert } from './certs.js';
import * as x509 from '@peculiar/x509';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function details(pem: string, now: Date) {
  const c = new x509.X509Certificate(pem);
  const san = c.getExtension(x509.SubjectAlternativeNameExtension);
  const names = (san?.names.items ?? []).map((n) =>
    n.type === 'url' ? { uri: n.value } : n.type === 'dns' ? { dns: n.value } : n.type === 'ip' ? { ip_address: n.value } : { dns: n.value },
  );
  return {
    path: '<inline>',
    serial_number: c.serialNumber.toLowerCase(),
    subject_alt_names: names,
    // uint64 in proto3 JSON is a string; Envoy reports whole days left, floored at 0
    days_until_expiration: String(Math.max(0, Math.floor((c.notAfter.getTime() - now.getTime()) / DAY))),
    valid_from: iso(c.notBefore),
    expiration_time: iso(c.notAfter),
  };
}

const splitPem = (chain: string) => chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** /certs: one entry for the ROOTCA validation context, one for the `default` SVID chain (as Istio's Envoy shows). */
export function envoyCerts(svid: IssuedCert, now: Date): string {
  const body = {
    certificates: [
      { ca_cert: [details(svid.rootPem, now)] },
      { cert_chain: splitPem(svid.chainPem).map((p) => details(p, now)) },
    ],
  };
  return JSON.stringify(body, null, 1) + '\n';
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function dynamicSecrets(svid: IssuedCert, now: Date) {
  const version = iso(svid.cert.notBefore);
  return [
    {
      name: 'default',
      version_info: version,
      last_updated: iso(now),
      secret: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
        name: 'default',
        tls_certificate: {
          certificate_chain: { inline_bytes: b64(svid.chainPem) },
          private_key: { inline_bytes: b64('[redacted]') },
        },
      },
    },
    {
      name: 'ROOTCA',
      version_info: version,
      last_updated: iso(now),
      secret: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
        name: 'ROOTCA',
        validation_context: { trusted_ca: { inline_bytes: b64(svid.rootPem) } },
      },
    },
  ];
}

/**
 * /config_dump. With `resource=dynamic_active_secrets` Envoy lists the DynamicSecret messages
 * themselves; otherwise the dump holds one config per type, of which we fill the SecretsConfigDump.
 */
export function envoyConfigDump(svid: IssuedCert, now: Date, query: URLSearchParams): string {
  const secrets = dynamicSecrets(svid, now);
  const body =
    query.get('resource') === 'dynamic_active_secrets'
      ? { configs: secrets.map((s) => ({ '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump.DynamicSecret', ...s })) }
      : {
          configs: [
            { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: { id: 'sidecar~fake' } } },
            { '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump', dynamic_active_secrets: secrets },
          ],
        };
  return JSON.stringify(body, null, 1) + '\n';
}
