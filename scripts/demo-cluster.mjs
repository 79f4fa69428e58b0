// The demo cluster: the fake API server seeded with examples/demo-cluster/.
//   import { startDemoCluster } from './demo-cluster.mjs'; const { url, kubeconfigPath, close } = await startDemoCluster();
//   node scripts/demo-cluster.mjs [--kubeconfig <out>]   (standalone; runs until killed)
// The fake is TypeScript, loaded through tsx so this works from plain `node` too.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ kubeconfigPath?: string, port?: number, user?: 'test-admin'|'limited-user'|'token' }} [options]
 * @returns {Promise<{ url: string, kubeconfigPath: string, close: () => Promise<void> }>}
 */
export async function startDemoCluster(options = {}) {
  const { startFakeApiServer } = await tsImport('../tools/fake-apiserver/index.ts', import.meta.url);
  const api = await startFakeApiServer({ seedPaths: [join(root, 'examples', 'demo-cluster')], port: options.port ?? 0 });
  const kubeconfigPath = resolve(options.kubeconfigPath ?? join(root, '.artifacts', 'demo-cluster', 'kubeconfig'));
  mkdirSync(dirname(kubeconfigPath), { recursive: true });
  api.writeKubeconfig(kubeconfigPath, options.user ?? 'test-admin');
  return { url: api.url, kubeconfigPath, close: () => api.close() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const i = process.argv.indexOf('--kubeconfig');
  const demo = await startDemoCluster({ kubeconfigPath: i > 0 ? process.argv[i + 1] : undefined });
  console.log(`ready: ${demo.url} kubeconfig: ${demo.kubeconfigPath}`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
