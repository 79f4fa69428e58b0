// Cluster-sized objects for the snapshot benchmark: Istio-injected pods shaped like the ones the research
// measured (init container, istio-proxy with 20 env vars and 9 mounts, 9 volumes, full status: about
// 8 KB of JSON each), namespaces, and TLS Secrets carrying a real certificate and key.
import type { KubeObject } from '../../tools/fake-apiserver/index';

const env = (ns: string, app: string) => [
  ['PILOT_CERT_PROVIDER', 'istiod'], ['CA_ADDR', 'istiod.istio-system.svc:15012'], ['POD_NAME', ''], ['POD_NAMESPACE', ns],
  ['INSTANCE_IP', ''], ['SERVICE_ACCOUNT', app], ['HOST_IP', ''], ['ISTIO_CPU_LIMIT', '2'], ['PROXY_CONFIG', '{}'],
  ['ISTIO_META_POD_PORTS', '[{"containerPort":8080,"protocol":"TCP"}]'], ['ISTIO_META_APP_CONTAINERS', app],
  ['GOMEMLIMIT', '1073741824'], ['GOMAXPROCS', '2'], ['ISTIO_META_CLUSTER_ID', 'Kubernetes'], ['ISTIO_META_NODE_NAME', 'node-1'],
  ['ISTIO_META_INTERCEPTION_MODE', 'REDIRECT'], ['ISTIO_META_WORKLOAD_NAME', app], ['ISTIO_META_OWNER', `kubernetes://apis/apps/v1/namespaces/${ns}/deployments/${app}`],
  ['ISTIO_META_MESH_ID', 'cluster.local'], ['TRUST_DOMAIN', 'cluster.local'],
].map(([name, value]) => ({ name, value }));

const MOUNTS = ['workload-socket', 'credential-socket', 'workload-certs', 'istiod-ca-cert', 'istio-data', 'istio-envoy', 'istio-token', 'istio-podinfo', 'kube-api-access'];

export function fatPod(ns: string, i: number): KubeObject {
  const app = `svc-${i % 25}`;
  const name = `${app}-7d9f8b6c5-${i.toString(36).padStart(5, '0')}`;
  const when = '2026-11-01T10:00:00Z';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: ns, generateName: `${app}-7d9f8b6c5-`,
      labels: { app, version: 'v1', 'pod-template-hash': '7d9f8b6c5', 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': app, 'service.istio.io/canonical-revision': 'v1' },
      annotations: { 'istio.io/rev': 'default', 'kubectl.kubernetes.io/default-container': app, 'prometheus.io/path': '/stats/prometheus', 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"default"}' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8b6c5`, uid: `uid-${ns}-${app}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      serviceAccountName: app, nodeName: `node-${i % 12}`, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30,
      initContainers: [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.27.0', args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info'], resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } }, securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, runAsUser: 0, runAsNonRoot: false } }],
      containers: [
        { name: app, image: `registry.example.com/${ns}/${app}:1.4.2`, ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { limits: { cpu: '500m', memory: '256Mi' } }, volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] },
        {
          name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.27.0',
          args: ['proxy', 'sidecar', '--domain', `${ns}.svc.cluster.local`, '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
          ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
          env: env(ns, app),
          readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, initialDelaySeconds: 1, periodSeconds: 2, failureThreshold: 30, timeoutSeconds: 3 },
          resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
          volumeMounts: MOUNTS.map((m) => ({ name: m, mountPath: `/var/run/${m}` })),
        },
      ],
      volumes: MOUNTS.map((m) => (m === 'istiod-ca-cert' ? { name: m, configMap: { name: 'istio-ca-root-cert', defaultMode: 420 } } : { name: m, emptyDir: {} })),
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: '192.168.0.10', startTime: when, qosClass: 'Burstable',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: when, lastProbeTime: null })),
      initContainerStatuses: [{ name: 'istio-init', ready: true, restartCount: 0, image: 'docker.io/istio/proxyv2:1.27.0', imageID: 'docker.io/istio/proxyv2@sha256:0c0d', containerID: 'containerd://init', state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: when, finishedAt: when } } }],
      containerStatuses: [app, 'istio-proxy'].map((c) => ({ name: c, ready: true, started: true, restartCount: 0, image: c, imageID: `${c}@sha256:1a2b`, containerID: `containerd://${c}-${i}`, state: { running: { startedAt: when } } })),
    },
  };
}

export function tlsSecretWith(ns: string, name: string, certPem: string, keyPem: string, caPem: string): KubeObject {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls',
    metadata: { name, namespace: ns, labels: { 'controller.cert-manager.io/fao': 'true' }, annotations: { 'cert-manager.io/certificate-name': name, 'cert-manager.io/issuer-name': 'mesh-ca' } },
    data: { 'tls.crt': b64(certPem), 'tls.key': b64(keyPem), 'ca.crt': b64(caPem) },
  };
}
