// Reads workload SVIDs for the lenses through the cluster feature (an exec into the istio-proxy sidecar),
// at most two at a time and once per pod and snapshot: a file with many workloads must not start a burst
// of execs, and a failed read is not retried until the next snapshot.
import type { ClusterSnapshot } from '../../cluster/snapshot';
import type { LensModel } from './model';

export class SvidReader {
  private readonly requested = new Set<string>();
  private readonly queue: { namespace: string; pod: string }[] = [];
  private running = 0;
  private snapshot: ClusterSnapshot | undefined;

  constructor(private readonly model: LensModel, private readonly concurrency = 2) {}

  request(snap: ClusterSnapshot, namespace: string, pod: string): void {
    if (snap !== this.snapshot) {
      this.snapshot = snap;
      this.requested.clear();
      this.queue.length = 0;
    }
    const key = `${namespace}/${pod}`;
    const cluster = this.model.cluster();
    if (!cluster || this.requested.has(key) || cluster.svids.has(key)) return;
    this.requested.add(key);
    this.queue.push({ namespace, pod });
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const next = this.queue.shift()!;
      const cluster = this.model.cluster();
      if (!cluster) return;
      this.running++;
      void cluster
        .readSvid(next.namespace, next.pod)
        .catch(() => undefined) // the cluster feature records the failure text in its svids map
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
