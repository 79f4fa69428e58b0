// Seeding: manifests from folders, certificates generated per run (secrets, mesh CA, SVIDs), the demo
// cluster's expiry spread, and clear errors for bad seed input.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { startFakeApiServer, tlsSecret, type FakeApiServer } from '../../tools/fake-apiserver/index.js';
import { kubeConfigFor } from './fake-apiserver.fixture.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const DAY = 86_400_000;
const pemOf = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const daysLeft = (pem: string) => (Date.parse(new X509Certificate(pem).validTo) - NOW.getTime()) / DAY;

describe('fake API server seeded with examples/demo-cluster', () => {
  let api: FakeApiServer;
  let core: CoreV1Api;
  before(async () => {
    api = await startFakeApiServer({ seedPaths: ['examples/demo-cluster'], now: NOW });
    core = kubeConfigFor(api).makeApiClient(CoreV1Api);
  });
  after(() => api.close());

  it('generates real TLS secrets with a key, a chain to their issuer, and the planned expiry spread', async () => {
    const secrets = (await core.listNamespacedSecret({ namespace: 'web' })).items;
    const left = Object.fromEntries(secrets.map((s) => [s.metadata!.name, Math.round(daysLeft(pemOf(s.data!['tls.crt'])))]));
    assert.deepEqual(left, { 'api-gateway-tls': 5, 'frontend-tls': 75, 'legacy-portal-tls': -3, 'metrics-tls': 20 });
    const frontend = secrets.find((s) => s.metadata!.name === 'frontend-tls')!;
    assert.match(pemOf(frontend.data!['tls.key']), /^-----BEGIN PRIVATE KEY-----/, 'real clusters return tls.key; the reader must drop it');
    const leaf = new X509Certificate(pemOf(frontend.data!['tls.crt']));
    const ca = new X509Certificate(pemOf(frontend.data!['ca.crt']));
    assert.ok(leaf.verify(ca.publicKey));
    assert.equal(leaf.subjectAltName, 'DNS:frontend.web.svc.cluster.local, DNS:www.demo.example');
    assert.equal(frontend.metadata!.annotations!['fake.mtls-lens.dev/generate-cert'], undefined, 'seed markers are stripped');
    assert.equal(frontend.metadata!.annotations!['cert-manager.io/certificate-name'], 'frontend');
  });

  it('fills cert-manager Certificate status from the generated secret', async () => {
    const co = kubeConfigFor(api).makeApiClient(CustomObjectsApi);
    const cert = await co.getNamespacedCustomObject({ group: 'cert-manager.io', version: 'v1', namespace: 'web', plural: 'certificates', name: 'api-gateway' });
    assert.equal(Math.round((Date.parse(cert.status.notAfter) - NOW.getTime()) / DAY), 5);
    assert.ok(Date.parse(cert.status.renewalTime) < Date.parse(cert.status.notAfter));
    assert.equal(cert.status.conditions[0].status, 'True');
  });

  it('publishes the mesh root in every namespace and signs every sidecar SVID with it', async () => {
    const namespaces = (await core.listNamespace()).items.map((n) => n.metadata!.name!);
    for (const ns of namespaces) {
      const cm = await core.readNamespacedConfigMap({ namespace: ns, name: 'istio-ca-root-cert' });
      assert.equal(cm.data!['root-cert.pem'], api.meshRootPem, ns);
    }
    const caSecret = await core.readNamespacedSecret({ namespace: 'istio-system', name: 'istio-ca-secret' });
    assert.equal(pemOf(caSecret.data!['ca-cert.pem']), api.meshRootPem);
    const sidecars = (await core.listPodForAllNamespaces()).items.filter((p) => p.spec!.containers.some((c) => c.name === 'istio-proxy'));
    assert.equal(sidecars.length, 7);
  });

  it('fills trust bundles from generated CAs (Linkerd trust roots, SPIRE bundle)', async () => {
    const roots = await core.readNamespacedConfigMap({ namespace: 'linkerd', name: 'linkerd-identity-trust-roots' });
    const anchor = await core.readNamespacedSecret({ namespace: 'linkerd', name: 'linkerd-trust-anchor' });
    assert.equal(roots.data!['ca-bundle.crt'], pemOf(anchor.data!['tls.crt']));
    const issuer = await core.readNamespacedSecret({ namespace: 'linkerd', name: 'linkerd-identity-issuer' });
    assert.equal(Math.round(daysLeft(pemOf(issuer.data!['tls.crt']))), 20);
    assert.ok(new X509Certificate(pemOf(issuer.data!['tls.crt'])).verify(new X509Certificate(roots.data!['ca-bundle.crt']).publicKey));
    const bundle = await core.readNamespacedConfigMap({ namespace: 'spire-system', name: 'spire-bundle' });
    assert.ok(new X509Certificate(bundle.data!['bundle.crt']).ca);
  });

  it('keeps given creationTimestamps and fills uid/resourceVersion', async () => {
    const co = kubeConfigFor(api).makeApiClient(CustomObjectsApi);
    const pas = await co.listNamespacedCustomObject({ group: 'security.istio.io', version: 'v1', namespace: 'bookinfo', plural: 'peerauthentications' });
    const strict = pas.items.find((p: any) => p.metadata.name === 'ratings-strict');
    assert.equal(strict.metadata.creationTimestamp, '2024-03-01T10:00:00Z');
    assert.match(strict.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(strict.metadata.resourceVersion, /^\d+$/);
  });
});

describe('seed input errors', () => {
  it('names the missing path, the bad file and the bad annotation', async () => {
    await assert.rejects(startFakeApiServer({ seedPaths: ['no/such/dir'] }), /seed path not found: no\/such\/dir/);
    const dir = mkdtempSync(join(tmpdir(), 'fake-seed-'));
    writeFileSync(join(dir, 'bad.yaml'), 'kind: Pod\nmetadata: [unclosed\n');
    await assert.rejects(startFakeApiServer({ seedPaths: [dir] }), /bad\.yaml/);
    const broken = tlsSecret('a', 'b', {});
    broken.metadata.annotations!['fake.mtls-lens.dev/generate-cert'] = '{not json';
    await assert.rejects(startFakeApiServer({ objects: [broken] }), /Secret a\/b: fake\.mtls-lens\.dev\/generate-cert is not JSON/);
    await assert.rejects(startFakeApiServer({ objects: [tlsSecret('a', 'b', { issuer: 'a/ghost' })] }), /issuer a\/ghost is not a Secret/);
    await assert.rejects(startFakeApiServer({ objects: [{ kind: 'Pod' }] }), /needs apiVersion, kind and metadata.name/);
  });

  it('scripts/demo-cluster.mjs starts the demo and writes its kubeconfig', async () => {
    const { startDemoCluster } = await import('../../scripts/demo-cluster.mjs');
    const out = join(mkdtempSync(join(tmpdir(), 'demo-')), 'kubeconfig');
    const demo = await startDemoCluster({ kubeconfigPath: out });
    try {
      const kc = new (await import('@kubernetes/client-node')).KubeConfig();
      kc.loadFromFile(demo.kubeconfigPath);
      assert.equal(kc.getCurrentCluster()!.server, demo.url);
      assert.equal((await kc.makeApiClient(CoreV1Api).listNamespace()).items.length, 9);
    } finally {
      await demo.close();
    }
  });

  it('npm run cluster:fake serves a seed, prints ready and writes the kubeconfig; bad options exit 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cluster-fake-')), 'kubeconfig');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster-fake.ts', '--seed', 'examples/demo-cluster/00-namespaces.yaml', '--kubeconfig', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (d) => {
          text += d;
          if (text.includes('\n')) resolve(text.trim());
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before ready`)));
      });
      assert.match(line, new RegExp(`^ready: https://127\\.0\\.0\\.1:\\d+ kubeconfig: ${out.replace(/[.]/g, '\\.')}$`));
      assert.match(readFileSync(out, 'utf8'), /client-certificate-data/);
    } finally {
      child.kill('SIGTERM');
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'scripts/cluster-fake.ts', '--seed', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => bad.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--kubeconfig <out> is required/);
  });
});
