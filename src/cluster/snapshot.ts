// What a cluster read produces: small projections of the objects the analysis and the certificate tree
// need, never whole Pods and never a private key. Plain JSON (timestamps are strings).

export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  ownerReferences?: { kind: string; name: string }[];
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface PodInfo {
  metadata: Meta;
  serviceAccountName?: string;
  nodeName?: string;
  phase?: string;
  podIP?: string;
  containers: { name: string; image?: string; ports?: ContainerPort[] }[];
  initContainers: { name: string; image?: string; restartPolicy?: string }[];
}

export interface ServiceInfo {
  metadata: Meta;
  type?: string;
  clusterIP?: string;
  selector?: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }[];
}

export interface SecretInfo {
  metadata: Meta;
  type: string;
  /** Only the certificate entries (tls.crt, ca.crt, *.pem without "key"), as PEM text. Keys never enter. */
  certData: Record<string, string>;
  /** Names of entries that were dropped on read (tls.key, ca-key.pem, ...): so the UI can say they exist. */
  droppedKeys: string[];
}

export interface ConfigMapInfo {
  metadata: Meta;
  /** Only entries that carry certificates. */
  data: Record<string, string>;
}

export interface CustomResource {
  apiVersion: string;
  kind: string;
  metadata: Meta & { generation?: number };
  spec?: unknown;
  /** Kept for cert-manager Certificates (Ready, notAfter, renewalTime) and kinds whose status matters. */
  status?: unknown;
}

export interface MeshPresence {
  istio: boolean;
  linkerd: boolean;
  certManager: boolean;
  spire: boolean;
}

export interface SnapshotNote {
  level: 'info' | 'warning' | 'error';
  /** The part that is missing or degraded, e.g. "secrets" or "peerauthentications.security.istio.io". */
  part: string;
  message: string;
  /** ClusterError kind when the note comes from an error. */
  errorKind?: string;
}

export interface ClusterSnapshot {
  context: string;
  server: string;
  /** ISO time the read finished. */
  readAt: string;
  /** Set when the read was limited to one namespace. */
  namespace?: string;
  meshes: MeshPresence;
  /** API groups found by discovery, group → version used. */
  groups: Record<string, string>;
  namespaces: { metadata: Meta }[];
  pods: PodInfo[];
  services: ServiceInfo[];
  serviceAccounts: { metadata: Meta }[];
  /** kubernetes.io/tls Secrets plus the mesh CA Secrets (cacerts, istio-ca-secret, linkerd-identity-issuer). */
  secrets: SecretInfo[];
  /** istio-ca-root-cert, linkerd-identity-trust-roots, spire-bundle. */
  caConfigMaps: ConfigMapInfo[];
  customResources: CustomResource[];
  /** Degraded parts (403, 404, 500) and other things worth telling the user. */
  notes: SnapshotNote[];
  /** List resourceVersions per list path, so watches can start where the read ended. */
  resourceVersions: Record<string, string>;
  stats: { requests: number; ms: number };
}

export type SnapshotPart = 'workloads' | 'certificates' | 'policies';

export const ALL_PARTS: readonly SnapshotPart[] = ['workloads', 'certificates', 'policies'];
