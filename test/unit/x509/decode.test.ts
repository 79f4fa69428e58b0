import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { makeCert, makeMesh, b64 } from './gen';
import {
  decodeCertificate, decodeCertificates, decodeCertificateBytes, verifyChain, expiryState, describeTimeLeft,
  formatChain, parseSubjectAltName, containsPrivateKey,
} from '../../../src/core/x509/index';

const DAY = 86400_000;

test('decodes a SPIFFE SVID: empty subject, SPIFFE ID from the URI SAN, serial, validity, key', async () => {
  const { leaf, intermediate } = await makeMesh({ ns: 'shop', sa: 'cart' });
  const c = decodeCertificate(leaf.pem);
  assert.equal(c.subject, '');
  assert.equal(c.issuer, 'O=cluster.local, CN=Intermediate CA');
  assert.deepEqual(c.spiffeIds, ['spiffe://cluster.local/ns/shop/sa/cart']);
  assert.deepEqual(c.uris, []);
  assert.equal(c.isCA, false);
  assert.equal(c.keyAlgorithm, 'EC');
  assert.equal(c.curve, 'prime256v1');
  assert.equal(c.keySize, 256);
  assert.equal(c.serial, leaf.cert.serialNumber.toUpperCase().replace(/^0+/, ''));
  assert.equal(c.notAfter, leaf.cert.notAfter.toISOString());
  assert.equal(c.fingerprint256, new X509Certificate(leaf.pem).fingerprint256);
  assert.equal(c.selfSigned, false);
  assert.equal(decodeCertificate(intermediate.pem).isCA, true);
});

test('reads PEM, base64 of PEM (Secret data), base64 DER and raw DER alike', async () => {
  const g = await makeCert({ subject: 'CN=web', dns: ['web.example.com', 'www.example.com'] });
  const der = new Uint8Array(g.cert.rawData);
  const expected = decodeCertificate(g.pem).fingerprint256;
  assert.equal(decodeCertificate(b64(g.pem)).fingerprint256, expected);
  assert.equal(decodeCertificate(Buffer.from(der).toString('base64')).fingerprint256, expected);
  assert.equal(decodeCertificate(der).fingerprint256, expected);
  assert.equal(decodeCertificateBytes(Buffer.from(g.pem)).certs[0].fingerprint256, expected);
  assert.deepEqual(decodeCertificate(g.pem).dnsNames, ['web.example.com', 'www.example.com']);
});

test('bundles give every certificate; private key blocks are skipped and never kept', async () => {
  const g = await makeCert({ subject: 'CN=a' });
  const h = await makeCert({ subject: 'CN=b' });
  const r = decodeCertificates(g.keyPem + g.pem + h.pem);
  assert.deepEqual(r.certs.map((c) => c.subject), ['CN=a', 'CN=b']);
  const keyBody = g.keyPem.split('\n')[1];
  assert.ok(!JSON.stringify(r).includes(keyBody), 'no key material in the result');
  assert.ok(containsPrivateKey(g.keyPem));
  assert.ok(containsPrivateKey(b64(g.keyPem)));
  assert.ok(!containsPrivateKey(g.pem));
  const keyOnly = decodeCertificates(g.keyPem);
  assert.equal(keyOnly.certs.length, 0);
  assert.match(keyOnly.errors[0], /no CERTIFICATE block/);
});

test('bad input gives a clear error, never a throw (except decodeCertificate, which says why)', () => {
  assert.match(decodeCertificates('not a cert at all!').errors[0], /not PEM and not base64/);
  assert.match(decodeCertificates('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----').errors[0], /could not be parsed/);
  assert.throws(() => decodeCertificate('hello'), /not a certificate/);
  assert.match(decodeCertificates('x'.repeat(2 * 1024 * 1024)).errors[0], /too large/);
});

test('SAN text from node:crypto: quoted values cannot smuggle entries', () => {
  const san = parseSubjectAltName('DNS:a.example, URI:"spiffe://td/ns/x, URI:spiffe://evil", IP Address:10.0.0.1, email:a@b.c');
  assert.deepEqual(san.dns, ['a.example']);
  assert.deepEqual(san.uri, ['spiffe://td/ns/x, URI:spiffe://evil']);
  assert.deepEqual(san.ip, ['10.0.0.1']);
  assert.deepEqual(san.email, ['a@b.c']);
});

test('chain verification: valid through an intermediate, invalid against a foreign root, unknown without roots', async () => {
  const { root, intermediate, leaf } = await makeMesh();
  const other = await makeCert({ subject: 'CN=Other Root', ca: true });
  const chain = decodeCertificates(leaf.pem + intermediate.pem).certs;
  const now = new Date();
  const ok = verifyChain(chain, decodeCertificates(root.pem).certs, now);
  assert.equal(ok.status, 'valid');
  assert.equal(ok.path.length, 3);
  assert.equal(ok.anchorFingerprint, decodeCertificate(root.pem).fingerprint256);
  const bad = verifyChain(chain, decodeCertificates(other.pem).certs, now);
  assert.equal(bad.status, 'invalid');
  assert.match(bad.message, /was not issued by any of the 1 trust root/);
  assert.equal(verifyChain(chain, [], now).status, 'unknown');
  // missing intermediate: the leaf alone does not chain to the root
  assert.equal(verifyChain(chain.slice(0, 1), decodeCertificates(root.pem).certs, now).status, 'invalid');
  // a root verifies as itself
  assert.equal(verifyChain(decodeCertificates(root.pem).certs, decodeCertificates(root.pem).certs, now).status, 'valid');
});

test('chain verification fails on an expired link and names it', async () => {
  const root = await makeCert({ subject: 'CN=Root', ca: true });
  const leaf = await makeCert({ subject: 'CN=leaf', issuer: root, notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  const v = verifyChain([decodeCertificate(leaf.pem)], [decodeCertificate(root.pem)], new Date());
  assert.equal(v.status, 'invalid');
  assert.match(v.message, /CN=leaf: expired at/);
});

test('expiry buckets and wording', () => {
  const now = new Date('2026-11-22T00:00:00Z');
  const c = (from: number, to: number) => ({ notBefore: new Date(now.getTime() + from * DAY).toISOString(), notAfter: new Date(now.getTime() + to * DAY).toISOString() });
  assert.equal(expiryState(c(-1, -0.5), now), 'expired');
  assert.equal(expiryState(c(1, 10), now), 'not-yet-valid');
  // long-lived certificates: the day thresholds (7 / 30)
  assert.equal(expiryState(c(-87, 3), now), 'critical');
  assert.equal(expiryState(c(-70, 20), now), 'warning');
  assert.equal(expiryState(c(-45, 45), now), 'ok');
  assert.equal(expiryState(c(-45, 45), now, { criticalDays: 7, warningDays: 60, absolute: true }), 'warning');
  // short-lived ones against their lifetime: a fresh 24h SVID is fine, one past its rotation point is not
  const h = 1 / 24;
  assert.equal(expiryState(c(-4 * h, 20 * h), now), 'ok');
  assert.equal(expiryState(c(-17 * h, 7 * h), now), 'warning');
  assert.equal(expiryState(c(-21 * h, 3 * h), now), 'critical');
  // Linkerd's rule stays absolute: a 30-day issuer with 29 days left is a warning there
  assert.equal(expiryState(c(-1, 29), now, { criticalDays: 7, warningDays: 60, absolute: true }), 'warning');
  assert.equal(expiryState(c(-1, 29), now), 'ok');
  assert.equal(describeTimeLeft(c(-1, 3.5), now), 'expires in 3d 12h');
  assert.equal(describeTimeLeft(c(-5, -2), now), 'expired 2d ago');
});

test('the details text shows the SPIFFE ID, the trust domain and the verdict; PEM only on request', async () => {
  const { root, intermediate, leaf } = await makeMesh({ trustDomain: 'prod.example' });
  const chain = decodeCertificates(leaf.pem + intermediate.pem).certs;
  const v = verifyChain(chain, decodeCertificates(root.pem).certs, new Date());
  const text = formatChain('reviews', chain, v, new Date());
  assert.match(text, /SPIFFE ID: +spiffe:\/\/prod\.example\/ns\/default\/sa\/reviews/);
  assert.match(text, /Trust domain: +prod\.example/);
  assert.match(text, /Verification: +VALID/);
  assert.ok(!text.includes('BEGIN CERTIFICATE'));
  assert.ok(formatChain('x', chain, v, new Date(), { pem: true }).includes('BEGIN CERTIFICATE'));
});
