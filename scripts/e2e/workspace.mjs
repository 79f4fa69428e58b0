// A fresh, throw-away copy of the test workspace for every run, so tests may edit files and settings freely:
// examples/ (broken-mesh, healthy-mesh, …) at the top, test/e2e/fixtures/ as fixtures/.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './tools.mjs';

export function makeWorkspace(dir) {
  mkdirSync(dir, { recursive: true });
  const examples = join(root, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  const fixtures = join(root, 'test', 'e2e', 'fixtures');
  if (existsSync(fixtures)) cpSync(fixtures, join(dir, 'fixtures'), { recursive: true });
  return dir;
}
