import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText } from '../../helpers/analyze';
import { count, fixOnce } from './fix-helper';

const gw = (tls: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: istio-system\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 443\n      name: https\n      protocol: HTTPS\n    hosts: ["*"]\n    tls:\n${tls}`;

test('MTLS220: ISTIO_MUTUAL with certificate fields', () => {
  const text = gw('      mode: ISTIO_MUTUAL\n      credentialName: cert\n');
  const [f] = only(analyze(text), 'MTLS220');
  assert.equal(rangeText(f), '16:6-16:20');
  assert.equal(count(fixOnce(text, 'MTLS220'), 'MTLS220'), 0);
  assert.equal(count(gw('      mode: ISTIO_MUTUAL\n'), 'MTLS220'), 0);
});

test('MTLS221: passthrough (also by default) with certificates', () => {
  const [f] = only(analyze(gw('      credentialName: cert\n')), 'MTLS221');
  assert.equal(f.istio, 'IST0133');
  assert.equal(rangeText(f), '14:4-14:7');
  assert.match(f.message, /defaults to PASSTHROUGH/);
  assert.equal(count(gw('      mode: PASSTHROUGH\n'), 'MTLS221'), 0);
});

test('MTLS222: several certificate sources', () => {
  assert.equal(count(gw('      mode: SIMPLE\n      credentialName: a\n      serverCertificate: /c.pem\n      privateKey: /k.pem\n'), 'MTLS222'), 1);
  assert.equal(count(gw('      mode: SIMPLE\n      credentialName: a\n'), 'MTLS222'), 0);
});

test('MTLS223: missing server certificate, key or client CA', () => {
  const found = only(analyze(gw('      mode: MUTUAL\n      serverCertificate: /c.pem\n')), 'MTLS223');
  assert.equal(found.length, 2); // no caCertificates, no privateKey
  assert.deepEqual(found.map(rangeText), ['15:12-15:18', '15:12-15:18']);
  assert.equal(count(gw('      mode: MUTUAL\n      credentialName: a\n'), 'MTLS223'), 0);
  const many = only(analyze(gw('      mode: SIMPLE\n      tlsCertificates:\n      - {serverCertificate: a, privateKey: b}\n      - {serverCertificate: a, privateKey: b}\n      - {serverCertificate: a, privateKey: b}\n')), 'MTLS223');
  assert.deepEqual(many.map((f) => f.severity), ['warning']);
});

test('MTLS224: caCrl with credentialName or SIMPLE', () => {
  const text = gw('      mode: SIMPLE\n      credentialName: a\n      caCrl: /crl.pem\n');
  assert.equal(count(text, 'MTLS224'), 2);
  const fixed = fixOnce(text, 'MTLS224');
  assert.equal(count(fixed, 'MTLS224'), 0);
  assert.equal(count(gw('      mode: MUTUAL\n      serverCertificate: a\n      privateKey: b\n      caCertificates: c\n      caCrl: d\n'), 'MTLS224'), 0);
});

test('MTLS225: old TLS without ciphers, unknown and duplicate ciphers', () => {
  const found = only(analyze(gw('      mode: SIMPLE\n      credentialName: a\n      minProtocolVersion: TLSV1_0\n')), 'MTLS225');
  assert.deepEqual(found.map(rangeText), ['17:26-17:33']);
  const ciphers = only(analyze(gw('      mode: SIMPLE\n      credentialName: a\n      cipherSuites: [NOPE, AES128-SHA, AES128-SHA, "-AES256-SHA"]\n')), 'MTLS225');
  assert.deepEqual(ciphers.map(rangeText), ['17:21-17:25', '17:39-17:49']);
});
