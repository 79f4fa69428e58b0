// A small seeded cluster shared by the fake-apiserver tests, and a client-node KubeConfig per user.
import { KubeConfig } from '@kubernetes/client-node';
import { namespace, pod, tlsSecret } from '../../tools/fake-apiserver/index.js';
import type { FakeApiServer, KubeUser } from '../../tools/fake-apiserver/index.js';

/** 3 namespaces; 20 pods in `bulk` (app=bulk-N%3), sidecar pods in `shop`, TLS + Opaque secrets, a PeerAuthentication. */
export function smallCluster(): object[] {
  const objects: object[] = [namespace('istio-system'), namespace('shop', { 'istio-injection': 'enabled' }), namespace('bulk')];
  for (let i = 0; i < 20; i++) {
    objects.push(pod('bulk', `p-${String(i).padStart(2, '0')}`, { labels: { app: `bulk-${i % 3}`, ...(i % 2 ? { tier: 'odd' } : {}) }, phase: i === 0 ? 'Pending' : 'Running', nodeName: i < 5 ? 'node-a' : 'node-b' }));
  }
  objects.push(pod('shop', 'reviews-1', { istio: true, serviceAccount: 'reviews', labels: { app: 'reviews' } }));
  objects.push(pod('shop', 'plain-1', { labels: { app: 'plain' } }));
  objects.push(tlsSecret('shop', 'root-ca', { commonName: 'shop root', isCA: true, validDays: 3650 }));
  objects.push(tlsSecret('shop', 'web-tls', { dnsNames: ['web.shop.svc'], issuer: 'shop/root-ca', expiresInDays: 5, validDays: 30 }));
  objects.push({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'db-password', namespace: 'shop' }, stringData: { password: 'hunter2' } });
  objects.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } });
  return objects;
}

export function kubeConfigFor(api: FakeApiServer, user: KubeUser = 'test-admin'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(api.kubeconfigFor(user));
  return kc;
}

/** `ApiException` bodies are strings (research §2 pitfall 5): parse the Status. */
export function statusOf(e: unknown): { code: number; message: string; reason: string } {
  const err = e as { code?: number; body?: unknown };
  const body = typeof err.body === 'string' && err.body ? JSON.parse(err.body) : err.body;
  return { code: err.code ?? 0, message: body?.message, reason: body?.reason };
}
