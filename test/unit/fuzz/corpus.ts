// Seed inputs for fuzzing: the project's examples and Istio's analyzer test inputs (../shared). Grouped by
// folder, because the workspace is analysed together: a mutated file is checked next to its siblings.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO = join(__dirname, '..', '..', '..');
const SHARED_ISTIO = join(REPO, '..', 'shared', 'conformance', 'istio-analyze');

export interface SeedFile {
  /** Path relative to the repository (or to shared/), used as the file name in findings. */
  file: string;
  text: string;
  /** The folder's other files, analysed together with the (mutated) file. */
  siblings: { file: string; text: string }[];
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((n) => join(dir, n))
    .flatMap((p) => (statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(p) ? [p] : []))
    .sort();
}

function folder(dir: string, base: string, withSiblings: boolean): SeedFile[] {
  const files = yamlFiles(dir).map((p) => ({ file: relative(base, p), text: readFileSync(p, 'utf8') }));
  return files.map((f) => ({ ...f, siblings: withSiblings ? files.filter((s) => s !== f) : [] }));
}

/** Every seed file. Istio's inputs are independent test cases, so they are analysed alone. */
export function loadCorpus(): SeedFile[] {
  const examples = join(REPO, 'examples');
  const out: SeedFile[] = [];
  for (const d of readdirSync(examples).sort()) {
    const p = join(examples, d);
    if (statSync(p).isDirectory()) out.push(...folder(p, REPO, true));
  }
  out.push(...folder(SHARED_ISTIO, join(REPO, '..'), false));
  if (out.length === 0) throw new Error('fuzz corpus is empty: examples/ has no YAML');
  return out;
}

/** True when the shared Istio inputs are beside the project (CI and developer machines have them). */
export function hasSharedCorpus(): boolean {
  return existsSync(SHARED_ISTIO);
}
