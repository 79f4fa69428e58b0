// The cluster bundle (dist/cluster.js): loaded lazily by the editor and the CLI on first cluster use.
// No `vscode` here. Everything the other layers need goes through this file.
import { ClusterClient } from './client';
import { loadKubeconfig, type ConnectOptions } from './kubeconfig';

export { ClusterClient } from './client';
export { ClusterError, type ClusterErrorKind } from './errors';
export { loadKubeconfig, listContexts, readContexts, type ConnectOptions, type ContextSummary, type LoadedKubeconfig, type KubeconfigOrigin } from './kubeconfig';
export { discover, WANTED_GROUPS } from './discovery';
export { loadSnapshot, type LoadOptions } from './loader';
export { clusterCertificates, type ClusterCertificates, type CertGroup, type CertManagerCertificateInfo, type CertSource } from './certs';
export { readIstioSvid, parseEnvoyCerts, parseSecretsConfigDump, type WorkloadSvid, type SvidSummary } from './svid';
export { snapshotToDocuments, clusterDocumentName, parseClusterDocumentName, CLUSTER_SCHEME, type ClusterDocument } from './documents';
export { watchSnapshot, type SnapshotWatcher, type WatchOptions } from './watch';
export type * from './snapshot';

/** Load the kubeconfig and make a client for its (or the given) context. Throws ClusterError. */
export function connect(opts: ConnectOptions, timeoutMs?: number): ClusterClient {
  return new ClusterClient(loadKubeconfig(opts), timeoutMs);
}
