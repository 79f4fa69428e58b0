import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpiffeId, trustDomainProblem, kubernetesSpiffeId, kubernetesIdentityOf, type SpiffeIdProblemCode } from '../../../src/core/spiffe';

const valid = [
  'spiffe://example.org',
  'spiffe://cluster.local/ns/default/sa/web',
  'spiffe://my_td-1.example/a/b/c',
  'spiffe://td/Path.With-Mixed_Case/v1.2',
  'spiffe://td/...', // '...' is an ordinary segment, only '.' and '..' are special
  'spiffe://td/.hidden',
  'spiffe://1.2.3.4/x',
  'spiffe://' + 'a'.repeat(255) + '/x',
  'spiffe://td/' + 'a'.repeat(2048 - 'spiffe://td/'.length),
];

for (const id of valid) {
  test(`valid SPIFFE ID: ${id.length > 60 ? id.slice(0, 40) + '…' : id}`, () => {
    const r = parseSpiffeId(id);
    assert.ok(r.ok, r.ok ? '' : r.problem.message);
  });
}

// [input, code, bad text underlined]
const invalid: [string, SpiffeIdProblemCode, string][] = [
  ['', 'empty', ''],
  ['cluster.local/ns/default/sa/web', 'missing-scheme', 'cluster.local/ns/default/sa/web'],
  ['https://example.org/x', 'wrong-scheme', 'https'],
  ['SPIFFE://example.org/x', 'scheme-case', 'SPIFFE'],
  ['Spiffe://example.org/x', 'scheme-case', 'Spiffe'],
  ['spiffe:/example.org/x', 'wrong-scheme', 'spiffe:'],
  ['spiffe://', 'missing-trust-domain', 'spiffe://'],
  ['spiffe:///ns/a', 'missing-trust-domain', 'spiffe://'],
  ['spiffe://Example.org/x', 'trust-domain-uppercase', 'E'],
  ['spiffe://exa mple.org', 'trust-domain-char', ' '],
  ['spiffe://ex%41mple.org', 'trust-domain-char', '%'],
  ['spiffe://example.org:8443/x', 'port', ':8443'],
  ['spiffe://user@example.org/x', 'user-info', 'user@'],
  ['spiffe://example.org/x?y=1', 'query', '?y=1'],
  ['spiffe://example.org/x#frag', 'fragment', '#frag'],
  ['spiffe://example.org?x', 'query', '?x'],
  ['spiffe://example.org/ns//sa', 'empty-segment', '//'],
  ['spiffe://example.org/ns/./sa', 'dot-segment', '.'],
  ['spiffe://example.org/ns/../sa', 'dot-segment', '..'],
  ['spiffe://example.org/..', 'dot-segment', '..'],
  ['spiffe://example.org/', 'trailing-slash', '/'],
  ['spiffe://example.org/ns/a/', 'trailing-slash', '/'],
  ['spiffe://example.org/ns/a b', 'path-char', ' '],
  ['spiffe://example.org/ns/a*', 'path-char', '*'],
  ['spiffe://example.org/ns/a:b', 'path-char', ':'],
  ['spiffe://example.org/ns/é', 'path-char', 'é'],
  ['spiffe://example.org/ns/a%2Fb', 'percent-encoding', '%2F'],
  ['spiffe://' + 'a'.repeat(256), 'trust-domain-too-long', 'a'.repeat(256)],
  ['spiffe://td/' + 'a'.repeat(2049 - 'spiffe://td/'.length), 'too-long', 'a'],
];

for (const [input, code, bad] of invalid) {
  test(`invalid SPIFFE ID (${code}): ${input.length > 60 ? input.slice(0, 40) + '…' : input}`, () => {
    const r = parseSpiffeId(input);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problem.code, code);
    assert.equal(input.slice(r.problem.start, r.problem.end), bad);
    assert.ok(r.problem.message.length > 0);
  });
}

test('a parsed ID exposes trust domain, path and segments', () => {
  const r = parseSpiffeId('spiffe://cluster.local/ns/shop/sa/web');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.id.trustDomain, 'cluster.local');
  assert.equal(r.id.path, '/ns/shop/sa/web');
  assert.deepEqual(r.id.segments, ['ns', 'shop', 'sa', 'web']);
  assert.deepEqual(kubernetesIdentityOf(r.id), { namespace: 'shop', serviceAccount: 'web' });
});

test('trust-domain-only IDs have an empty path and no Kubernetes identity', () => {
  const r = parseSpiffeId('spiffe://example.org');
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.id.path, '');
  assert.equal(kubernetesIdentityOf(r.id), undefined);
});

test('kubernetesSpiffeId builds the conventional form', () => {
  assert.equal(kubernetesSpiffeId('cluster.local', 'ns1', 'sa1'), 'spiffe://cluster.local/ns/ns1/sa/sa1');
});

test('trustDomainProblem: bare trust domain names', () => {
  assert.equal(trustDomainProblem('example.org'), undefined);
  assert.equal(trustDomainProblem('td_1-x'), undefined);
  assert.equal(trustDomainProblem('Example.org')?.code, 'trust-domain-uppercase');
  assert.equal(trustDomainProblem('')?.code, 'missing-trust-domain');
  assert.equal(trustDomainProblem('td:443')?.code, 'port');
  assert.equal(trustDomainProblem('a/b')?.code, 'trust-domain-char');
  assert.equal(trustDomainProblem('x'.repeat(256))?.code, 'trust-domain-too-long');
});
