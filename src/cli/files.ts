// Turns the paths given on the command line (files, folders, globs) into the YAML files to analyse.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from './args';

const YAML = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.tools', 'dist', 'out']);

/** Paths as given, relative to cwd with forward slashes, sorted and unique. */
export function collectFiles(inputs: string[], cwd = process.cwd()): string[] {
  const found = new Set<string>();
  for (const input of inputs) {
    if (/[*?[]/.test(input)) {
      const matches = expandGlob(input, cwd);
      if (matches.length === 0) throw new UsageError(`no file matches the pattern '${input}'`);
      matches.forEach((m) => found.add(m));
      continue;
    }
    const abs = resolve(cwd, input);
    if (!existsSync(abs)) throw new UsageError(`cannot read '${input}': no such file or folder`);
    const st = statSync(abs);
    if (st.isDirectory()) walk(abs, cwd, found);
    else found.add(toRel(abs, cwd));
  }
  return [...found].sort();
}

function walk(dir: string, cwd: string, out: Set<string>): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(join(dir, e.name), cwd, out);
    } else if (e.isFile() && YAML.test(e.name)) out.add(toRel(join(dir, e.name), cwd));
  }
}

/** Glob with `*`, `?`, `**` and `[abc]`, matched against files under the pattern's fixed prefix. */
function expandGlob(pattern: string, cwd: string): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const firstMagic = norm.search(/[*?[]/);
  const baseDir = norm.slice(0, norm.lastIndexOf('/', firstMagic) + 1) || '.';
  const re = globToRegExp(norm.replace(/^\.\//, ''));
  const all = new Set<string>();
  const abs = join(cwd, baseDir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
  walkAll(abs, cwd, all);
  return [...all].filter((f) => re.test(f));
}

function walkAll(dir: string, cwd: string, out: Set<string>): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walkAll(join(dir, e.name), cwd, out);
    } else if (e.isFile()) out.add(toRel(join(dir, e.name), cwd));
  }
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function toRel(abs: string, cwd: string): string {
  const r = relative(cwd, abs);
  return sep === '/' ? r : r.split(sep).join('/');
}
