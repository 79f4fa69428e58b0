// The certificate & SPIFFE ID tree as plain data (no `vscode` here, so it is unit-tested and exposed to
// the end-to-end test through ctx.api). provider.ts turns these nodes into TreeItems.
import type { ClusterSnapshot, PodInfo } from '../../cluster/snapshot';
import type { ClusterCertificates, CertGroup } from '../../cluster/certs';
import type { WorkloadSvid } from '../../cluster/svid';
import { expiryState, describeTimeLeft, duration } from '../../core/x509/expiry';
import { certTitle } from '../../core/x509/format';
import { DEFAULT_EXPIRY, LINKERD_EXPIRY, type CertInfo, type ChainVerification, type ExpiryState, type ExpiryThresholds } from '../../core/x509/types';

export type NodeIcon = 'trust-root' | 'certificate-ok' | 'certificate-expiring' | 'certificate-expired' | 'spiffe-id' | 'workload' | 'pod' | 'folder' | 'namespace' | 'context' | 'warning' | 'error' | 'info';

export interface CertPayload {
  title: string;
  chain: CertInfo[];
  verification?: ChainVerification;
  /** Which certificate of the chain this node is (0 = leaf). */
  index: number;
}

export interface TreeNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: NodeIcon;
  /** Expiry state of a certificate node (drives the icon colour and the badge). */
  state?: ExpiryState;
  /** VS Code contextValue: 'certificate', 'pod', 'message', ... (menus key on it). */
  contextValue?: string;
  children?: TreeNode[];
  /** Children come from reading the pod's SVID (exec) when the node is expanded. */
  lazySvid?: { namespace: string; pod: string };
  cert?: CertPayload;
  /** The object this node stands for, to reveal its YAML in the workspace. */
  resource?: { kind: string; namespace?: string; name: string };
  /** Run when a message node is clicked (e.g. connect, pick context). */
  command?: string;
}

export interface TreeInput {
  snapshot: ClusterSnapshot;
  certs: ClusterCertificates;
  /** SVIDs read so far, by "ns/pod"; a string is the error message of a failed read. */
  svids: ReadonlyMap<string, WorkloadSvid | string>;
  now: Date;
  thresholds: ExpiryThresholds;
  /** Show only this namespace (the filter command). */
  namespaceFilter?: string;
  /** The effective mTLS mode of the workload a live pod belongs to (from the status lenses, src/core/status). */
  modeOf?: (namespace: string, pod: string) => string | undefined;
}

export function buildCertificateTree(input: TreeInput): TreeNode[] {
  const { snapshot: snap, certs } = input;
  const ctxId = `ctx:${snap.context}`;
  const meshes = Object.entries(snap.meshes).filter(([, v]) => v).map(([k]) => k);
  const children: TreeNode[] = [];
  for (const n of snap.notes) {
    children.push({ id: `${ctxId}/note:${n.part}`, label: n.message, icon: n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'info', contextValue: 'message', tooltip: n.message });
  }
  const inNs = (ns?: string) => !input.namespaceFilter || ns === input.namespaceFilter;
  const roots = [...certs.trustRoots, ...certs.meshCAs].flatMap((g) => groupNodes(`${ctxId}/roots`, g, input, true));
  children.push(folder(`${ctxId}/roots`, 'Trust roots', roots, 'No mesh CA found (istio-ca-root-cert, linkerd-identity-trust-roots, spire-bundle, cacerts).'));
  const cm = certs.certManager.filter((c) => inNs(c.namespace)).map((c): TreeNode => {
    const id = `${ctxId}/cm:${c.namespace}/${c.name}`;
    const leaf = c.group?.chain[0];
    const notAfter = leaf?.notAfter ?? c.notAfter;
    const state = notAfter ? expiryState({ notBefore: leaf?.notBefore ?? '1970-01-01T00:00:00Z', notAfter }, input.now, input.thresholds) : undefined;
    const node: TreeNode = {
      id,
      label: `${c.namespace}/${c.name}`,
      description: [c.ready === 'True' ? undefined : `Ready=${c.ready}`, notAfter ? timeLeft(notAfter, input.now) : undefined, c.dnsNames.length ? c.dnsNames.join(', ') : c.uris.join(', ')].filter(Boolean).join(' · '),
      tooltip: [`cert-manager Certificate ${c.namespace}/${c.name}`, `Ready: ${c.ready}${c.readyMessage ? ` (${c.readyMessage})` : ''}`, c.issuer ? `Issuer: ${c.issuer}` : '', notAfter ? `Not after: ${notAfter}` : '', c.renewalTime ? `Renewal: ${c.renewalTime}` : '', c.secretName ? `Secret: ${c.secretName}` : ''].filter(Boolean).join('\n'),
      icon: state ? stateIcon(state) : 'certificate-expiring',
      state: c.ready === 'False' && state === 'ok' ? 'warning' : state,
      contextValue: 'certManagerCertificate',
      resource: { kind: 'Certificate', namespace: c.namespace, name: c.name },
      children: c.group ? chainNodes(id, c.group, input) : [],
    };
    if (c.group?.chain.length) node.cert = { title: `Certificate ${c.namespace}/${c.name}`, chain: c.group.chain, verification: c.group.verification, index: 0 };
    return node;
  });
  if (snap.meshes.certManager || cm.length) children.push(folder(`${ctxId}/cm`, 'cert-manager Certificates', cm, 'No cert-manager Certificate in this scope.'));
  const tls = certs.tlsSecrets.filter((g) => inNs(g.source.namespace)).flatMap((g) => groupNodes(`${ctxId}/tls`, g, input, false));
  children.push(folder(`${ctxId}/tls`, 'TLS Secrets', tls, 'No kubernetes.io/tls Secret in this scope.'));
  const namespaces = snap.namespaces.map((n) => n.metadata.name).filter((n) => inNs(n)).sort();
  children.push(folder(`${ctxId}/ns`, 'Namespaces', namespaces.map((ns) => namespaceNode(`${ctxId}/ns`, ns, snap.pods.filter((p) => p.metadata.namespace === ns), input)), 'No namespace visible.'));
  return [
    {
      id: ctxId,
      label: snap.context,
      description: `${meshes.join(', ') || 'no mesh found'} · read ${snap.readAt.slice(11, 19)}`,
      tooltip: `${snap.server}\nRead at ${snap.readAt} (${snap.stats.requests} requests, ${snap.stats.ms} ms)${snap.namespace ? `\nNamespace: ${snap.namespace}` : ''}`,
      icon: 'context',
      contextValue: 'context',
      children,
    },
  ];
}

/** How many certificates in the tree are expired, not yet valid, or inside the warning window. */
export function countExpiringSoon(nodes: readonly TreeNode[]): number {
  const seen = new Set<string>();
  const visit = (n: TreeNode) => {
    if (n.cert && n.state && n.state !== 'ok') seen.add(n.cert.chain[n.cert.index]?.fingerprint256 ?? n.id);
    n.children?.forEach(visit);
  };
  nodes.forEach(visit);
  return seen.size;
}

/** "label — description" lines with two-space indentation per level (tests and the API). */
export function walkLabels(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`, ...walkLabels(n.children ?? [], depth + 1)]);
}

function groupNodes(parent: string, g: CertGroup, input: TreeInput, isRoot: boolean): TreeNode[] {
  const src = `${g.source.namespace ? `${g.source.namespace}/` : ''}${g.source.name}`;
  if (!g.chain.length) {
    return [{ id: `${parent}/${src}`, label: `${g.role}: ${src}`, description: g.errors[0] ?? 'no certificate', icon: 'warning', contextValue: 'message' }];
  }
  const nodes = chainNodes(`${parent}/${src}/${g.source.key ?? ''}`, g, input);
  for (const n of nodes) {
    n.tooltip = `${g.role} — ${g.source.kind} ${src}${g.source.key ? ` [${g.source.key}]` : ''}\n${n.tooltip ?? ''}`;
    // only a healthy root gets the root icon: an expiring one keeps its warning colour (e.g. Linkerd's 60-day window)
    if (isRoot && n.state === 'ok') n.icon = 'trust-root';
    n.resource = { kind: g.source.kind, namespace: g.source.namespace, name: g.source.name };
  }
  if (!isRoot && nodes.length > 1) {
    // a Secret shows its leaf, with the rest of the chain under it
    const [leaf, ...rest] = nodes;
    leaf.children = rest;
    return [leaf];
  }
  return nodes;
}

function chainNodes(parent: string, g: CertGroup, input: TreeInput): TreeNode[] {
  return g.chain.map((c, i) => certNode(`${parent}#${i}`, c, { title: g.role, chain: g.chain, verification: g.verification, index: i }, input, g.linkerdThresholds ? LINKERD_EXPIRY : input.thresholds));
}

function certNode(id: string, c: CertInfo, payload: CertPayload, input: TreeInput, t: ExpiryThresholds): TreeNode {
  const state = expiryState(c, input.now, t);
  const v = payload.index === 0 ? payload.verification : undefined;
  return {
    id,
    label: certTitle(c),
    description: `${timeLeft(c.notAfter, input.now, c.notBefore)}${c.isCA ? ' · CA' : ''}${v && v.status !== 'valid' ? ` · ${v.status}` : ''}`,
    tooltip: [
      c.subject ? `Subject: ${c.subject}` : 'Subject: (empty)',
      `Issuer: ${c.issuer || '(empty)'}`,
      c.spiffeIds.length ? `SPIFFE ID: ${c.spiffeIds.join(', ')}` : '',
      c.dnsNames.length ? `DNS: ${c.dnsNames.join(', ')}` : '',
      `Serial: ${c.serial}`,
      `Valid: ${c.notBefore} → ${c.notAfter} (${describeTimeLeft(c, input.now)})`,
      v ? `Verification: ${v.status} — ${v.message}` : '',
    ].filter(Boolean).join('\n'),
    icon: c.spiffeIds.length && state === 'ok' ? 'spiffe-id' : stateIcon(state),
    state,
    contextValue: c.spiffeIds.length ? 'certificate.spiffe' : 'certificate',
    cert: payload,
  };
}

function namespaceNode(parent: string, ns: string, pods: PodInfo[], input: TreeInput): TreeNode {
  const byWorkload = new Map<string, PodInfo[]>();
  for (const p of pods) {
    const w = workloadName(p);
    byWorkload.set(w, [...(byWorkload.get(w) ?? []), p]);
  }
  const id = `${parent}/${ns}`;
  const workloads = [...byWorkload.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([w, list]): TreeNode => {
    const sa = [...new Set(list.map((p) => p.serviceAccountName ?? 'default'))];
    const sidecar = list.some((p) => hasIstioProxy(p)) ? 'istio' : list.some((p) => p.containers.some((c) => c.name === 'linkerd-proxy')) ? 'linkerd' : undefined;
    return {
      id: `${id}/${w}`,
      label: w,
      description: `${list.length} pod${list.length === 1 ? '' : 's'} · sa ${sa.join(', ')}${sidecar ? ` · ${sidecar}` : ' · no sidecar'}${modeSuffix(input, ns, list)}`,
      tooltip: `Expected SPIFFE ID: ${sa.map((s) => `spiffe://${trustDomain(input)}/ns/${ns}/sa/${s}`).join(', ')}`,
      icon: 'workload',
      contextValue: 'workload',
      children: list.map((p) => podNode(`${id}/${w}`, p, input)),
    };
  });
  return { id, label: ns, description: `${workloads.length} workload${workloads.length === 1 ? '' : 's'}`, icon: 'namespace', contextValue: 'namespace', children: workloads };
}

function podNode(parent: string, p: PodInfo, input: TreeInput): TreeNode {
  const ns = p.metadata.namespace ?? '';
  const key = `${ns}/${p.metadata.name}`;
  const node: TreeNode = {
    id: `${parent}/${p.metadata.name}`,
    label: p.metadata.name,
    description: p.phase ?? '',
    icon: 'pod',
    contextValue: hasIstioProxy(p) ? 'pod.istio' : 'pod',
    resource: { kind: 'Pod', namespace: ns, name: p.metadata.name },
  };
  if (!hasIstioProxy(p)) {
    node.description = `${p.phase ?? ''}${p.containers.some((c) => c.name === 'linkerd-proxy') ? ' · linkerd (SVID not readable from the proxy)' : ' · no sidecar'}`;
    return node;
  }
  const svid = input.svids.get(key);
  if (svid === undefined) {
    node.lazySvid = { namespace: ns, pod: p.metadata.name };
    node.description = `${p.phase ?? ''} · expand to read its SVID`;
  } else if (typeof svid === 'string') {
    node.children = [{ id: `${node.id}/error`, label: svid, icon: 'error', contextValue: 'message', tooltip: svid }];
  } else {
    const group: CertGroup = { source: { kind: 'Pod', namespace: ns, name: p.metadata.name, key: svid.container }, role: `SVID of ${key}`, chain: svid.chain, verification: svid.verification, errors: svid.errors };
    node.children = svid.chain.length
      ? chainNodes(node.id, group, input)
      : svid.summary.map((s, i) => ({ id: `${node.id}#s${i}`, label: s.spiffeIds[0] ?? `serial ${s.serial}`, description: s.notAfter ? timeLeft(s.notAfter, input.now) : '', icon: 'spiffe-id' as const, contextValue: 'message' }));
    const leaf = svid.chain[0];
    if (leaf) node.description = `${p.phase ?? ''} · ${leaf.spiffeIds[0] ?? certTitle(leaf)} · ${timeLeft(leaf.notAfter, input.now)}`;
  }
  return node;
}

function folder(id: string, label: string, children: TreeNode[], empty: string): TreeNode {
  return {
    id,
    label,
    description: String(children.filter((c) => c.contextValue !== 'message').length),
    icon: 'folder',
    contextValue: 'folder',
    children: children.length ? children : [{ id: `${id}/empty`, label: empty, icon: 'info', contextValue: 'message' }],
  };
}

function timeLeft(notAfter: string, now: Date, notBefore?: string): string {
  if (notBefore && Date.parse(notBefore) > now.getTime()) return `not valid for ${duration(Date.parse(notBefore) - now.getTime())}`;
  const left = Date.parse(notAfter) - now.getTime();
  return left < 0 ? `expired ${duration(-left)} ago` : `${duration(left)} left`;
}

function stateIcon(s: ExpiryState): NodeIcon {
  return s === 'ok' ? 'certificate-ok' : s === 'warning' || s === 'critical' ? 'certificate-expiring' : 'certificate-expired';
}

/** " · STRICT": the same effective mode the status lenses show for the workload. */
function modeSuffix(input: TreeInput, ns: string, pods: PodInfo[]): string {
  const mode = pods.length ? input.modeOf?.(ns, pods[0].metadata.name) : undefined;
  return mode ? ` · ${mode}` : '';
}

function hasIstioProxy(p: PodInfo): boolean {
  return p.containers.some((c) => c.name === 'istio-proxy') || p.initContainers.some((c) => c.name === 'istio-proxy' && c.restartPolicy === 'Always');
}

/** Pods of a Deployment are grouped under its name: ReplicaSet "reviews-5d8f9c" → "reviews". */
function workloadName(p: PodInfo): string {
  const owner = p.metadata.ownerReferences?.[0];
  if (owner?.kind === 'ReplicaSet') return owner.name.replace(/-[a-z0-9]{5,10}$/, '');
  if (owner) return owner.name;
  return p.metadata.labels?.app ?? p.metadata.labels?.['app.kubernetes.io/name'] ?? p.metadata.name;
}

/** Istio's trust domain (the sidecars' SVIDs use it): only Istio's roots count, since a SPIRE bundle's
 * SPIFFE ID names SPIRE's own trust domain, not the one Istio issues workload IDs in. */
function trustDomain(input: TreeInput): string {
  const id = (input.certs.rootsByMesh.istio ?? []).flatMap((c) => c.spiffeIds)[0];
  return id ? id.slice('spiffe://'.length).split('/')[0] : 'cluster.local';
}

export { DEFAULT_EXPIRY };
