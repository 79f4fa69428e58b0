// Loading a kubeconfig the way kubectl does (explicit file > $KUBECONFIG > ~/.kube/config), choosing a
// context, and refusing credential plugins when the caller says code may not run (untrusted workspace).
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, delimiter } from 'node:path';
import { ClusterError } from './errors';

export type KubeconfigOrigin = 'flag' | 'setting' | 'kubernetes-extension' | 'env' | 'default' | 'inline';

export interface ConnectOptions {
  /** An explicit kubeconfig file (CLI --kubeconfig, the machine setting, or the Kubernetes extension's path). */
  kubeconfigPath?: string;
  /** Where kubeconfigPath came from, for messages. */
  origin?: KubeconfigOrigin;
  /** Kubeconfig text (tests). */
  kubeconfigYaml?: string;
  /** Context to use instead of current-context. */
  context?: string;
  /** May exec credential plugins / auth providers run? False in an untrusted workspace. */
  allowExec: boolean;
  /** Environment to read KUBECONFIG from (defaults to process.env). */
  env?: Record<string, string | undefined>;
}

export interface LoadedKubeconfig {
  kc: KubeConfig;
  context: string;
  server: string;
  /** The file(s) read, for messages ('' for inline). */
  source: string;
  origin: KubeconfigOrigin;
}

export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
  current: boolean;
}

export function loadKubeconfig(opts: ConnectOptions): LoadedKubeconfig {
  const kc = new KubeConfig();
  let source = '';
  let origin: KubeconfigOrigin = opts.origin ?? 'flag';
  try {
    if (opts.kubeconfigYaml !== undefined) {
      kc.loadFromString(opts.kubeconfigYaml);
      origin = 'inline';
    } else if (opts.kubeconfigPath) {
      if (!existsSync(opts.kubeconfigPath)) throw new ClusterError('config', `The kubeconfig file ${opts.kubeconfigPath} (from ${originText(origin)}) does not exist.`);
      kc.loadFromFile(opts.kubeconfigPath);
      source = opts.kubeconfigPath;
    } else {
      const env = opts.env ?? process.env;
      const files = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
      if (files.length) {
        const present = files.filter((f) => existsSync(f));
        if (!present.length) throw new ClusterError('config', `None of the KUBECONFIG files exist (${files.join(delimiter)}).`);
        kc.loadFromFile(present[0]);
        for (const f of present.slice(1)) {
          const more = new KubeConfig();
          more.loadFromFile(f);
          kc.mergeConfig(more, true);
        }
        source = present.join(delimiter);
        origin = 'env';
      } else {
        const file = join(env.HOME ?? homedir(), '.kube', 'config');
        if (!existsSync(file))
          throw new ClusterError('config', `No kubeconfig found: KUBECONFIG is not set and ${file} does not exist. Set mtlsLens.kubeconfig, KUBECONFIG, or pass --kubeconfig.`);
        kc.loadFromFile(file);
        source = file;
        origin = 'default';
      }
    }
  } catch (e) {
    if (e instanceof ClusterError) throw e;
    throw new ClusterError('config', `The kubeconfig${source ? ` ${source}` : ''} could not be read: ${(e as Error).message.split('\n')[0]}`);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context))
      throw new ClusterError('config', `Context '${opts.context}' is not in the kubeconfig. Known contexts: ${kc.getContexts().map((c) => c.name).join(', ') || '(none)'}.`);
    kc.setCurrentContext(opts.context);
  }
  const context = kc.getCurrentContext();
  if (!context || !kc.getContextObject(context))
    throw new ClusterError('config', `The kubeconfig${source ? ` ${source}` : ''} has no current context. Pick one with the context picker or --context.`);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new ClusterError('config', `Context '${context}' has no cluster with a server address.`);
  if (!opts.allowExec) refuseCodeExecution(kc, context);
  return { kc, context, server: cluster.server, source, origin };
}

/** Exec plugins and auth providers run programs; an untrusted workspace must not get them run. */
function refuseCodeExecution(kc: KubeConfig, context: string): void {
  const user = kc.getCurrentUser();
  if (!user) return;
  if (user.exec)
    throw new ClusterError('untrusted',
      `Context '${context}' authenticates with an exec credential plugin (${user.exec.command}). mTLS Lens runs credential plugins only in a trusted workspace; trust this workspace to connect.`);
  if (user.authProvider)
    throw new ClusterError('untrusted',
      `Context '${context}' uses the '${user.authProvider.name ?? 'auth'}' auth provider, which can run programs. mTLS Lens uses it only in a trusted workspace.`);
}

export function listContexts(kc: KubeConfig): ContextSummary[] {
  const current = kc.getCurrentContext();
  return kc.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace,
    server: kc.getCluster(c.cluster)?.server,
    current: c.name === current,
  }));
}

/** Contexts of a kubeconfig without connecting (for the picker). Never runs plugins. */
export function readContexts(opts: Omit<ConnectOptions, 'context' | 'allowExec'>): ContextSummary[] {
  const { kc } = loadKubeconfigLoose(opts);
  return listContexts(kc);
}

function loadKubeconfigLoose(opts: Omit<ConnectOptions, 'context' | 'allowExec'>): { kc: KubeConfig } {
  try {
    return loadKubeconfig({ ...opts, allowExec: true });
  } catch (e) {
    // a kubeconfig without a current context still has contexts to pick from
    if (e instanceof ClusterError && /no current context/.test(e.message)) {
      const kc = new KubeConfig();
      if (opts.kubeconfigYaml !== undefined) kc.loadFromString(opts.kubeconfigYaml);
      else if (opts.kubeconfigPath) kc.loadFromFile(opts.kubeconfigPath);
      else kc.loadFromDefault();
      return { kc };
    }
    throw e;
  }
}

function originText(o: KubeconfigOrigin): string {
  switch (o) {
    case 'flag': return '--kubeconfig';
    case 'setting': return 'the mtlsLens.kubeconfig setting';
    case 'kubernetes-extension': return 'the Kubernetes extension';
    case 'env': return 'KUBECONFIG';
    case 'default': return '~/.kube/config';
    case 'inline': return 'inline text';
  }
}
