// Where the editor takes its kubeconfig from. Only sources a workspace cannot plant are used when the
// workspace is untrusted: the machine-scoped mtlsLens.kubeconfig (user settings only), KUBECONFIG and
// ~/.kube/config. The Kubernetes extension's path comes from its (possibly workspace) settings, so it is
// used only in a trusted workspace.
import * as vscode from 'vscode';
import type { KubeconfigOrigin } from '../../cluster/kubeconfig';

const K8S_EXTENSION = 'ms-kubernetes-tools.vscode-kubernetes-tools';

export interface KubeconfigChoice {
  path?: string;
  origin?: KubeconfigOrigin;
  allowExec: boolean;
}

export async function chooseKubeconfig(): Promise<KubeconfigChoice> {
  const trusted = vscode.workspace.isTrusted;
  // globalValue only: even if a workspace file sets it, the machine scope keeps it out, and we double-check
  const setting = vscode.workspace.getConfiguration('mtlsLens').inspect<string>('kubeconfig')?.globalValue;
  if (setting) return { path: expandHome(setting), origin: 'setting', allowExec: trusted };
  if (trusted) {
    const fromExtension = await kubernetesExtensionPath();
    if (fromExtension) return { path: fromExtension, origin: 'kubernetes-extension', allowExec: true };
  }
  return { allowExec: trusted };
}

/** The Kubernetes extension's configuration.v1 API: { available, api: { getKubeconfigPath() } }. */
async function kubernetesExtensionPath(): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension(K8S_EXTENSION);
  if (!ext) return undefined;
  try {
    const broker = (await ext.activate()) as { get?(component: string, version: string): Promise<any> } | undefined;
    const api = await broker?.get?.('configuration', 'v1');
    if (!api?.available) return undefined;
    const p = api.api.getKubeconfigPath();
    return p?.pathType === 'host' && typeof p.hostPath === 'string' ? p.hostPath : undefined; // WSL paths are not readable here
  } catch {
    return undefined;
  }
}

function expandHome(p: string): string {
  return p.startsWith('~/') ? `${process.env.HOME ?? ''}${p.slice(1)}` : p;
}
