import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCert, b64 } from './gen';
import { analyze, only, FIXED_NOW, rangeText } from '../helpers/analyze';

const DAY = 86400_000;
const at = (days: number) => new Date(FIXED_NOW.getTime() + days * DAY);
const indent = (pem: string, n: number) => pem.trimEnd().split('\n').map((l) => ' '.repeat(n) + l).join('\n');

async function tlsSecret(from: number, to: number, extra = '') {
  const g = await makeCert({ subject: 'CN=web', dns: ['web.shop.svc'], notBefore: at(from), notAfter: at(to) });
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(g.pem)}\n  tls.key: ${b64(g.keyPem)}\n${extra}`;
}

test('MTLS901: an expired certificate in Secret data is an error on that value', async () => {
  const text = await tlsSecret(-100, -2);
  const f = only(analyze(text), 'MTLS901');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.match(f[0].message, /In data\.tls\.crt, the certificate \(CN=web\) expired 2d ago/);
  assert.equal(rangeText(f[0]).split('-')[0], '7:11');
  assert.equal(only(analyze(text), 'MTLS902').length, 0);
});

test('MTLS901 stays quiet for a certificate that is valid for long; the key is never looked at', async () => {
  const text = await tlsSecret(-1, 300);
  const all = analyze(text);
  assert.deepEqual(all.filter((f) => f.ruleId.startsWith('MTLS9')), []);
});

test('MTLS902: not yet valid; MTLS903: expiring soon (CA certificates warn, leaves inform)', async () => {
  assert.equal(only(analyze(await tlsSecret(3, 300)), 'MTLS902').length, 1);
  assert.match(only(analyze(await tlsSecret(3, 300)), 'MTLS902')[0].message, /not valid until/);
  const soon = only(analyze(await tlsSecret(-10, 12)), 'MTLS903');
  assert.equal(soon.length, 1);
  assert.equal(soon[0].severity, 'info');
  const ca = await makeCert({ subject: 'CN=Mesh Root', ca: true, notBefore: at(-300), notAfter: at(5) });
  const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-ca-root-cert\ndata:\n  root-cert.pem: |\n${indent(ca.pem, 4)}\n`;
  const f = only(analyze(cm), 'MTLS903');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /data\.root-cert\.pem/);
});

test('every certificate of a bundle is checked and named by position', async () => {
  const good = await makeCert({ subject: 'CN=Good Root', ca: true, notBefore: at(-10), notAfter: at(1000) });
  const old = await makeCert({ subject: 'CN=Old Root', ca: true, notBefore: at(-1000), notAfter: at(-1) });
  const dr = `apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: x\nwebhooks:\n- name: a.b.c\n  clientConfig:\n    caBundle: ${b64(good.pem + old.pem)}\n`;
  const f = only(analyze(dr), 'MTLS901');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /webhooks\[0\]\.clientConfig\.caBundle, certificate 2 of 2 \(CN=Old Root\)/);
});

test('garbage that looks like a certificate does not crash the rules', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  ca.crt: "-----BEGIN CERTIFICATE-----\\nnope\\n-----END CERTIFICATE-----"\n';
  assert.deepEqual(analyze(text).filter((f) => f.ruleId.startsWith('MTLS9')), []);
});
