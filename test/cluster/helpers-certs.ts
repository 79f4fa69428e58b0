// Shared set-up for the certificate/snapshot cluster tests: a fake API server seeded with an Istio
// workload, a TLS Secret, a cert-manager Certificate and a Linkerd trust root.
import { createPrivateKey } from 'node:crypto';
import { startFakeApiServer, pod, namespace, tlsSecret, type FakeApiServer, type FakeApiServerOptions } from '../../tools/fake-apiserver/index';

export const NOW = new Date();

export function seedObjects(): object[] {
  return [
    namespace('istio-system'),
    namespace('shop', { 'istio-injection': 'enabled' }),
    namespace('linkerd'),
    pod('shop', 'cart-1', { istio: true, serviceAccount: 'cart', labels: { app: 'cart' } }),
    pod('shop', 'legacy-1', { serviceAccount: 'legacy', labels: { app: 'legacy' } }),
    ...Array.from({ length: 5 }, (_, i) => pod('shop', `web-${i}`, { istio: true, serviceAccount: 'web', labels: { app: 'web' } })),
    tlsSecret('shop', 'web-tls', { commonName: 'web', dnsNames: ['web.shop.svc'], expiresInDays: 5 }),
    tlsSecret('shop', 'old-tls', { commonName: 'old', expiresInDays: -3 }),
    tlsSecret('linkerd', 'linkerd-trust-anchor', { commonName: 'root.linkerd.cluster.local', isCA: true, validDays: 3650 }),
    tlsSecret('linkerd', 'linkerd-identity-issuer', { commonName: 'identity.linkerd.cluster.local', isCA: true, issuer: 'linkerd/linkerd-trust-anchor', expiresInDays: 40 }),
    {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'linkerd-identity-trust-roots', namespace: 'linkerd', annotations: { 'fake.mtls-lens.dev/cert-from-secret': JSON.stringify({ key: 'ca-bundle.crt', secret: 'linkerd/linkerd-trust-anchor' }) } },
      data: { 'ca-bundle.crt': '' },
    },
    {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'shop' },
      spec: { secretName: 'web-tls', dnsNames: ['web.shop.svc'], issuerRef: { name: 'ca', kind: 'ClusterIssuer' } },
      status: { conditions: [{ type: 'Ready', status: 'True', message: 'Certificate is up to date and has not expired' }] },
    },
    { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
    { apiVersion: 'spire.spiffe.io/v1alpha1', kind: 'ClusterSPIFFEID', metadata: { name: 'default' }, spec: { spiffeIDTemplate: 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}' } },
  ];
}

export function startSeeded(opts: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  return startFakeApiServer({ objects: seedObjects(), ...opts });
}

/**
 * Every private key the fake generated for Secrets, in the forms a leak would take: the Secret's base64
 * value, the PEM body, and the private scalar in hex/base64/base64url. (Not single PEM lines: an EC
 * PKCS#8 key also embeds the public key, which legitimately appears in the certificate.)
 */
export function privateKeyMaterial(api: FakeApiServer): string[] {
  const out: string[] = [];
  for (const s of api.store.list('secrets')) {
    const data = (s as { data?: Record<string, string> }).data ?? {};
    for (const [k, v] of Object.entries(data)) {
      if (!/key/i.test(k) || !v) continue;
      const pem = Buffer.from(v, 'base64').toString('utf8');
      const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
      const jwk = createPrivateKey(pem).export({ format: 'jwk' }) as { d?: string };
      const d = Buffer.from(jwk.d ?? '', 'base64url');
      out.push(v, body, d.toString('hex'), d.toString('base64'), jwk.d ?? '');
    }
  }
  return out;
}

export function assertNoKeyMaterial(text: string, keys: string[]): void {
  const flat = text.replace(/\\n|\s/g, '');
  for (const k of keys) if (k.length >= 20 && (text.includes(k) || flat.includes(k))) throw new Error(`private key material found in output: ${k.slice(0, 8)}…`);
  if (/PRIVATE KEY/.test(text)) throw new Error('a PRIVATE KEY block appears in the output');
}
