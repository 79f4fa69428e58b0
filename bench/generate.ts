// Generates realistic mesh manifests for benchmarks and fuzzing: namespaces, workloads, services and
// the Istio, cert-manager, Linkerd and SPIRE objects around them. Deterministic for a given seed.

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const TEMPLATES: ((ns: string, app: string, i: number) => string)[] = [
  (ns, app) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
        version: v1
    spec:
      serviceAccountName: ${app}
      containers:
        - name: ${app}
          image: registry.example.com/${ns}/${app}:1.0.0
          ports:
            - containerPort: 8080
            - containerPort: 9090
          resources:
            limits:
              cpu: 500m
              memory: 256Mi
`,
  (ns, app) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: 8080
    - name: http-metrics
      port: 9090
      targetPort: 9090
`,
  (ns, app) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
`,
  (ns, app) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  mtls:
    mode: STRICT
  portLevelMtls:
    9090:
      mode: PERMISSIVE
`,
  (ns, app, i) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${app}-allow
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${app}
  action: ALLOW
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/${ns}/sa/client-${i % 7}
            namespaces: ["${ns}"]
      to:
        - operation:
            methods: ["GET", "POST"]
            paths: ["/api/*"]
            ports: ["8080"]
      when:
        - key: request.headers[x-tenant]
          values: ["t${i % 5}"]
`,
  (ns, app) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  host: ${app}.${ns}.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
      - port:
          number: 9090
        tls:
          mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels:
        version: v1
`,
  (ns, app) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: ${app}-svid
  namespace: ${ns}
spec:
  secretName: ${app}-svid
  duration: 24h
  renewBefore: 8h
  uris:
    - spiffe://cluster.local/ns/${ns}/sa/${app}
  usages: ["digital signature", "key encipherment", "server auth", "client auth"]
  privateKey:
    algorithm: ECDSA
    size: 256
  issuerRef:
    name: mesh-ca
    kind: ClusterIssuer
    group: cert-manager.io
`,
  (ns, app) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: ${app}-http
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  port: 8080
  proxyProtocol: HTTP/1
`,
];

/**
 * `count` YAML documents joined with `---`, spread over namespaces of about 25 apps each. `place` puts
 * the documents of one workspace file into that file's own namespace and app names.
 */
export function generateManifest(count: number, seed = 42, place?: { namespace: string; appPrefix: string }): string {
  const next = rng(seed);
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = place?.namespace ?? `team-${Math.floor(i / 200)}`;
    const app = `${place?.appPrefix ?? 'svc'}-${Math.floor(i / TEMPLATES.length)}`;
    const t = TEMPLATES[Math.floor(next() * TEMPLATES.length)];
    docs.push(t(ns, app, i));
  }
  return docs.join('---\n');
}

/**
 * A workspace of `files` files with `docsPerFile` documents each: one app per file, in 40 team folders
 * whose names are the namespaces (so a namespace holds about files/40 apps, as in a real repository).
 */
export function generateWorkspace(files: number, docsPerFile = 5, seed = 7): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (let f = 0; f < files; f++) {
    const namespace = `team-${f % 40}`;
    out.push({ file: `ws/${namespace}/app-${f}.yaml`, text: generateManifest(docsPerFile, seed + f, { namespace, appPrefix: `app-${f}` }) });
  }
  return out;
}
