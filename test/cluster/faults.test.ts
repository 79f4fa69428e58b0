// Each failure mode gives its own message; 403/404/500 on one kind degrade only that part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { FakeApiServer } from '../../tools/fake-apiserver/index';
import { connect, loadSnapshot, loadKubeconfig, ClusterError } from '../../src/cluster/index';
import { startSeeded } from './helpers-certs';

let api: FakeApiServer;
before(async () => {
  api = await startSeeded();
});
after(() => api?.close());

async function failure(p: Promise<unknown>): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `expected a ClusterError, got ${e}`);
    return e;
  }
  assert.fail('expected the read to fail');
}

const client = (timeoutMs?: number, user?: 'test-admin' | 'limited-user' | 'token') =>
  connect({ kubeconfigYaml: user ? api.kubeconfigFor(user) : api.kubeconfigYaml, allowExec: false }, timeoutMs);

test('401: the whole read fails with a credentials message', async () => {
  api.setFault({ unauthorized: true });
  try {
    const e = await failure(loadSnapshot(client()));
    assert.equal(e.kind, 'unauthorized');
    assert.match(e.message, /rejected the credentials \(401 Unauthorized\)/);
  } finally {
    api.setFault(undefined);
  }
});

test('403 on secrets (RBAC): only that part is missing, with a note naming it', async () => {
  const snap = await loadSnapshot(client(undefined, 'limited-user'));
  assert.equal(snap.pods.length, 7);
  assert.equal(snap.secrets.length, 0);
  const notes = snap.notes.filter((n) => n.errorKind === 'forbidden');
  assert.ok(notes.length >= 1);
  assert.match(notes[0].message, /Not allowed to read secrets.*403 Forbidden.*kubectl auth can-i list/);
  assert.match(notes[0].message, /limited-user/, 'the server message is quoted');
});

test('404 for a mesh group (not installed) and 500 for pods: the rest is read, each with its own note', async () => {
  api.setFault({ notInstalled: ['spire.spiffe.io'], internalError: ['pods'] });
  try {
    const snap = await loadSnapshot(client());
    assert.equal(snap.meshes.spire, false);
    assert.ok(!snap.customResources.some((r) => r.kind === 'ClusterSPIFFEID'));
    assert.equal(snap.pods.length, 0);
    assert.ok(snap.secrets.length > 0);
    const pods = snap.notes.find((n) => n.part === 'pods')!;
    assert.equal(pods.errorKind, 'server');
    assert.match(pods.message, /failed while reading pods \(500\)/);
  } finally {
    api.setFault(undefined);
  }
});

test('a 404 on one CR list is a warning note, not a failure', async () => {
  api.setFault({ forbidden: ['peerauthentications.security.istio.io'] });
  try {
    const snap = await loadSnapshot(client());
    const n = snap.notes.find((x) => x.part === 'peerauthentications.security.istio.io')!;
    assert.equal(n.errorKind, 'forbidden');
    assert.ok(snap.customResources.some((r) => r.kind === 'ClusterSPIFFEID'));
  } finally {
    api.setFault(undefined);
  }
});

test('timeout: a slow server gives a timeout message with the limit', async () => {
  api.setFault({ delayMs: 1500 });
  try {
    const e = await failure(loadSnapshot(client(300)));
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /did not answer within 0 s|did not answer within/);
  } finally {
    api.setFault(undefined);
  }
});

test('cancel: aborting the signal stops the read with a cancelled error', async () => {
  api.setFault({ delayMs: 1000 });
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    const e = await failure(loadSnapshot(client(), { signal: ac.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 900, 'stopped before the slow answer came');
  } finally {
    api.setFault(undefined);
  }
});

test('unreachable: a closed port gives an unreachable message naming the server', async () => {
  const port = await closedPort();
  const yaml = api.kubeconfigYaml.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`);
  const e = await failure(loadSnapshot(connect({ kubeconfigYaml: yaml, allowExec: false })));
  assert.equal(e.kind, 'unreachable');
  assert.match(e.message, new RegExp(`Cannot reach the API server at https://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
});

test('kubeconfig problems: missing file, unknown context, no kubeconfig at all', () => {
  assert.throws(() => loadKubeconfig({ kubeconfigPath: '/nonexistent/kc', origin: 'setting', allowExec: false }), /kubeconfig file \/nonexistent\/kc \(from the mtlsLens.kubeconfig setting\) does not exist/);
  assert.throws(() => loadKubeconfig({ kubeconfigYaml: api.kubeconfigYaml, context: 'nope', allowExec: false }), /Context 'nope' is not in the kubeconfig\. Known contexts: /);
  const home = mkdtempSync(join(tmpdir(), 'mtls-home-'));
  assert.throws(() => loadKubeconfig({ env: { HOME: home }, allowExec: false }), /No kubeconfig found: KUBECONFIG is not set/);
});

test('untrusted: an exec credential plugin is refused and never run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-exec-'));
  const marker = join(dir, 'ran');
  const plugin = join(dir, 'plugin.sh');
  writeFileSync(plugin, `#!/bin/sh\ntouch ${marker}\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`, { mode: 0o755 });
  const yaml = `apiVersion: v1\nkind: Config\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nclusters:\n- name: k\n  cluster: {server: '${api.url}', insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${plugin}\n      interactiveMode: Never\n`;
  assert.throws(() => connect({ kubeconfigYaml: yaml, allowExec: false }), (e: ClusterError) => e.kind === 'untrusted' && /runs credential plugins only in a trusted workspace/.test(e.message));
  assert.ok(!existsSync(marker), 'the plugin did not run');
  // trusted: the plugin runs (and its token is sent)
  await loadSnapshot(connect({ kubeconfigYaml: yaml, allowExec: true }), { parts: ['workloads'] }).catch(() => undefined);
  assert.ok(existsSync(marker), 'in a trusted workspace the plugin runs, as in kubectl');
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
