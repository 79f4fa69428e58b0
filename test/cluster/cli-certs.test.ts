// `mtls-lens certs` as users run it: the built CLI (dist/cli.js + lazily loaded dist/cluster.js) in a
// child process against the fake API server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FakeApiServer } from '../../tools/fake-apiserver/index';
import { startSeeded, privateKeyMaterial, assertNoKeyMaterial } from './helpers-certs';
import type { JsonCertificate } from '../../src/cli/certs';
import { runCli } from './cli-child';

const ROOT = join(__dirname, '..', '..');
let api: FakeApiServer;
let kubeconfig = '';

before(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT }); // the test runs what ships
  api = await startSeeded();
  kubeconfig = api.writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'mtls-certs-')), 'kubeconfig'));
});
after(() => api?.close());

const cli = runCli;

test('certs --format json: stable fields per certificate, verification, and exit 1 for the expired one', async () => {
  const r = await cli(['certs', '--kubeconfig', kubeconfig, '--format', 'json']);
  assert.equal(r.code, 1, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc.context, 'fake-test-admin');
  assert.equal(doc.meshes.istio, true);
  const certs: JsonCertificate[] = doc.certificates;
  const keys = ['source', 'role', 'position', 'subject', 'issuer', 'serial', 'notBefore', 'notAfter', 'dnsNames', 'spiffeIds', 'uris', 'isCA', 'fingerprint256', 'expiry', 'verification'];
  for (const c of certs) assert.deepEqual(Object.keys(c), keys);
  const web = certs.find((c) => c.source.name === 'web-tls' && c.position === 0)!;
  assert.equal(web.role, 'cert-manager Certificate');
  assert.deepEqual(web.dnsNames, ['web.shop.svc']);
  assert.equal(web.expiry, 'critical');
  assert.match(web.serial, /^[0-9A-F]+$/);
  assert.equal(web.verification?.status, 'valid');
  assert.equal(certs.find((c) => c.source.name === 'old-tls')?.expiry, 'expired');
  assert.ok(certs.some((c) => c.role === 'Istio trust root' && c.isCA));
  assert.equal(doc.certManager[0].ready, 'True');
  assertNoKeyMaterial(r.out + r.err, privateKeyMaterial(api));
});

test('certs text output names each source and its expiry; --namespace limits Secrets', async () => {
  const r = await cli(['certs', '--kubeconfig', kubeconfig, '--namespace', 'linkerd']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Linkerd identity issuer: Secret linkerd\/linkerd-identity-issuer \[tls\.crt\]/);
  assert.match(r.out, /WARNING +CN=identity\.linkerd\.cluster\.local \(CA\) +expires in \d+d/, 'Linkerd 60-day rule for the issuer');
  assert.ok(!r.out.includes('web-tls'));
  assertNoKeyMaterial(r.out + r.err, privateKeyMaterial(api));
});

test('certs: KUBECONFIG is honoured, and failures exit 2 with a clear message', async () => {
  assert.equal((await cli(['certs', '--format', 'json'], { KUBECONFIG: kubeconfig })).code, 1);
  const missing = await cli(['certs', '--kubeconfig', '/nonexistent']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /kubeconfig file \/nonexistent \(from --kubeconfig\) does not exist/);
  const ctx = await cli(['certs', '--kubeconfig', kubeconfig, '--context', 'other']);
  assert.equal(ctx.code, 2);
  assert.match(ctx.err, /Context 'other' is not in the kubeconfig/);
  const bad = await cli(['certs', '--format', 'xml', '--kubeconfig', kubeconfig]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--format must be one of text, json/);
  api.setFault({ unauthorized: true });
  try {
    const unauth = await cli(['certs', '--kubeconfig', kubeconfig]);
    assert.equal(unauth.code, 2);
    assert.match(unauth.err, /401 Unauthorized/);
  } finally {
    api.setFault(undefined);
  }
  assert.deepEqual(api.requests.filter((r) => r.mutating), []);
});
