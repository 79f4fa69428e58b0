// Which workspace files the background index reads. Pure (no vscode) so it is unit-tested: paths are
// workspace-folder-relative with forward slashes.
import picomatch from 'picomatch';

export interface IndexFilterOptions {
  /** mtlsLens.include: when non-empty, a file must match one of these globs. */
  include: string[];
  /** mtlsLens.exclude: files matching any of these globs are skipped. */
  exclude: string[];
}

export const YAML_GLOB = '**/*.{yaml,yml}';
/** Directories never worth indexing (dependencies and VCS internals). */
const ALWAYS_SKIPPED = /(^|\/)(node_modules|\.git)(\/|$)/;

export class IndexFilter {
  private readonly include: picomatch.Matcher | undefined;
  private readonly exclude: picomatch.Matcher | undefined;

  constructor(opts: IndexFilterOptions, private readonly chartDirs: ReadonlySet<string> = new Set()) {
    const clean = (list: string[]) => list.filter((g) => typeof g === 'string' && g.trim() !== '');
    this.include = clean(opts.include).length ? picomatch(clean(opts.include), { dot: true }) : undefined;
    this.exclude = clean(opts.exclude).length ? picomatch(clean(opts.exclude), { dot: true }) : undefined;
  }

  /** Why a file is skipped, or undefined when it is indexed. */
  skipReason(relPath: string): 'not yaml' | 'dependency or VCS' | 'not included' | 'excluded' | 'helm template' | undefined {
    if (!/\.ya?ml$/i.test(relPath)) return 'not yaml';
    if (ALWAYS_SKIPPED.test(relPath)) return 'dependency or VCS';
    if (this.include && !this.include(relPath)) return 'not included';
    if (this.exclude && this.exclude(relPath)) return 'excluded';
    if (helmChartOf(relPath, this.chartDirs) !== undefined) return 'helm template';
    return undefined;
  }
}

/** The chart directory when `relPath` lies under `<chart>/templates/` and `<chart>/Chart.yaml` exists. */
export function helmChartOf(relPath: string, chartDirs: ReadonlySet<string>): string | undefined {
  const parts = relPath.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chart = parts.slice(0, i).join('/');
    if (chartDirs.has(chart)) return chart;
  }
  return undefined;
}

/** Directory of a Chart.yaml path ('' for a chart at the folder root). */
export function chartDirOf(chartYamlRelPath: string): string {
  const i = chartYamlRelPath.lastIndexOf('/');
  return i < 0 ? '' : chartYamlRelPath.slice(0, i);
}
