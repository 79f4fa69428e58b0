// Reads configuration files for the CLI: the base config (`--config`, or .mtls-lens.* in the current
// folder) and the mesh roots below it (every other folder holding a .mtls-lens.* file).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './args';
import { CONFIG_FILE_NAMES, ConfigError, parseConfig } from '../core/config';
import type { AnalysisSettings } from '../core/settings';

export function loadConfig(path: string | undefined, cwd = process.cwd()): Partial<AnalysisSettings> {
  const file = path ?? configIn(cwd);
  if (!file) return {};
  return readConfig(file);
}

/** Mesh roots for the given files (relative paths): folders below cwd that hold a config file. */
export function meshRootsFor(files: string[], cwd = process.cwd()): Map<string, Partial<AnalysisSettings>> {
  const roots = new Map<string, Partial<AnalysisSettings>>();
  const seen = new Set<string>();
  for (const f of files) {
    for (let dir = dirname(f); dir !== '.' && dir !== '/' && !dir.startsWith('..') && !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      const cfg = configIn(join(cwd, dir));
      if (cfg) roots.set(dir, readConfig(cfg));
    }
  }
  return roots;
}

function configIn(dir: string): string | undefined {
  return CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p));
}

function readConfig(file: string): Partial<AnalysisSettings> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseConfig(text, file);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
