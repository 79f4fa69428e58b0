// Read-only virtual documents behind the lenses:
//   mtls-lens-status:/<title>.md?<n>        the explanation of one lens (Markdown), kept in memory
//   mtls-lens-cluster:/<context>/<ns>/<kind>/<name>.yaml   a cluster object as YAML, Secret data left out
import * as vscode from 'vscode';
import { parse, stringify } from 'yaml';
import type { Resource } from '../../core/yaml/resource';
import { LIVE_FILE_PREFIX } from '../../core/status/combine';

export const STATUS_SCHEME = 'mtls-lens-status';
export const CLUSTER_VIEW_SCHEME = 'mtls-lens-cluster';

export class ExplanationDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private next = 0;

  add(title: string, markdown: string): vscode.Uri {
    const id = String(++this.next);
    this.docs.set(id, markdown);
    // keep the last few; an explanation is a snapshot of one moment, reopened from the lens
    if (this.docs.size > 20) this.docs.delete(this.docs.keys().next().value!);
    return vscode.Uri.from({ scheme: STATUS_SCHEME, path: `/${title.replace(/[^A-Za-z0-9._ -]+/g, '_').slice(0, 80)}.md`, query: id });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.query) ?? 'This explanation is no longer available; click the lens again.';
  }
}

/** The link a Markdown explanation uses for a resource: its workspace file at the line, or the cluster view. */
export function linkOf(res: Resource): string {
  if (res.file.startsWith(LIVE_FILE_PREFIX)) return clusterViewUri(res.file).toString();
  return `${res.file}#L${res.kindRange().start.line + 1}`;
}

export function clusterViewUri(liveFile: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CLUSTER_VIEW_SCHEME, path: `/${liveFile.slice(LIVE_FILE_PREFIX.length)}.yaml` });
}

export class ClusterObjectDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly find: (liveFile: string) => Resource | undefined) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const file = LIVE_FILE_PREFIX + uri.path.replace(/^\//, '').replace(/\.yaml$/, '');
    const res = this.find(file);
    if (!res) return `# ${file}\n# Not in the current cluster snapshot (it was deleted, or the context changed).\n`;
    return `# Read-only view of the live object (${res.kind} ${res.namespace ? `${res.namespace}/` : ''}${res.name}) from mTLS Lens' snapshot.\n${objectYaml(res)}`;
  }
}

/** The object's YAML; a Secret's data values are replaced by their size (the snapshot holds no keys, but no value is shown). */
export function objectYaml(res: Resource): string {
  if (res.kind !== 'Secret') return res.source;
  const obj = parse(res.source) ?? {};
  for (const field of ['data', 'stringData']) {
    if (obj[field] && typeof obj[field] === 'object') {
      for (const k of Object.keys(obj[field])) obj[field][k] = `<${String(obj[field][k]).length} characters, not shown>`;
    }
  }
  return stringify(obj, { lineWidth: 0 });
}
