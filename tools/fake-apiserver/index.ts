/**
 * Fake Kubernetes API server for tests and the demo cluster (test tooling; never shipped).
 *
 * ```ts
 * import { startFakeApiServer } from '../../tools/fake-apiserver/index.js';
 * const api = await startFakeApiServer({ seedPaths: ['examples/demo-cluster'], faults: {}, trustDomain: 'cluster.local' });
 * const kc = new KubeConfig(); kc.loadFromString(api.kubeconfigYaml);   // or api.kubeconfigFor('limited-user' | 'token')
 * ...
 * api.store.put(pod);                       // ADDED/MODIFIED to open watches
 * api.store.delete({ kind: 'Pod', namespace: 'bookinfo', name: 'reviews-1' });
 * api.setFault({ forbidden: ['secrets'] }); // flip failure modes at runtime; setFault(undefined) clears
 * assert.deepEqual(api.requests.filter((r) => r.mutating), []);
 * await api.close();
 * ```
 *
 * `startFakeApiServer(options)` → `Promise<FakeApiServer>`:
 * - `url` (`https://127.0.0.1:<port>`), `port`, `caPem`, `meshRootPem`.
 * - `kubeconfigYaml` (test-admin, client-certificate auth, group system:masters),
 *   `kubeconfigFor('test-admin' | 'limited-user' | 'token')`, `writeKubeconfig(path, user?)`.
 *   limited-user may not touch `secrets` (403 with the real Forbidden message); `token` is a bearer-token reader.
 * - `requests: RecordedRequest[]` — time, method, path, query, user, verb, resource, status, mutating.
 * - `store` — put / delete / get / list / compact / resourceVersion (see FakeStore in ./types.ts).
 * - `setFault(FaultConfig | undefined)` and `close()`.
 *
 * What it serves (wire shapes from shared/research/cluster-testing.md §3): real HTTPS with per-run
 * certificates and client-certificate or bearer auth; /version; legacy and aggregated discovery; lists
 * with limit/continue, label and field selectors, resourceVersion; GET of one object; watch with
 * bookmarks, 410 and timeouts; exec over WebSocket (v5/v4) answering `pilot-agent request GET certs`
 * and `... GET config_dump` in `istio-proxy` containers; SelfSubjectAccessReview. Every other write is
 * 405 and recorded. Seeding, generated certificates and annotations: docs/fake-apiserver.md.
 */
export { startFakeApiServer } from './server.js';
export { loadManifests, GENERATE_CERT, CERT_FROM_SECRET } from './seed.js';
export { pod, namespace, tlsSecret, type PodOptions } from './builders.js';
export { rawRequest, type RawResponse } from './raw-client.js';
export type {
  FakeApiServer,
  FakeApiServerOptions,
  FakeStore,
  FaultConfig,
  KubeObject,
  KubeUser,
  ObjectRef,
  RecordedRequest,
  ResourceName,
  Verb,
} from './types.js';
