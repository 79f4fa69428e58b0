// The HTTPS server: per-run PKI, authentication (client certificate, bearer token), RBAC-lite,
// request recording, faults, and dispatch to discovery / REST / exec handlers.
import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { makeServerPki } from './certs.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedList, apiGroupFor, apiGroupList, apiResourceList, legacyApiVersions, versionInfo, wantsAggregated } from './discovery.js';
import { chooseProtocol, planExec, rejectUpgrade, runCommand, streamExec } from './exec.js';
import { KindRegistry, resourceKey, type ResourceInfo } from './kinds.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { getBody, listBody, send, sendStatus, watch } from './rest.js';
import { route, verbOf, type Route } from './routes.js';
import { loadManifests, prepareSeed } from './seed.js';
import { issueSvid } from './certs.js';
import { badRequest, forbidden, internalError, methodNotAllowed, resourceNotFound, unauthorized, type Status } from './status.js';
import { ObjectStore } from './store.js';
import { decodeAccessReview } from './protobuf.js';
import type { FakeApiServer, FakeApiServerOptions, FaultConfig, KubeUser, RecordedRequest } from './types.js';

interface User {
  name: string;
  groups: string[];
}

const READ_VERBS = new Set(['get', 'list', 'watch']);
const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
const SSAR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const matches = (names: string[] | undefined, info: ResourceInfo) =>
  !!names?.some((n) => n === '*' || n === info.plural || n === resourceKey(info));

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const now = options.now ?? new Date();
  const clock = () => (options.now ? new Date(options.now) : new Date());
  let faults: FaultConfig = options.faults ?? {};
  const pki = await makeServerPki(now);
  const raw = [...(options.seedPaths ? loadManifests(options.seedPaths) : []), ...(options.objects ?? [])];
  const seed = await prepareSeed(raw, now, options.trustDomain ?? 'cluster.local');
  const kinds = new KindRegistry();
  const store = new ObjectStore(kinds, clock);
  for (const o of seed.objects) store.seed(o);
  const token = randomBytes(24).toString('hex');
  const tokens = new Map<string, User>([[token, { name: 'token-user', groups: ['system:authenticated'] }]]);
  const requests: RecordedRequest[] = [];
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 5000;
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => chooseProtocol(offered) });

  function authenticate(req: IncomingMessage): User | undefined {
    const sock = req.socket as TLSSocket;
    if (sock.authorized) {
      const subject = sock.getPeerCertificate().subject as unknown as Record<string, string | string[] | undefined>;
      const cn = subject?.CN;
      const o = subject?.O;
      if (typeof cn === 'string') return { name: cn, groups: o === undefined ? [] : ([] as string[]).concat(o) };
    }
    const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    return m ? tokens.get(m[1]) : undefined;
  }

  /** RBAC-lite: masters may do anything; limited-user never touches secrets; nobody else writes. */
  function allowed(user: User, verb: string, info: ResourceInfo): boolean {
    if (matches(faults.forbidden, info)) return false;
    if (user.groups.includes('system:masters')) return true;
    if (user.name === 'limited-user' && info.plural === 'secrets') return false;
    return READ_VERBS.has(verb) || verb === 'connect';
  }

  function record(req: IncomingMessage, url: URL, user: User | undefined, r: Route): RecordedRequest {
    const query: Record<string, string | string[]> = {};
    for (const k of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(k);
      query[k] = all.length === 1 ? all[0] : all;
    }
    const verb = verbOf(req.method ?? 'GET', r, isWatch(url));
    const resource = r.type === 'object' ? (r.sub ? `${r.info.plural}/${r.sub}` : r.info.plural) : '';
    const entry: RecordedRequest = {
      time: new Date().toISOString(), method: req.method ?? '', path: url.pathname, query, user: user?.name, verb, resource, status: 0,
      mutating: MUTATING.has(verb) && url.pathname !== SSAR_PATH,
    };
    requests.push(entry);
    return entry;
  }

  const hidden = () => faults.notInstalled ?? [];
  const served = () => kinds.served(hidden());
  const delay = () => (faults.delayMs ? new Promise((r) => setTimeout(r, faults.delayMs)) : Promise.resolve());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const user = authenticate(req);
    const r = route(url.pathname, kinds, hidden());
    const entry = record(req, url, user, r);
    res.on('close', () => (entry.status ||= res.statusCode));
    await delay();
    if (!user || faults.unauthorized) return sendStatus(req, res, unauthorized());
    if (req.method === 'POST' && url.pathname === SSAR_PATH) return accessReview(req, res, user);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (r.type === 'object' && r.sub === 'exec') {
        return sendStatus(req, res, badRequest('this fake API server speaks exec over WebSocket only (v5/v4.channel.k8s.io); SPDY is not supported'));
      }
      return sendStatus(req, res, r.type === 'unknown' ? resourceNotFound() : methodNotAllowed());
    }
    const aggregated = options.aggregatedDiscovery !== false && wantsAggregated(req.headers.accept);
    switch (r.type) {
      case 'version': return send(req, res, 200, versionInfo());
      case 'api':
        if (aggregated) return sendAggregated(res, aggregatedList(served(), true));
        return send(req, res, 200, legacyApiVersions());
      case 'apis':
        if (aggregated) return sendAggregated(res, aggregatedList(served(), false));
        return send(req, res, 200, apiGroupList(served()));
      case 'group': {
        const g = apiGroupFor(served(), r.group);
        return g ? send(req, res, 200, g) : sendStatus(req, res, resourceNotFound());
      }
      case 'resources': {
        const list = apiResourceList(served(), r.group, r.version);
        return list ? send(req, res, 200, list) : sendStatus(req, res, resourceNotFound());
      }
      case 'unknown': return sendStatus(req, res, resourceNotFound());
    }
    const { info, namespace, name, sub } = r;
    const verb = entry.verb;
    if (!allowed(user, verb, info)) return sendStatus(req, res, forbidden(user.name, verb, info, namespace, name, sub));
    if (matches(faults.internalError, info)) return sendStatus(req, res, internalError('fake fault: injected internal error'));
    if (sub === 'exec') return sendStatus(req, res, badRequest('Upgrade request required'));
    if (sub) return sendStatus(req, res, resourceNotFound());
    if (verb === 'get') return reply(req, res, getBody(store, info, namespace, name ?? ''));
    if (verb === 'watch') {
      return watch(store, info, namespace, url.searchParams, req, res, {
        bookmarkIntervalMs, expired: matches(faults.expired, info), dropAfterMs: faults.dropWatchAfterMs, onHead: () => (entry.status = 200),
      });
    }
    const body = listBody(store, info, namespace, url.searchParams, matches(faults.expired, info));
    if (isStatus(body)) return sendStatus(req, res, body);
    return send(req, res, 200, body, { resetMidway: matches(faults.resetMidList, info) });
  }

  function sendAggregated(res: ServerResponse, body: object): void {
    const data = JSON.stringify(body);
    res.writeHead(200, { 'Content-Type': AGGREGATED_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(data) });
    res.end(data);
  }

  function reply(req: IncomingMessage, res: ServerResponse, body: object | Status): void {
    if (isStatus(body)) return sendStatus(req, res, body);
    send(req, res, 200, body);
  }

  async function accessReview(req: IncomingMessage, res: ServerResponse, user: User): Promise<void> {
    let review: { spec?: { resourceAttributes?: Record<string, string | undefined> } };
    try {
      review = decodeAccessReview(await readBody(req), req.headers['content-type']);
    } catch {
      return sendStatus(req, res, badRequest('the request body is not a JSON SelfSubjectAccessReview'));
    }
    const attrs = review.spec?.resourceAttributes ?? {};
    const info = attrs.resource ? kinds.lookup(attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource) : undefined;
    const ok = info ? allowed(user, attrs.verb ?? 'get', info) : user.groups.includes('system:masters');
    send(req, res, 201, {
      kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: review.spec ?? {},
      status: ok ? { allowed: true, reason: 'allowed by the fake API server' } : { allowed: false },
    });
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const user = authenticate(req);
    const r = route(url.pathname, kinds, hidden());
    const entry = record(req, url, user, r);
    const fail = (st: Status) => {
      entry.status = st.code;
      rejectUpgrade(socket, st);
    };
    await delay();
    if (!user || faults.unauthorized) return fail(unauthorized());
    if (r.type !== 'object' || r.sub !== 'exec' || !r.name) return fail(r.type === 'object' ? badRequest('only exec is served over WebSocket') : resourceNotFound());
    if (!allowed(user, 'connect', r.info)) return fail(forbidden(user.name, 'create', r.info, r.namespace, r.name, 'exec'));
    const pod = store.get({ kind: 'pods', namespace: r.namespace, name: r.name });
    const plan = planExec(r.info, pod, r.name, url.searchParams, faults);
    if (!plan.ok || !pod) return fail(plan.ok ? resourceNotFound() : plan.status);
    const podKey = `${r.namespace}/${r.name}`;
    let svid = seed.svids.get(podKey);
    if (!svid && plan.container === 'istio-proxy') {
      // a pod put at runtime gets its SVID on first use
      const sa = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? 'default';
      svid = await issueSvid(seed.meshCa, `spiffe://${options.trustDomain ?? 'cluster.local'}/ns/${r.namespace}/sa/${sa}`, now);
      seed.svids.set(podKey, svid);
    }
    const fault = faults.exec;
    const outcome = fault?.exitCode
      ? { stdout: '', stderr: fault.stderr ?? `fake fault: exit code ${fault.exitCode}\n`, exitCode: fault.exitCode }
      : runCommand(pod, plan.container, plan.command, svid, clock());
    entry.status = 101;
    streamExec(wss, req, socket, head, plan.command, outcome);
  }

  const server: Server = createServer(
    { key: pki.server.keyPem, cert: pki.server.chainPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: false },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendStatus(req, res, internalError(e instanceof Error ? e.message : String(e)));
        else res.destroy();
      });
    },
  );
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(req, socket, head).catch((e: unknown) => rejectUpgrade(socket, internalError(e instanceof Error ? e.message : String(e))));
  });
  server.on('tlsClientError', () => {}); // scanners and aborted handshakes must not crash the process
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `https://127.0.0.1:${port}`;
  const kubeconfigFor = (user: KubeUser) =>
    user === 'token'
      ? kubeconfigYaml(url, pki.ca.certPem, user, { token })
      : kubeconfigYaml(url, pki.ca.certPem, user, { certPem: pki.clients[user].certPem, keyPem: pki.clients[user].keyPem });

  return {
    url,
    port,
    caPem: pki.ca.certPem,
    meshRootPem: seed.meshCa.certPem,
    kubeconfigYaml: kubeconfigFor('test-admin'),
    kubeconfigFor: (user) => {
      if (user !== 'test-admin' && user !== 'limited-user' && user !== 'token') throw new Error(`unknown fake user "${String(user)}" (test-admin, limited-user or token)`);
      return kubeconfigFor(user);
    },
    writeKubeconfig(path, user = 'test-admin') {
      writeFileSync(path, kubeconfigFor(user), { mode: 0o600 });
      chmodSync(path, 0o600);
      return path;
    },
    requests,
    store,
    setFault(f) {
      faults = f ?? {};
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isWatch(url: URL): boolean {
  const w = url.searchParams.get('watch');
  return w === 'true' || w === '1';
}

function isStatus(x: object): x is Status {
  return (x as { kind?: string }).kind === 'Status';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1 << 20) reject(new Error('request body over 1 MiB'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
