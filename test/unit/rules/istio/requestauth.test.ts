import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText } from '../../helpers/analyze';
import { count } from './fix-helper';

const ra = (spec: string) =>
  `apiVersion: security.istio.io/v1beta1\nkind: RequestAuthentication\nmetadata:\n  name: jwt\n  namespace: shop\nspec:\n${spec}`;

test('MTLS130: no issuer/jwksUri, non-http jwksUri, bad jwks, private key material', () => {
  const none = only(analyze(ra('  jwtRules:\n  - audiences: [app]\n')), 'MTLS130');
  assert.equal(none.length, 1);
  assert.equal(rangeText(none[0]), '7:4-8:0');
  const scheme = only(analyze(ra('  jwtRules:\n  - issuer: me\n    jwksUri: ftp://keys.example.com/jwks\n')), 'MTLS130');
  assert.deepEqual(scheme.map(rangeText), ['8:13-8:40']);
  assert.equal(count(ra('  jwtRules:\n  - issuer: me\n    jwks: "not json"\n'), 'MTLS130'), 1);
  const priv = only(analyze(ra('  jwtRules:\n  - issuer: me\n    jwks: \'{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}\'\n')), 'MTLS130');
  assert.equal(priv.length, 1);
  assert.equal(priv[0].severity, 'warning');
  assert.equal(priv[0].istio, 'IST0133');
  assert.equal(count(ra('  jwtRules:\n  - issuer: https://issuer.example.com\n    jwksUri: https://issuer.example.com/jwks\n'), 'MTLS130'), 0);
  assert.equal(count(ra('  jwtRules:\n  - issuer: me\n    jwks: \'{"keys":[{"kty":"RSA","n":"abc","e":"AQAB"}]}\'\n'), 'MTLS130'), 0);
});

test('MTLS131: empty audiences and token locations, bad header and timeout', () => {
  const text = ra('  jwtRules:\n  - issuer: me\n    audiences: [""]\n    fromHeaders:\n    - name: ""\n    outputClaimToHeaders:\n    - claim: sub\n      header: "bad header"\n    timeout: 0s\n');
  const found = only(analyze(text), 'MTLS131');
  assert.deepEqual(found.map(rangeText), ['8:16-8:18', '10:12-10:14', '13:14-13:26', '14:13-14:15']);
  assert.equal(count(ra('  jwtRules:\n  - issuer: me\n    audiences: [app]\n    fromHeaders:\n    - name: x-jwt\n    timeout: 5s\n'), 'MTLS131'), 0);
});
