import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexFilter, chartDirOf, helmChartOf } from '../../../src/editor/workspace/filter';

test('yaml only; node_modules and .git always skipped', () => {
  const f = new IndexFilter({ include: [], exclude: [] });
  assert.equal(f.skipReason('k8s/app.yaml'), undefined);
  assert.equal(f.skipReason('k8s/app.YML'), undefined);
  assert.equal(f.skipReason('README.md'), 'not yaml');
  assert.equal(f.skipReason('node_modules/x/a.yaml'), 'dependency or VCS');
  assert.equal(f.skipReason('a/.git/b.yaml'), 'dependency or VCS');
});

test('include and exclude globs', () => {
  const f = new IndexFilter({ include: ['deploy/**'], exclude: ['**/secret*.yaml', ''] });
  assert.equal(f.skipReason('deploy/app.yaml'), undefined);
  assert.equal(f.skipReason('other/app.yaml'), 'not included');
  assert.equal(f.skipReason('deploy/secret-x.yaml'), 'excluded');
});

test('helm chart templates are skipped only next to a Chart.yaml', () => {
  const charts = new Set([chartDirOf('charts/web/Chart.yaml'), chartDirOf('Chart.yaml')]);
  assert.deepEqual([...charts], ['charts/web', '']);
  const f = new IndexFilter({ include: [], exclude: [] }, new Set(['charts/web']));
  assert.equal(f.skipReason('charts/web/templates/deploy.yaml'), 'helm template');
  assert.equal(f.skipReason('charts/web/templates/sub/x.yaml'), 'helm template');
  assert.equal(f.skipReason('charts/web/values.yaml'), undefined);
  assert.equal(f.skipReason('other/templates/x.yaml'), undefined);
  assert.equal(helmChartOf('templates/a.yaml', charts), '');
});
