// The CodeLens provider. provideCodeLenses only places lenses (on each document's `kind:` line) from the
// analysis that already exists; resolveCodeLens computes the text. Results are cached per resource until
// the analysis or the cluster changes, and a change refreshes the lenses after a quiet period, so typing
// never waits for a lens.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Resource } from '../../core/yaml/resource';
import { hasStatusLens, statusLenses, type StatusLens } from '../../core/status/lens';
import type { LensModel } from './model';
import { isWorkloadKind } from '../../core/mesh/workloads';

export const SHOW_STATUS_COMMAND = 'mtlsLens.showStatus';

class StatusCodeLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly resource: Resource,
    readonly uri: string,
    /** Which of the resource's lenses this is (0 = the main one, then ports). */
    readonly index: number,
  ) {
    super(range);
  }
}

export class StatusLensProvider implements vscode.CodeLensProvider<StatusCodeLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Lenses computed for the current state (model.version()), by resource. */
  private cache = new Map<Resource, StatusLens[]>();
  private cacheVersion = '';
  /**
   * How many lenses each document showed last time, by file#doc|kind|name. It survives invalidation, so a
   * refresh places the same number of lenses (no flicker of the port lenses) before they are resolved.
   */
  private readonly counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Called after a workload's lenses were computed (the feature reads its SVID then). */
  onResolved?: (res: Resource) => void;
  /** Resolve count and time, for the log and the tests. */
  readonly stats = { resolved: 0, ms: 0 };

  constructor(
    private readonly ctx: Ctx,
    private readonly model: LensModel,
    private readonly delayMs = 300,
  ) {}

  /** Ask VS Code for new lenses once things are quiet (results are recomputed for the new state on resolve). */
  invalidate(immediately = false): void {
    clearTimeout(this.timer);
    if (immediately) this.changed.fire();
    else this.timer = setTimeout(() => this.changed.fire(), this.delayMs);
  }

  provideCodeLenses(doc: vscode.TextDocument): StatusCodeLens[] {
    if (!vscode.workspace.getConfiguration('mtlsLens').get<boolean>('codeLens.enabled', true)) return [];
    const uri = doc.uri.toString();
    const out: StatusCodeLens[] = [];
    for (const res of this.ctx.analyzer.index.resourcesOf(uri)) {
      if (!hasStatusLens(res)) continue;
      const r = res.kindRange();
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const n = this.counts.get(countKey(uri, res)) ?? 1;
      for (let i = 0; i < n; i++) out.push(new StatusCodeLens(range, res, uri, i));
    }
    return out;
  }

  resolveCodeLens(lens: StatusCodeLens): StatusCodeLens {
    const list = this.lensesOf(lens.resource);
    const key = countKey(lens.uri, lens.resource);
    if ((this.counts.get(key) ?? 1) !== list.length) {
      this.counts.set(key, list.length);
      this.later(); // more (or fewer) lenses than placed: place them again
    }
    const l = list[lens.index] ?? list[list.length - 1] ?? { title: 'mTLS Lens: nothing to report', tooltip: '' };
    lens.command = this.command(l, lens.resource, lens.uri);
    return lens;
  }

  /** A closed document's lens counts are not needed any more. */
  forget(uri: string): void {
    for (const k of this.counts.keys()) if (k.startsWith(`${uri}#`)) this.counts.delete(k);
  }

  /** The lenses of one resource, computed once per analysis/cluster state. */
  lensesOf(res: Resource): StatusLens[] {
    const version = this.model.version();
    if (version !== this.cacheVersion) {
      this.cache = new Map();
      this.cacheVersion = version;
    }
    let list = this.cache.get(res);
    if (list) return list;
    const t0 = performance.now();
    try {
      list = statusLenses(this.model.inputs(res.file), res, { liveCopyOf: this.model.liveCopyOf });
    } catch (e) {
      // a bug in the status must not break the editor: say so in the lens and the log
      this.ctx.log.error(`status lens for ${res.kind} ${res.name} failed: ${(e as Error).stack ?? e}`);
      list = [{ title: 'mTLS Lens: status unavailable (see the mTLS Lens output)', tooltip: String((e as Error).message) }];
    }
    if (!list.length) list = [{ title: 'mTLS Lens: nothing to report', tooltip: '' }];
    this.stats.resolved++;
    this.stats.ms += performance.now() - t0;
    this.cache.set(res, list);
    if (isWorkloadKind(res.kind)) this.onResolved?.(res);
    return list;
  }

  private pendingRefresh = false;
  private later(): void {
    if (this.pendingRefresh) return;
    this.pendingRefresh = true;
    setTimeout(() => {
      this.pendingRefresh = false;
      this.changed.fire();
    }, 50);
  }

  private command(l: StatusLens, res: Resource, uri: string): vscode.Command {
    return { title: l.title, tooltip: l.tooltip, command: SHOW_STATUS_COMMAND, arguments: [uri, res.docIndex] };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

function countKey(uri: string, res: Resource): string {
  return `${uri}#${res.docIndex}|${res.kind}|${res.name}`;
}
