// Shared types of the fake Kubernetes API server (test tooling only; the extension never ships it).

/** Any Kubernetes object as JSON. The fake never validates schemas beyond apiVersion/kind/metadata. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/**
 * Names a resource the way kubectl does: a plural (`secrets`), `plural.group`
 * (`peerauthentications.security.istio.io`) or `*` for every resource.
 */
export type ResourceName = string;

/** Failure modes. Give them at start or flip them with `setFault()`; `undefined` clears all. */
export interface FaultConfig {
  /** Every request is answered 401 Unauthorized, whatever the credentials. */
  unauthorized?: boolean;
  /** 403 Forbidden (real message shape) for these resources, for every user and verb. */
  forbidden?: ResourceName[];
  /** These API groups (e.g. `security.istio.io`) act as not installed: gone from discovery, paths 404. */
  notInstalled?: string[];
  /** 410 Expired: lists of these resources that carry a continue token, and watches of them (in-stream). */
  expired?: ResourceName[];
  /** 500 InternalError for requests to these resources. */
  internalError?: ResourceName[];
  /** Every response is held back this many milliseconds. */
  delayMs?: number;
  /** Lists of these resources send half their body and then reset the connection. */
  resetMidList?: ResourceName[];
  /** Watches are cut (socket destroyed, no final event) after this many milliseconds. */
  dropWatchAfterMs?: number;
  /** Exec failures. `exitCode` != 0 → NonZeroExitCode status; `rejectStatus` → plain HTTP error before the upgrade. */
  exec?: { exitCode?: number; stderr?: string; rejectStatus?: 400 | 403 | 404 | 500 };
}

/** Kubernetes-style verb of a request (as in the apiserver's RequestInfo). */
export type Verb =
  | 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'connect' | 'discovery';

/** One request as the fake saw it. `status` is 0 until the response head is sent (e.g. an open watch). */
export interface RecordedRequest {
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  user: string | undefined;
  verb: Verb;
  /** `plural` or `plural/subresource`, '' for discovery. */
  resource: string;
  status: number;
  /** true for create/update/patch/delete — except the read-only SelfSubjectAccessReview. */
  mutating: boolean;
}

/** A reference to one stored object: kind may be `Pod`, `pods` or `peerauthentications.security.istio.io`. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  apiVersion?: string;
}

export type KubeUser = 'test-admin' | 'limited-user' | 'token';

export interface FakeApiServerOptions {
  /** Objects to serve (parsed manifests). Metadata gaps (uid, resourceVersion, creationTimestamp) are filled. */
  objects?: object[];
  /** YAML files or folders (searched recursively for .yaml/.yml), multi-document allowed. */
  seedPaths?: string[];
  faults?: FaultConfig;
  /** SPIFFE trust domain of the generated Istio mesh CA. Default `cluster.local`. */
  trustDomain?: string;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Clock for certificates and timestamps. Default: the real time at start. */
  now?: Date;
  /** Serve aggregated discovery when the client asks for it (kubectl ≥ 1.30 does). Default true. */
  aggregatedDiscovery?: boolean;
  /** Interval between watch BOOKMARK events when `allowWatchBookmarks` is asked. Default 5000 ms. */
  bookmarkIntervalMs?: number;
}

export interface FakeStore {
  /** Create or replace an object; emits ADDED or MODIFIED to watches. Returns the stored copy. */
  put(obj: object): KubeObject;
  /** Delete an object; emits DELETED. Returns false when nothing matched. */
  delete(ref: ObjectRef): boolean;
  get(ref: ObjectRef): KubeObject | undefined;
  /** Objects of one kind (any spelling of `ObjectRef.kind`), optionally one namespace; stable ns/name order. */
  list(kind: string, namespace?: string): KubeObject[];
  /** Forget the event history up to now: older resourceVersions and continue tokens then get 410 Expired. */
  compact(): void;
  /** The current (latest) resourceVersion. */
  readonly resourceVersion: string;
}

export interface FakeApiServer {
  /** `https://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** PEM of the CA that signed the server and client certificates. */
  caPem: string;
  /** Kubeconfig for `test-admin` (client certificate, group system:masters). */
  kubeconfigYaml: string;
  kubeconfigFor(user: KubeUser): string;
  /** Writes a kubeconfig (mode 0600) and returns the path. */
  writeKubeconfig(path: string, user?: KubeUser): string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  store: FakeStore;
  setFault(f: FaultConfig | undefined): void;
  /** PEM of the Istio mesh root CA (the one in every `istio-ca-root-cert`). */
  meshRootPem: string;
  close(): Promise<void>;
}
