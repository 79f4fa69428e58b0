// A bare HTTPS client for tests that must see the wire (headers, gzip, list items without kind, 401
// with no credentials). It reads credentials from the fake's own kubeconfig.
import { request } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { FakeApiServer, KubeUser } from './types.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body text, gunzipped when the server compressed it. */
  text: string;
  compressedBytes: number;
  json<T = any>(): T;
}

export function rawRequest(
  api: FakeApiServer,
  path: string,
  opts: { user?: KubeUser | 'anonymous'; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const user = opts.user ?? 'test-admin';
  const auth: { cert?: string; key?: string; token?: string } = {};
  if (user !== 'anonymous') {
    const kc = parse(api.kubeconfigFor(user)) as { users: { user: Record<string, string> }[] };
    const u = kc.users[0].user;
    const dec = (s?: string) => (s ? Buffer.from(s, 'base64').toString('utf8') : undefined);
    Object.assign(auth, { cert: dec(u['client-certificate-data']), key: dec(u['client-key-data']), token: u.token });
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${api.url}${path}`,
      {
        method: opts.method ?? 'GET',
        ca: api.caPem,
        cert: auth.cert,
        key: auth.key,
        headers: { ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}), ...(opts.headers ?? {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(buf) : buf).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, compressedBytes: buf.length, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
