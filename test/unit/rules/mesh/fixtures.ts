// Manifests shared by the mesh rule tests.
export const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
`;

export function deploy(name: string, labels: Record<string, string>, port = 8080, extra = ''): string {
  const l = Object.entries(labels).map(([k, v]) => `        ${k}: ${v}`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels:
      app: ${labels.app}
  template:
    metadata:
      labels:
${l}
    spec:${extra}
      containers:
        - name: app
          image: example/app
          ports:
            - containerPort: ${port}
              name: http-app
`;
}

export function service(name: string, app: string, port = 80, targetPort: string | number = 'http-app'): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: ${port}
      targetPort: ${targetPort}
`;
}

export function peerAuth(name: string, ns: string, mode: string, selector?: Record<string, string>, extra = ''): string {
  const sel = selector ? `  selector:\n    matchLabels:\n${Object.entries(selector).map(([k, v]) => `      ${k}: ${v}`).join('\n')}\n` : '';
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${sel}  mtls:
    mode: ${mode}
${extra}`;
}

export function destRule(name: string, ns: string, host: string, mode: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${host}
  trafficPolicy:
    tls:
      mode: ${mode}
`;
}
