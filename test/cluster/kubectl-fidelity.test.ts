// Real kubectl (1.32 from Debian trixie, installed by scripts/install-kubectl.sh into .tools/kubectl)
// against the fake API server: if kubectl accepts the fake, the fake speaks the real wire protocol.
// kubectl missing is a failure with the install command, never a skip.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeApiServer, type FakeApiServer, type KubeUser } from '../../tools/fake-apiserver/index.js';
import { smallCluster } from './fake-apiserver.fixture.js';

const KUBECTL = process.env.MTLS_LENS_KUBECTL ?? resolve('.tools/kubectl/kubectl');
const INSTALL = 'kubectl not found at ' + KUBECTL + ' — install it with: bash scripts/install-kubectl.sh';

interface Run { code: number; stdout: string; stderr: string }

describe('kubectl against the fake API server', () => {
  let api: FakeApiServer;
  let dir: string;
  // async on purpose: the fake runs in this process, so a blocking exec would deadlock it
  const kubectl = (args: string[], user: KubeUser = 'test-admin') =>
    new Promise<Run>((done) => {
      execFile(KUBECTL, ['--kubeconfig', join(dir, `${user}.kubeconfig`), '--cache-dir', join(dir, 'cache'), ...args], { timeout: 60_000, maxBuffer: 64 << 20 },
        (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
    });

  before(async () => {
    assert.ok(existsSync(KUBECTL), INSTALL);
    dir = mkdtempSync(join(tmpdir(), 'mtls-lens-kubectl-'));
    api = await startFakeApiServer({ objects: smallCluster() });
    for (const user of ['test-admin', 'limited-user', 'token'] as const) api.writeKubeconfig(join(dir, `${user}.kubeconfig`), user);
  });
  after(async () => {
    if (api) {
      assert.deepEqual(api.requests.filter((r) => r.mutating), [], 'kubectl read-only commands sent no mutating request');
      await api.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is kubectl 1.30 or newer (WebSocket exec)', async () => {
    const r = await kubectl(['version', '--client', '-o', 'json']);
    const minor = Number(JSON.parse(r.stdout).clientVersion.minor.replace(/\D/g, ''));
    assert.ok(minor >= 30, `kubectl 1.${minor} cannot exec over WebSocket; run: bash scripts/install-kubectl.sh --force`);
  });

  it('get pods -A -o json', async () => {
    const r = await kubectl(['get', 'pods', '-A', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.equal(list.items.length, 22);
    assert.equal(list.items[0].kind, 'Pod', 'kubectl re-adds kind to list items');
  });

  it('pages with --chunk-size=3 and gets the same objects', async () => {
    const before = api.requests.length;
    const r = await kubectl(['get', 'pods', '-n', 'bulk', '--chunk-size=3', '-o', 'name']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 20);
    const pages = api.requests.slice(before).filter((q) => q.verb === 'list' && q.resource === 'pods');
    assert.equal(pages.length, 7);
    assert.ok(pages.slice(1).every((q) => typeof q.query.continue === 'string'));
  });

  it('get secrets -A --field-selector type=kubernetes.io/tls', async () => {
    const r = await kubectl(['get', 'secrets', '-A', '--field-selector', 'type=kubernetes.io/tls', '-o', 'name']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['secret/root-ca', 'secret/web-tls']);
  });

  it('lists a custom resource by plural and by short name', async () => {
    const r = await kubectl(['get', 'peerauthentications', '-A', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).items[0].spec.mtls.mode, 'STRICT');
    const short = await kubectl(['get', 'pa', '-n', 'istio-system', '-o', 'jsonpath={.items[*].metadata.name}']);
    assert.equal(short.stdout, 'default');
    const missing = await kubectl(['get', 'clusterspiffeids']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /the server doesn't have a resource type "clusterspiffeids"/);
  });

  it('exec -c istio-proxy -- pilot-agent request GET certs', async () => {
    const r = await kubectl(['exec', '-n', 'shop', 'reviews-1', '-c', 'istio-proxy', '--', 'pilot-agent', 'request', 'GET', 'certs']);
    assert.equal(r.code, 0, r.stderr);
    const chain = JSON.parse(r.stdout).certificates.flatMap((c: any) => c.cert_chain ?? []);
    assert.deepEqual(chain[0].subject_alt_names, [{ uri: 'spiffe://cluster.local/ns/shop/sa/reviews' }]);
  });

  it('exec reports a non-zero exit and a bad container like a real cluster', async () => {
    const failed = await kubectl(['exec', '-n', 'shop', 'reviews-1', '-c', 'istio-proxy', '--', 'pilot-agent', 'request', 'GET', 'nope']);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /command terminated with exit code 1/);
    const bad = await kubectl(['exec', '-n', 'shop', 'plain-1', '-c', 'istio-proxy', '--', 'true']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /container istio-proxy is not valid for pod plain-1/);
  });

  it('prints the Forbidden message for limited-user, and auth can-i agrees', async () => {
    const r = await kubectl(['get', 'secrets', '-A'], 'limited-user');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(Forbidden\): secrets is forbidden: User "limited-user" cannot list resource "secrets" in API group "" at the cluster scope/);
    const can = await kubectl(['auth', 'can-i', 'list', 'secrets'], 'limited-user');
    assert.equal(can.stdout.trim(), 'no');
    const admin = await kubectl(['auth', 'can-i', 'list', 'secrets']);
    assert.equal(admin.stdout.trim(), 'yes');
  });

  it('works with a bearer token and the raw /version endpoint', async () => {
    const r = await kubectl(['get', '--raw', '/version'], 'token');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).major, '1');
  });
});
