// The Certificates & SPIFFE IDs tree in real VS Code, against the demo cluster that scripts/e2e.mjs starts
// (examples/demo-cluster, served by tools/fake-apiserver; its kubeconfig reaches the extension host through
// KUBECONFIG). VS Code has no API to read another view's items, so the test reads the model the view
// renders (api.certificateTree) and opens details through the same command a click on a node runs.
// Named *.cluster.test.ts so index.ts runs it after the workspace-only files: connecting adds the
// cluster's objects to the analysis for the rest of the session.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

/** The subset of src/editor/tree/model.ts TreeNode the test reads. */
interface Node {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  state?: string;
  contextValue?: string;
  children?: Node[];
  lazySvid?: { namespace: string; pod: string };
  cert?: { title: string; index: number; chain: { fingerprint256: string; spiffeIds: string[] }[]; verification?: { status: string; message: string } };
}

const all = (nodes: readonly Node[]): Node[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
const child = (n: Node | undefined, label: string | RegExp): Node => {
  const c = n?.children?.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
  assert.ok(c, `"${n?.label}" has a child ${label}; it has: ${n?.children?.map((x) => x.label).join(', ')}`);
  return c;
};
const dump = (nodes: readonly Node[]) => all(nodes).map((n) => `${n.label} — ${n.description ?? ''} [${n.state ?? ''}]`).join('\n');

/** current-context of the kubeconfig the runner handed to code-server, read without the extension. */
function demoContext(): string {
  const file = process.env.KUBECONFIG?.split(':')[0];
  assert.ok(file, 'KUBECONFIG is set for the extension host (scripts/e2e.mjs)');
  const m = /^current-context:\s*"?([^"\n]+)"?\s*$/m.exec(readFileSync(file, 'utf8'));
  assert.ok(m, `${file} names a current-context`);
  return m[1].trim();
}

/** Text that would mean key material leaked: PEM key blocks, or their base64 as stored in a Secret. */
const KEY_MARKERS = ['PRIVATE KEY', 'LS0tLS1CRUdJTiBQUklWQVRF', 'LS0tLS1CRUdJTiBFQyBQUklWQVRF', 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURS'];

describe('certificate & SPIFFE ID tree', function () {
  this.timeout(120_000);
  let api: Record<string, any>;
  let tree: { labels(): string[]; model(): Node[]; status(): { status: string; error?: { message: string }; context?: string }; readSvid(ns: string, pod: string): Promise<void>; badge(): number };
  const roots = () => tree.model();
  const folder = (label: string) => child(roots()[0], label);

  before(async () => {
    ({ api } = await activateExtension());
    tree = api.certificateTree;
    assert.ok(tree, 'activate() exposes api.certificateTree');
    // no open editor, so no status lens asks for SVIDs behind the test's back
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the view is contributed: its focus command exists and opens it', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('mtlsLens.certificates.focus'), 'VS Code made a focus command for the contributed view');
    await vscode.commands.executeCommand('mtlsLens.certificates.focus');
  });

  it('connects to the demo cluster: the context node names it and every mesh', async () => {
    const t0 = Date.now();
    await vscode.commands.executeCommand('mtlsLens.connectCluster');
    await waitFor('the demo cluster to be read', () => {
      const st = tree.status();
      if (st.status === 'error') throw new Error(`cluster error: ${st.error?.message}`);
      return st.status === 'ready' && roots().length > 0;
    }, 60_000);
    console.log(`      (connected and built the tree in ${Date.now() - t0} ms)`);
    const context = demoContext();
    assert.equal(tree.status().context, context);
    assert.match(tree.labels()[0], new RegExp(`^${context} — istio, linkerd, certManager, spire · read \\d\\d:\\d\\d:\\d\\d$`));
    assert.deepEqual(roots()[0].children!.map((c) => c.label), ['Trust roots', 'cert-manager Certificates', 'TLS Secrets', 'Namespaces']);
  });

  it('lists the trust roots of Istio, Linkerd and SPIRE with time left', () => {
    const rootsFolder = folder('Trust roots');
    const byRole = (role: string) => {
      const n = rootsFolder.children!.find((c) => c.tooltip?.startsWith(`${role} — `));
      assert.ok(n, `a ${role} under Trust roots:\n${dump([rootsFolder])}`);
      return n;
    };
    const istio = byRole('Istio trust root');
    assert.equal(istio.label, 'O=cluster.local');
    const linkerd = byRole('Linkerd trust anchors');
    assert.equal(linkerd.label, 'CN=root.linkerd.cluster.local');
    const spire = byRole('SPIRE trust bundle');
    assert.equal(spire.label, 'spiffe://demo.example');
    for (const n of [istio, linkerd, spire]) {
      assert.match(n.description ?? '', /^\d+d left · CA$/, n.label);
      assert.equal(n.icon, 'trust-root', n.label);
      assert.equal(n.state, 'ok', n.label);
    }
    // the Linkerd issuer (a mesh CA) is within Linkerd's own 60-day window: 20 days left in the seed
    const issuer = byRole('Linkerd identity issuer');
    assert.equal(issuer.state, 'warning');
    assert.equal(issuer.icon, 'certificate-expiring', 'an expiring root shows the warning icon, not the plain root icon');
    assert.match(issuer.description ?? '', /^(19d \d+h|20d) left · CA$/);
    assert.equal(issuer.cert?.verification?.status, 'valid', 'the issuer chains to the trust anchor');
  });

  it('marks the seeded expiry states and counts them in the view badge', () => {
    const cm = folder('cert-manager Certificates');
    const expected: Record<string, [string, RegExp]> = {
      'web/legacy-portal': ['expired', /^Ready=False · expired 3d( \d+h)? ago · legacy\.demo\.example$/],
      'web/api-gateway': ['critical', /^(4d( \d+h)?|5d) left · api\.demo\.example$/],
      'web/metrics': ['warning', /^(19d( \d+h)?|20d) left · metrics\.web\.svc\.cluster\.local$/],
      'web/frontend': ['ok', /^\d+d left · frontend\.web\.svc\.cluster\.local, www\.demo\.example$/],
    };
    for (const [label, [state, description]] of Object.entries(expected)) {
      const n = child(cm, label);
      assert.equal(n.state, state, label);
      assert.match(n.description ?? '', description, label);
    }
    assert.equal(child(cm, 'web/legacy-portal').icon, 'certificate-expired');
    assert.equal(child(cm, 'web/api-gateway').icon, 'certificate-expiring');
    // the leaf under an expired Certificate fails verification, and says so
    assert.match(child(cm, 'web/legacy-portal').children![0].description ?? '', /expired .* · invalid$/);

    // no SVID read yet: the badge counts exactly the four certificates the seed makes expire soon
    const soon = new Set(all(roots()).filter((n) => n.cert && n.state && n.state !== 'ok').map((n) => n.cert!.chain[n.cert!.index].fingerprint256));
    const seeded = [child(cm, 'web/legacy-portal'), child(cm, 'web/api-gateway'), child(cm, 'web/metrics'), folder('Trust roots').children!.find((c) => c.label === 'CN=identity.linkerd.cluster.local')!];
    assert.deepEqual([...soon].sort(), seeded.map((n) => n.cert!.chain[0].fingerprint256).sort(), dump(roots()));
    assert.equal(tree.badge(), 4);
  });

  it('shows namespaces → workloads → pods with their service account and sidecar', () => {
    const ns = folder('Namespaces');
    for (const name of ['ambient-demo', 'bookinfo', 'emojivoto', 'payments']) child(ns, name);
    const payments = child(ns, 'payments');
    assert.equal(payments.description, '3 workloads');
    const ledger = child(payments, 'ledger-v1');
    // a status-lens mode suffix (" · STRICT") may follow once the lens feature has the workload
    assert.match(ledger.description ?? '', /^1 pod · sa ledger · istio( · .+)?$/);
    assert.equal(ledger.tooltip, 'Expected SPIFFE ID: spiffe://cluster.local/ns/payments/sa/ledger');
    const pod = child(ledger, /^ledger-v1-/);
    assert.deepEqual(pod.lazySvid, { namespace: 'payments', pod: pod.label }, 'the SVID is read only when the pod is expanded');
    assert.equal(pod.description, 'Running · expand to read its SVID');
    const linkerdPod = child(child(child(ns, 'emojivoto'), 'web-v11'), /^web-v11-/);
    assert.equal(linkerdPod.description, 'Running · linkerd (SVID not readable from the proxy)');
    assert.match(child(child(ns, 'payments'), 'batch-export-v1').description ?? '', /· no sidecar/);
  });

  it('reads a pod SVID on demand (exec into istio-proxy) and shows its SPIFFE ID, time left and verification', async () => {
    const ledger = child(child(folder('Namespaces'), 'payments'), 'ledger-v1');
    const podName = child(ledger, /^ledger-v1-/).label;
    const t0 = Date.now();
    await tree.readSvid('payments', podName);
    console.log(`      (SVID read by exec in ${Date.now() - t0} ms)`);
    const pod = child(child(child(folder('Namespaces'), 'payments'), 'ledger-v1'), podName);
    const id = 'spiffe://cluster.local/ns/payments/sa/ledger';
    assert.match(pod.description ?? '', new RegExp(`^Running · ${id} · 2[34]h( \\d+m)? left$`));
    const svid = child(pod, id);
    assert.match(svid.description ?? '', /^2[34]h( \d+m)? left$/);
    assert.equal(svid.contextValue, 'certificate.spiffe', 'menus offer "Copy SPIFFE ID" on it');
    assert.deepEqual(svid.cert?.chain[0].spiffeIds, [id]);
    assert.equal(svid.cert?.verification?.status, 'valid', svid.cert?.verification?.message);
    assert.ok(tree.labels().includes(`          ${id} — ${svid.description}`), 'labels() shows the SVID five levels deep');
    // the badge follows the model: whatever the model marks, the badge counts, once per certificate
    const soon = new Set(all(roots()).filter((n) => n.cert && n.state && n.state !== 'ok').map((n) => n.cert!.chain[n.cert!.index].fingerprint256));
    assert.equal(tree.badge(), soon.size);
  });

  it('the details document of an SVID shows its SPIFFE ID, the chain verification and no key', async () => {
    const pod = child(child(child(folder('Namespaces'), 'payments'), 'ledger-v1'), /^ledger-v1-/);
    const svid = child(pod, 'spiffe://cluster.local/ns/payments/sa/ledger');
    await vscode.commands.executeCommand('mtlsLens.showCertificate', svid);
    const editor = await waitFor('the certificate details editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'mtls-lens-cert' && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    assert.match(text, /^# SVID of payments\/ledger-v1-/);
    assert.match(text, /^SPIFFE ID: +spiffe:\/\/cluster\.local\/ns\/payments\/sa\/ledger$/m);
    assert.match(text, /^Verification: +VALID: chains to trust root O=cluster\.local$/m);
    assert.match(text, /-----BEGIN CERTIFICATE-----/);
    for (const k of KEY_MARKERS) assert.ok(!text.includes(k), `the details document holds no ${k}`);

    // an expired certificate's document says why it fails
    const legacy = child(folder('cert-manager Certificates'), 'web/legacy-portal');
    await vscode.commands.executeCommand('mtlsLens.showCertificate', legacy);
    const bad = await waitFor('the legacy-portal details', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'mtls-lens-cert' && d.getText().startsWith('# Certificate web/legacy-portal') && d;
    });
    assert.match(bad.getText(), /^Verification: +INVALID: .*expired/im);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('no key material in any label, description or tooltip of the tree', () => {
    const nodes = all(roots());
    assert.ok(nodes.length > 50, `the whole tree is checked (${nodes.length} nodes)`);
    for (const n of nodes) {
      const text = `${n.label}\n${n.description ?? ''}\n${n.tooltip ?? ''}`;
      for (const k of KEY_MARKERS) assert.ok(!text.includes(k), `${n.id} shows ${k}`);
      assert.ok(!text.includes('-----BEGIN'), `${n.id} shows a PEM block in its label or tooltip`);
    }
  });
});
