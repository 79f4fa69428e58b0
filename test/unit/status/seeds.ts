// Small YAML builders for the status tests: namespaces, Deployments, live pods (owned by a ReplicaSet of
// the Deployment, as the API server returns them) and PeerAuthentications.

export function namespace(name: string, labels: Record<string, string> = {}, annotations: Record<string, string> = {}): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
  annotations: ${JSON.stringify(annotations)}
`;
}

export function deployment(ns: string, name: string, opts: { labels?: Record<string, string>; annotations?: Record<string, string>; port?: number; sa?: string } = {}): string {
  const labels = opts.labels ?? { app: name };
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels: ${JSON.stringify(labels)}
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
      annotations: ${JSON.stringify(opts.annotations ?? {})}
    spec:
      serviceAccountName: ${opts.sa ?? name}
      containers:
      - name: app
        image: registry.example/${name}:1
        ports:
        - containerPort: ${opts.port ?? 8080}
`;
}

/** A live pod of Deployment `deploy` (ReplicaSet <deploy>-abc12), with the given proxy. */
export function pod(ns: string, deploy: string, suffix: string, opts: { proxy?: 'istio' | 'linkerd' | 'ambient' | 'none'; labels?: Record<string, string>; port?: number; sa?: string } = {}): string {
  const labels = { app: deploy, ...opts.labels, 'pod-template-hash': 'abc12' };
  const proxy = opts.proxy ?? 'istio';
  const sidecar = proxy === 'istio' ? `\n  - name: istio-proxy\n    image: docker.io/istio/proxyv2:1.27.0` : proxy === 'linkerd' ? `\n  - name: linkerd-proxy\n    image: cr.l5d.io/linkerd/proxy:edge-25.10.1` : '';
  const annotations = proxy === 'ambient' ? { 'ambient.istio.io/redirection': 'enabled' } : {};
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${deploy}-abc12-${suffix}
  namespace: ${ns}
  labels: ${JSON.stringify(labels)}
  annotations: ${JSON.stringify(annotations)}
  ownerReferences:
  - kind: ReplicaSet
    name: ${deploy}-abc12
spec:
  serviceAccountName: ${opts.sa ?? deploy}
  containers:
  - name: app
    image: registry.example/${deploy}:1
    ports:
    - containerPort: ${opts.port ?? 8080}${sidecar}
status:
  phase: Running
`;
}

export function peerAuth(ns: string, name: string, mode: string | undefined, opts: { selector?: Record<string, string>; ports?: Record<number, string>; created?: string } = {}): string {
  const lines = [`apiVersion: security.istio.io/v1`, `kind: PeerAuthentication`, `metadata:`, `  name: ${name}`, `  namespace: ${ns}`];
  if (opts.created) lines.push(`  creationTimestamp: "${opts.created}"`);
  lines.push('spec:');
  if (opts.selector) lines.push(`  selector:`, `    matchLabels: ${JSON.stringify(opts.selector)}`);
  if (mode) lines.push(`  mtls:`, `    mode: ${mode}`);
  if (opts.ports) {
    lines.push('  portLevelMtls:');
    for (const [p, m] of Object.entries(opts.ports)) lines.push(`    "${p}":`, `      mode: ${m}`);
  }
  return lines.join('\n') + '\n';
}

export function docs(...items: string[]): string {
  return items.map((i) => `---\n${i}`).join('');
}
