// A fresh, throw-away copy of the workspace for every run, so tests may edit files and settings freely:
// examples/ (broken-mesh, healthy-mesh, …) at the top, and for tests test/e2e/fixtures/ as fixtures/
// (`npm start` leaves the fixtures out: they are broken on purpose).
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './tools.mjs';

export function makeWorkspace(dir, { fixtures: withFixtures = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const examples = join(root, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  const fixtures = join(root, 'test', 'e2e', 'fixtures');
  if (withFixtures && existsSync(fixtures)) cpSync(fixtures, join(dir, 'fixtures'), { recursive: true });
  return dir;
}
