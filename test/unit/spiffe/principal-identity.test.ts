import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseIstioPrincipal,
  principalMatches,
  principalToSpiffeId,
  spiffeIdToPrincipal,
  istioPrincipal,
  linkerdIdentity,
  parseLinkerdIdentity,
  linkerdIdentityToSpiffeId,
  spiffeIdToLinkerdIdentity,
  linkerdIdentityProblem,
} from '../../../src/core/spiffe';

test('Istio principals: valid forms', () => {
  for (const p of ['cluster.local/ns/default/sa/web', '*', 'cluster.local/ns/default/*', '*/ns/default/sa/web', '*/sa/web', 'td/x']) {
    const r = parseIstioPrincipal(p);
    assert.ok(r.ok, `${p}: ${r.ok ? '' : r.problem.message}`);
  }
  const exact = parseIstioPrincipal('cluster.local/ns/a/sa/b');
  assert.ok(exact.ok && exact.match === 'exact' && exact.id?.trustDomain === 'cluster.local');
  const prefix = parseIstioPrincipal('cluster.local/ns/a/*');
  assert.ok(prefix.ok && prefix.match === 'prefix');
  const suffix = parseIstioPrincipal('*/sa/b');
  assert.ok(suffix.ok && suffix.match === 'suffix');
});

test('Istio principals: invalid forms underline the bad part', () => {
  const cases: [string, string, string][] = [
    ['cluster.local/ns//sa/web', 'empty-segment', '//'],
    ['cluster.local/ns/a*b/sa/web', 'path-char', '*'],
    ['Cluster.local/ns/a/sa/b', 'trust-domain-uppercase', 'C'],
    ['cluster.local/ns/a/sa/b/', 'trailing-slash', '/'],
    ['cluster.local/ns/a b/sa/c', 'path-char', ' '],
    ['/ns/a/sa/b', 'missing-trust-domain', '/'],
    ['cluster.local:80/ns/a', 'port', ':80'],
    ['', 'empty', ''],
  ];
  for (const [p, code, bad] of cases) {
    const r = parseIstioPrincipal(p);
    assert.equal(r.ok, false, p);
    if (r.ok) continue;
    assert.equal(r.problem.code, code, p);
    assert.equal(p.slice(r.problem.start, r.problem.end), bad, p);
  }
});

test('principal ↔ SPIFFE ID conversions', () => {
  assert.equal(spiffeIdToPrincipal('spiffe://cluster.local/ns/a/sa/b'), 'cluster.local/ns/a/sa/b');
  assert.equal(principalToSpiffeId('cluster.local/ns/a/sa/b'), 'spiffe://cluster.local/ns/a/sa/b');
  assert.equal(principalToSpiffeId('spiffe://x/y'), 'spiffe://x/y');
  assert.equal(istioPrincipal('td', 'ns1', 'sa1'), 'td/ns/ns1/sa/sa1');
});

test('principalMatches follows Istio exact/prefix/suffix/any', () => {
  assert.ok(principalMatches('*', 'td/ns/a/sa/b'));
  assert.ok(principalMatches('td/ns/a/*', 'td/ns/a/sa/b'));
  assert.ok(!principalMatches('td/ns/x/*', 'td/ns/a/sa/b'));
  assert.ok(principalMatches('*/sa/b', 'td/ns/a/sa/b'));
  assert.ok(!principalMatches('td/ns/a/sa/b', 'td/ns/a/sa/bb'));
});

test('Linkerd identities: build, parse and convert', () => {
  const name = linkerdIdentity('web', 'shop');
  assert.equal(name, 'web.shop.serviceaccount.identity.linkerd.cluster.local');
  assert.deepEqual(parseLinkerdIdentity(name), { serviceAccount: 'web', namespace: 'shop', controlPlaneNamespace: 'linkerd', trustDomain: 'cluster.local' });
  assert.deepEqual(parseLinkerdIdentity('my.sa.ns1.serviceaccount.identity.l5d.example.com'), {
    serviceAccount: 'my.sa', namespace: 'ns1', controlPlaneNamespace: 'l5d', trustDomain: 'example.com',
  });
  assert.equal(parseLinkerdIdentity('web.shop.svc.cluster.local'), undefined);
  assert.equal(parseLinkerdIdentity('shop.serviceaccount.identity.linkerd.cluster.local'), undefined);
  assert.equal(linkerdIdentityToSpiffeId(name), 'spiffe://cluster.local/ns/shop/sa/web');
  assert.equal(linkerdIdentityToSpiffeId(name, 'root.example'), 'spiffe://root.example/ns/shop/sa/web');
  assert.equal(spiffeIdToLinkerdIdentity('spiffe://cluster.local/ns/shop/sa/web'), name);
  assert.equal(spiffeIdToLinkerdIdentity('spiffe://cluster.local/other'), undefined);
  assert.equal(spiffeIdToLinkerdIdentity('not an id'), undefined);
});

test('Linkerd identity syntax (MeshTLSAuthentication identities)', () => {
  for (const ok of ['*', 'web.shop.serviceaccount.identity.linkerd.cluster.local', '*.shop.serviceaccount.identity.linkerd.cluster.local', 'spiffe://td/ns/a/sa/b', 'a']) {
    assert.equal(linkerdIdentityProblem(ok), undefined, ok);
  }
  const cases: [string, string][] = [
    ['Web.shop.serviceaccount.identity.linkerd.cluster.local', 'W'],
    ['web..shop', '..'],
    ['web.*.shop', '*'],
    ['web_x.shop', '_'],
    ['-web.shop', '-'],
    ['web.shop.', '.'],
    ['spiffe://td/ns//sa', '//'],
    ['http://td/ns/a', 'http'],
  ];
  for (const [value, bad] of cases) {
    const p = linkerdIdentityProblem(value);
    assert.ok(p, value);
    assert.equal(value.slice(p!.start, p!.end), bad, value);
  }
});
