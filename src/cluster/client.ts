// A thin, read-only JSON client over the kubeconfig's authentication. Every request goes through
// KubeConfig.applySecurityAuthentication (client certs, tokens, exec plugins, proxies: exactly how
// client-node's own Watch calls the server) and undici's fetch, and the JSON is parsed without
// client-node's model classes: half the CPU and plain objects (research §4). Only GET is ever sent.
import { RequestContext, HttpMethod } from '@kubernetes/client-node';
import { fetch } from 'undici';
import { errorFromException, errorFromStatus, ClusterError } from './errors';
import type { LoadedKubeconfig } from './kubeconfig';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Per-request limit; default from the client. */
  timeoutMs?: number;
}

export interface ListPage<T> {
  items: T[];
  resourceVersion: string;
}

export class ClusterClient {
  /** Count of requests sent (tests and the status bar tooltip). */
  requestCount = 0;

  constructor(
    readonly config: LoadedKubeconfig,
    readonly defaultTimeoutMs = 30_000,
  ) {}

  get context(): string {
    return this.config.context;
  }

  get server(): string {
    return this.config.server;
  }

  /** GET a path (e.g. "/apis") and parse the JSON body. */
  async getJson(path: string, query: Record<string, string | number | undefined> = {}, what = path, opts: RequestOptions = {}): Promise<any> {
    const url = new URL(this.server.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    const target = { what, server: this.server, context: this.context };
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    if (opts.signal?.aborted) throw new ClusterError('cancelled', `Reading ${what} was cancelled.`);
    this.requestCount++;
    let status: number;
    let body: string;
    try {
      const ctx = new RequestContext(url.toString(), HttpMethod.GET);
      ctx.setHeaderParam('Accept', 'application/json');
      await this.config.kc.applySecurityAuthentication(ctx);
      const res = await fetch(url, { method: 'GET', headers: ctx.getHeaders(), dispatcher: ctx.getDispatcher() as any, signal });
      status = res.status;
      body = await res.text();
    } catch (e) {
      if (opts.signal?.aborted) throw new ClusterError('cancelled', `Reading ${what} was cancelled.`);
      const err = e as { name?: string };
      if (timeout.aborted && err?.name !== 'TimeoutError') throw errorFromException({ name: 'TimeoutError' }, target, timeoutMs);
      throw errorFromException(e, target, timeoutMs);
    }
    if (status < 200 || status >= 300) throw errorFromStatus(status, body, target);
    try {
      return JSON.parse(body);
    } catch {
      throw new ClusterError('server', `The API server at ${this.server} sent a response for ${what} that is not JSON.`);
    }
  }

  /**
   * Every item of a list path, page by page (limit 500, following `continue`). Each item goes through
   * `project` straight away, so whole objects never pile up. A 410 in the middle restarts the list once.
   */
  async listAll<T>(path: string, query: Record<string, string | undefined>, project: (item: any) => T | undefined, what: string, opts: RequestOptions & { pageSize?: number } = {}): Promise<ListPage<T>> {
    for (let attempt = 0; ; attempt++) {
      const items: T[] = [];
      let cont: string | undefined;
      let resourceVersion = '';
      try {
        do {
          const page = await this.getJson(path, { ...query, limit: opts.pageSize ?? 500, continue: cont }, what, opts);
          for (const raw of Array.isArray(page?.items) ? page.items : []) {
            const p = project(raw);
            if (p !== undefined) items.push(p);
          }
          cont = page?.metadata?.continue || undefined;
          resourceVersion = page?.metadata?.resourceVersion ?? resourceVersion;
        } while (cont);
        return { items, resourceVersion };
      } catch (e) {
        if (e instanceof ClusterError && e.kind === 'expired' && attempt === 0) continue;
        throw e;
      }
    }
  }
}
