// Types for scripts/demo-cluster.mjs (used by TypeScript tests and scripts).
export interface DemoCluster {
  url: string;
  kubeconfigPath: string;
  close(): Promise<void>;
}
export function startDemoCluster(options?: { kubeconfigPath?: string; port?: number; user?: 'test-admin' | 'limited-user' | 'token' }): Promise<DemoCluster>;
