// The icons other parts of the extension (and the Marketplace) rely on exist and have the right shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const TREE_ICONS = ['certificate-ok', 'certificate-expiring', 'certificate-expired', 'spiffe-id', 'trust-root', 'workload', 'pod'];

test('the extension icon is a 128x128 PNG', () => {
  assert.equal(pkg.icon, 'media/icon.png');
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});

test('every tree icon exists for light and dark themes, as a 16x16 SVG', () => {
  for (const theme of ['light', 'dark']) {
    for (const name of TREE_ICONS) {
      const file = join(root, 'media/tree', theme, `${name}.svg`);
      assert.ok(existsSync(file), `missing ${theme}/${name}.svg`);
      const svg = readFileSync(file, 'utf8');
      assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/);
      assert.match(svg, /<\/svg>\s*$/);
    }
  }
  // A theme set that is a copy of the other would be unreadable on one of the backgrounds.
  assert.notEqual(readFileSync(join(root, 'media/tree/light/pod.svg'), 'utf8'), readFileSync(join(root, 'media/tree/dark/pod.svg'), 'utf8'));
});

test('the activity-bar icon is monochrome', () => {
  const svg = readFileSync(join(root, 'media/activity-bar.svg'), 'utf8');
  const colours = new Set([...svg.matchAll(/#[0-9a-fA-F]{3,8}\b/g)].map((m) => m[0].toLowerCase()));
  assert.equal(colours.size, 1, `colours used: ${[...colours].join(', ')}`);
});
