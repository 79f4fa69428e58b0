// Kubeconfig YAML for the fake's three identities (certificate data inline, base64 PEM).
import { stringify } from 'yaml';
import type { KubeUser } from './types.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

export interface Identity {
  certPem?: string;
  keyPem?: string;
  token?: string;
}

export function kubeconfigYaml(url: string, caPem: string, user: KubeUser, id: Identity): string {
  const userEntry = id.token
    ? { token: id.token }
    : { 'client-certificate-data': b64(id.certPem ?? ''), 'client-key-data': b64(id.keyPem ?? '') };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: { server: url, 'certificate-authority-data': b64(caPem) } }],
    users: [{ name: user, user: userEntry }],
    contexts: [{ name: `fake-${user}`, context: { cluster: 'fake', user, namespace: 'default' } }],
    'current-context': `fake-${user}`,
    preferences: {},
  });
}
