import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, only, rangeText, applyFix } from '../../helpers/analyze';

const pa = (spec: string, ns = 'shop') =>
  `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: pa\n  namespace: ${ns}\nspec:\n${spec}`;

/** Apply the preferred (or first) fix of the only finding of `id`, and return the new text. */
function fixOnce(text: string, id: string, title?: RegExp): string {
  const [f] = only(analyze(text), id);
  assert.ok(f, `expected a ${id} finding`);
  const chosen = title ? f.fixes?.find((x) => title.test(x.title)) : (f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0]);
  assert.ok(chosen, `expected a fix on ${id}`);
  return applyFix(text, chosen);
}

test('MTLS100: selector with wildcard or empty key is an IST0106 error; empty selector is an IST0133 warning', () => {
  const wild = pa('  selector:\n    matchLabels:\n      app: "web-*"\n  mtls:\n    mode: STRICT\n');
  const [w] = only(analyze(wild), 'MTLS100');
  assert.equal(w.severity, 'error');
  assert.equal(w.istio, 'IST0106');
  assert.equal(rangeText(w), '8:11-8:18');
  const empty = pa('  selector: {}\n  mtls:\n    mode: STRICT\n');
  const [e] = only(analyze(empty), 'MTLS100');
  assert.equal(e.severity, 'warning');
  assert.equal(e.istio, 'IST0133');
  assert.equal(rangeText(e), '6:2-6:10');
  assert.equal(only(analyze(fixOnce(empty, 'MTLS100')), 'MTLS100').length, 0);
  assert.equal(only(analyze(pa('  selector:\n    matchLabels:\n      app: web\n')), 'MTLS100').length, 0);
});

test('MTLS101: unknown mode, with an upper-casing fix for lower-case spellings', () => {
  const text = pa('  mtls:\n    mode: strict\n');
  const [f] = only(analyze(text), 'MTLS101');
  assert.equal(rangeText(f), '7:10-7:16');
  assert.equal(f.istio, 'IST0106');
  const fixed = fixOnce(text, 'MTLS101');
  assert.match(fixed, /mode: STRICT/);
  assert.equal(only(analyze(fixed), 'MTLS101').length, 0);
  const bogus = only(analyze(pa('  mtls:\n    mode: ON\n')), 'MTLS101');
  assert.equal(bogus.length, 1);
  assert.equal(bogus[0].fixes, undefined);
  // port-level modes are checked too
  assert.equal(only(analyze(pa('  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    8080:\n      mode: Permissive\n')), 'MTLS101').length, 1);
});

test('MTLS102: portLevelMtls without selector, empty, or with a bad port', () => {
  const noSel = only(analyze(pa('  portLevelMtls:\n    8080:\n      mode: DISABLE\n')), 'MTLS102');
  assert.equal(noSel.length, 1);
  assert.equal(rangeText(noSel[0]), '6:2-6:15');
  assert.match(noSel[0].message, /namespace-wide/);
  const empty = pa('  selector:\n    matchLabels:\n      app: web\n  portLevelMtls: {}\n');
  assert.equal(only(analyze(empty), 'MTLS102').length, 1);
  assert.equal(only(analyze(fixOnce(empty, 'MTLS102')), 'MTLS102').length, 0);
  const bad = only(analyze(pa('  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    70000:\n      mode: STRICT\n')), 'MTLS102');
  assert.equal(bad.length, 1);
  assert.equal(rangeText(bad[0]), '10:4-10:9');
  assert.equal(only(analyze(pa('  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    8080:\n      mode: STRICT\n')), 'MTLS102').length, 0);
});

test('MTLS103: PERMISSIVE is an info with a preferred fix to STRICT', () => {
  const text = pa('  mtls:\n    mode: PERMISSIVE\n');
  const [f] = only(analyze(text), 'MTLS103');
  assert.equal(f.severity, 'info');
  assert.equal(rangeText(f), '7:10-7:20');
  assert.equal(f.fixes?.[0].preferred, true);
  const fixed = fixOnce(text, 'MTLS103');
  assert.match(fixed, /mode: STRICT/);
  assert.equal(only(analyze(fixed), 'MTLS103').length, 0);
  assert.equal(only(analyze(pa('  mtls:\n    mode: STRICT\n')), 'MTLS103').length, 0);
});

test('MTLS104: selector-less DISABLE in the root namespace only', () => {
  const text = pa('  mtls:\n    mode: DISABLE\n', 'istio-system');
  const [f] = only(analyze(text), 'MTLS104');
  assert.equal(f.severity, 'warning');
  assert.equal(rangeText(f), '7:10-7:17');
  assert.equal(only(analyze(fixOnce(text, 'MTLS104')), 'MTLS104').length, 0);
  assert.equal(only(analyze(pa('  mtls:\n    mode: DISABLE\n', 'shop')), 'MTLS104').length, 0);
  assert.equal(only(analyze(pa('  mtls:\n    mode: DISABLE\n', 'mesh-root'), { settings: { rootNamespace: 'mesh-root' } }), 'MTLS104').length, 1);
  assert.equal(only(analyze(pa('  selector:\n    matchLabels:\n      app: x\n  mtls:\n    mode: DISABLE\n', 'istio-system')), 'MTLS104').length, 0);
});

test('MTLS105: port-level DISABLE on an application port, not on health/metrics ports', () => {
  const text = pa('  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n    15090:\n      mode: DISABLE\n');
  const found = only(analyze(text), 'MTLS105');
  assert.equal(found.length, 1);
  assert.equal(rangeText(found[0]), '13:12-13:19');
  assert.match(found[0].message, /port 8080/);
  const removed = fixOnce(text, 'MTLS105', /Remove/);
  assert.doesNotMatch(removed, /8080/);
  assert.equal(only(analyze(removed), 'MTLS105').length, 0);
  assert.equal(only(analyze(removed), 'MTLS102').length, 0);
  const permissive = fixOnce(text, 'MTLS105', /PERMISSIVE/);
  assert.equal(only(analyze(permissive), 'MTLS105').length, 0);
});

test('non-Istio versions and other kinds are ignored', () => {
  const text = pa('  mtls:\n    mode: strict\n').replace('security.istio.io/v1', 'security.istio.io/v1alpha1');
  assert.equal(only(analyze(text), 'MTLS101').length, 0);
});
