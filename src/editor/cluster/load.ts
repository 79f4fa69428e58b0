// The second activation phase: dist/cluster.js (client-node, ~2 MB) is required only when a cluster
// feature is first used. `import type` keeps it out of dist/extension.js.
import * as path from 'node:path';
import type * as Cluster from '../../cluster/index';

let loaded: typeof Cluster | undefined;

export function loadClusterModule(): typeof Cluster {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'cluster.js')) as typeof Cluster;
  return loaded;
}

export function isClusterModuleLoaded(): boolean {
  return loaded !== undefined;
}
