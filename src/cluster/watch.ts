// Watches that keep a snapshot fresh: one watch per list path, resumed from the last resourceVersion when
// client-node's 30 s inactivity timeout (or a dropped connection) ends it, and restarted from a fresh
// resourceVersion after 410 Expired. Changes are debounced into one "changed" call.
import { Watch } from '@kubernetes/client-node';
import type { ClusterClient } from './client';

export interface WatchOptions {
  /** Quiet time before onChange fires (default 1000 ms). */
  debounceMs?: number;
  /** Wait before reconnecting after an error (default 1000 ms, doubled up to 30 s). */
  backoffMs?: number;
  onError?: (path: string, message: string) => void;
}

export interface SnapshotWatcher {
  /** Reconnects made so far (tests). */
  readonly reconnects: number;
  dispose(): void;
}

/**
 * `paths` maps list paths (as in snapshot.resourceVersions, optional `?fieldSelector=`) to the
 * resourceVersion the list was read at. `onChange` gets the paths that changed since the last call.
 */
export function watchSnapshot(client: ClusterClient, paths: Record<string, string>, onChange: (changed: string[]) => void, opts: WatchOptions = {}): SnapshotWatcher {
  const watch = new Watch(client.config.kc);
  let disposed = false;
  let reconnects = 0;
  const controllers = new Map<string, AbortController>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changed = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const list = [...pending];
      pending.clear();
      if (!disposed) onChange(list);
    }, opts.debounceMs ?? 1000);
  };

  const base = opts.backoffMs ?? 1000;
  const start = async (key: string, rv: string | undefined, backoff: number) => {
    if (disposed) return;
    const [path, qs] = key.split('?');
    const query: Record<string, string | boolean> = { allowWatchBookmarks: true };
    for (const [k, v] of new URLSearchParams(qs ?? '')) query[k] = v;
    if (rv === undefined) {
      // after 410: take the current resourceVersion from a one-item list, then report a change so the
      // consumer relists (events in between are covered by that relist)
      try {
        const head = await client.getJson(path, { ...(query as Record<string, string>), allowWatchBookmarks: undefined, limit: 1 }, path);
        rv = String(head?.metadata?.resourceVersion ?? '');
        changed(key);
      } catch (e) {
        opts.onError?.(key, (e as Error).message);
        return retry(key, undefined, backoff);
      }
    }
    let lastRv = rv;
    let expired = false;
    if (lastRv) query.resourceVersion = lastRv;
    try {
      const ctl = await watch.watch(
        path,
        query,
        (type, obj) => {
          if (type === 'ERROR') {
            if (obj?.code === 410) expired = true;
            else opts.onError?.(key, String(obj?.message ?? 'watch error'));
            return;
          }
          const v = obj?.metadata?.resourceVersion;
          if (v) lastRv = String(v);
          if (type !== 'BOOKMARK') changed(key);
        },
        (err) => {
          controllers.delete(key);
          if (disposed) return;
          if (expired) return void retry(key, undefined, opts.backoffMs ?? 1000);
          if (err && (err as Error).name !== 'TimeoutError' && (err as Error).name !== 'AbortError') {
            opts.onError?.(key, (err as Error).message);
            return void retry(key, lastRv, Math.min(backoff * 2, 30_000));
          }
          retry(key, lastRv, opts.backoffMs ?? 1000, 0); // timeout or clean end: resume at once
        },
      );
      if (disposed) ctl.abort();
      else controllers.set(key, ctl);
      backoff = base; // connected: a later drop is a normal event, not a growing failure
    } catch (e) {
      opts.onError?.(key, (e as Error).message);
      retry(key, lastRv, Math.min(backoff * 2, 30_000));
    }
  };
  const retry = (key: string, rv: string | undefined, backoff: number, delay = backoff) => {
    if (disposed) return;
    reconnects++;
    setTimeout(() => void start(key, rv, backoff), delay).unref?.();
  };
  for (const [key, rv] of Object.entries(paths)) void start(key, rv || undefined, opts.backoffMs ?? 1000);
  return {
    get reconnects() {
      return reconnects;
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      for (const c of controllers.values()) c.abort();
      controllers.clear();
    },
  };
}
