// Files are grouped into meshes; cross-document rules never look across two meshes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analyzer';
import { allRules } from '../../../src/core/rules/all';
import { defaultSettings } from '../../../src/core/settings';
import { meshRootAmong, parseConfig, ConfigError } from '../../../src/core/config';
import { FIXED_NOW } from '../helpers/analyze';

const meshPa = (ns = 'istio-system') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${ns}
spec:
  mtls:
    mode: STRICT
`;

function duplicates(a: Analyzer): string[] {
  return [...a.run().values()].flat().filter((f) => f.ruleId === 'MTLS603').map((f) => f.file);
}

test('two clusters described in two folders are separate meshes', () => {
  const roots = ['prod', 'staging'];
  const a = new Analyzer(allRules, defaultSettings({ now: FIXED_NOW }), (f) => meshRootAmong(roots, f));
  a.setFile('prod/mesh.yaml', meshPa());
  a.setFile('staging/mesh.yaml', meshPa());
  assert.deepEqual(duplicates(a), [], 'one mesh-wide PeerAuthentication per mesh is not a duplicate');
  assert.notEqual(a.indexFor('prod/mesh.yaml'), a.indexFor('staging/mesh.yaml'));
  assert.equal(a.index.size, 2, 'the union index still holds both');
  // the same two files in one mesh are duplicates
  a.setMeshRoots(() => '');
  assert.equal(duplicates(a).length, 1);
});

test('a mesh root carries its own settings', () => {
  const a = new Analyzer(allRules, defaultSettings({ now: FIXED_NOW }), (f) => meshRootAmong(['quiet'], f));
  a.setMeshSettings('quiet', { rules: { MTLS103: 'off' } });
  const permissive = meshPa('shop').replace('STRICT', 'PERMISSIVE');
  a.setFile('quiet/pa.yaml', permissive);
  a.setFile('loud/pa.yaml', permissive.replace('name: default', 'name: other').replace('shop', 'web'));
  const ids = (file: string) => (a.run().get(file) ?? []).map((f) => f.ruleId);
  assert.ok(!ids('quiet/pa.yaml').includes('MTLS103'));
  assert.ok(ids('loud/pa.yaml').includes('MTLS103'));
  assert.equal(a.settingsFor('quiet/pa.yaml').rules.MTLS103, 'off');
});

test('mesh roots: the deepest containing folder wins; config errors name the file and the setting', () => {
  assert.equal(meshRootAmong(['a', 'a/b'], 'a/b/c.yaml'), 'a/b');
  assert.equal(meshRootAmong(['a', 'a/b'], 'a/bc.yaml'), 'a');
  assert.equal(meshRootAmong(['a'], 'ab/c.yaml'), '');
  assert.deepEqual(parseConfig('rootNamespace: mesh-root\nautoMtls: false\n', 'x'), { rootNamespace: 'mesh-root', autoMtls: false });
  assert.throws(() => parseConfig('autoMtls: maybe\n', 'dir/.mtls-lens.yaml'), (e: Error) => e instanceof ConfigError && /dir\/\.mtls-lens\.yaml: 'autoMtls'/.test(e.message));
});
