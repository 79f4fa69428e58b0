// The TreeDataProvider of the mtlsLens.certificates view over the plain model in model.ts.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ClusterState } from '../cluster/state';
import { buildCertificateTree, countExpiringSoon, walkLabels, type TreeNode } from './model';
import { readExpiryThresholds } from './settings';

export class CertificateTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];
  view?: vscode.TreeView<TreeNode>;
  namespaceFilter?: string;

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {}

  /** Rebuild the model from the cluster state (after a load, an SVID read, a filter or settings change). */
  rebuild(): void {
    const s = this.state;
    if (s.status === 'ready' && s.snapshot && s.certs) {
      const modeOf = (this.ctx.api.statusLenses as { liveModeOfPod?: (ns: string, pod: string) => string | undefined } | undefined)?.liveModeOfPod;
      this.roots = buildCertificateTree({ snapshot: s.snapshot, certs: s.certs, svids: s.svids, now: new Date(), thresholds: readExpiryThresholds(), namespaceFilter: this.namespaceFilter, modeOf });
    } else if (s.status === 'error' && s.error) {
      this.roots = errorNodes(s.error);
    } else if (s.status === 'loading') {
      this.roots = [{ id: 'loading', label: 'Reading the cluster…', icon: 'info', contextValue: 'message' }];
    } else {
      this.roots = []; // viewsWelcome explains how to connect
    }
    if (this.view) {
      const n = countExpiringSoon(this.roots);
      this.view.badge = n ? { value: n, tooltip: `${n} certificate${n === 1 ? '' : 's'} expired or expiring soon` } : undefined;
      this.view.message = this.namespaceFilter ? `Namespace: ${this.namespaceFilter}` : undefined;
    }
    this.changed.fire(undefined);
  }

  get model(): readonly TreeNode[] {
    return this.roots;
  }

  labels(): string[] {
    return walkLabels(this.roots);
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    const expandable = !!n.children?.length || !!n.lazySvid;
    const item = new vscode.TreeItem(n.label, expandable ? (n.icon === 'context' || n.icon === 'folder' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.contextValue = n.contextValue;
    item.iconPath = this.icon(n);
    if (n.cert) item.command = { command: 'mtlsLens.showCertificate', title: 'Show Certificate', arguments: [n] };
    else if (n.command) item.command = { command: n.command, title: n.label };
    return item;
  }

  async getChildren(n?: TreeNode): Promise<TreeNode[]> {
    if (!n) {
      if (this.state.status === 'disconnected') void this.state.connect(); // the view is open: connect now
      return [...this.roots];
    }
    if (n.lazySvid) {
      await this.state.readSvid(n.lazySvid.namespace, n.lazySvid.pod);
      return this.findFresh(n.id)?.children ?? [];
    }
    return n.children ?? [];
  }

  getParent(): undefined {
    return undefined;
  }

  private findFresh(id: string): TreeNode | undefined {
    const visit = (list: readonly TreeNode[]): TreeNode | undefined => {
      for (const x of list) {
        if (x.id === id) return x;
        const inner = visit(x.children ?? []);
        if (inner) return inner;
      }
      return undefined;
    };
    return visit(this.roots);
  }

  private icon(n: TreeNode): vscode.TreeItem['iconPath'] {
    const media = (name: string) => ({
      light: vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'tree', 'light', `${name}.svg`),
      dark: vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'tree', 'dark', `${name}.svg`),
    });
    switch (n.icon) {
      case 'certificate-expired':
        return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      case 'certificate-expiring':
        return n.state === 'critical' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      case 'certificate-ok':
      case 'trust-root':
      case 'spiffe-id':
      case 'workload':
      case 'pod':
        return media(n.icon);
      case 'folder':
        return vscode.ThemeIcon.Folder;
      case 'namespace':
        return new vscode.ThemeIcon('symbol-namespace');
      case 'context':
        return new vscode.ThemeIcon('cloud');
      case 'warning':
        return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      case 'error':
        return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      default:
        return new vscode.ThemeIcon('info');
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What to do next, per failure kind. */
function errorNodes(e: { kind: string; message: string }): TreeNode[] {
  const next: Record<string, { label: string; command: string }> = {
    config: { label: 'Pick a kubeconfig context…', command: 'mtlsLens.pickContext' },
    untrusted: { label: 'Manage workspace trust…', command: 'workbench.trust.manage' },
    unauthorized: { label: 'Retry after logging in', command: 'mtlsLens.refreshCertificates' },
    unreachable: { label: 'Retry', command: 'mtlsLens.refreshCertificates' },
    timeout: { label: 'Retry', command: 'mtlsLens.refreshCertificates' },
  };
  const nodes: TreeNode[] = [{ id: 'error', label: e.message, tooltip: e.message, icon: 'error', contextValue: 'message' }];
  const n = next[e.kind] ?? { label: 'Retry', command: 'mtlsLens.refreshCertificates' };
  nodes.push({ id: 'error/next', label: n.label, icon: 'info', contextValue: 'message', command: n.command });
  return nodes;
}
