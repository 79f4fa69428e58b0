// The explanation behind a lens, as Markdown: for a workload, the chain that decided the mode (mesh →
// namespace → workload → port, each step linked to its document or its read-only cluster view), the pods
// with their data plane and SVIDs, and the AuthorizationPolicies in force; for any other document, the
// lens lines and the workloads it touches. Links come from the caller (file#line, or a cluster view URI).
import type { Resource } from '../yaml/resource';
import { meshView } from '../mesh/view';
import { policiesFor } from '../mesh/authz';
import { resourceLabel } from '../mesh/tls-pairing';
import { representative } from './units';
import { statusLenses, statusOfDocument, type LensOptions } from './lens';
import { timeLeft } from './identity-kinds';
import { sourcePhrase } from './phrases';
import type { StatusInputs, WorkloadStatus, ModeAnswer } from './workload';

export type LinkOf = (res: Resource) => string;

export function explainDocument(inputs: StatusInputs, res: Resource, linkOf: LinkOf, opts: LensOptions = {}): string {
  const st = statusOfDocument(inputs, res, opts);
  if (st) return explainWorkloadStatus(inputs, st, linkOf);
  const lines = statusLenses(inputs, res, opts).map((l) => `- ${esc(l.title)}`);
  return [`# ${esc(resourceLabel(res))}`, '', ...(lines.length ? lines : ['- mTLS Lens has no status for this kind.']), '', `_Source: ${esc(sourcePhrase(inputs))}._`].join('\n');
}

export function explainWorkloadStatus(inputs: StatusInputs, st: WorkloadStatus, linkOf: LinkOf): string {
  const link = (r: Resource) => `[${esc(resourceLabel(r))}](${linkOf(r)})`;
  const out: string[] = [`# mTLS for ${esc(`${st.kind} ${st.namespace}/${st.name}`)}: ${st.current.mode}`, ''];
  out.push(`Source: ${esc(sourcePhrase(inputs))}${inputs.context !== undefined ? ' with the documents open in the editor applied over it' : ''}.`);
  if (st.live) {
    out.push('', st.live.mode === st.current.mode ? `Live mode: ${st.live.mode} (an apply would not change it).` : `**Live: ${st.live.mode} → after apply: ${st.current.mode}**`);
  }
  if (st.current.policyMode !== st.current.mode) {
    out.push('', `The policy says ${st.current.policyMode}, but pods without a proxy accept plaintext whatever the policy says, so what is enforced is ${st.current.mode}.`);
  }
  out.push('', '## What decided it', '');
  out.push(...chainLines(st.current, link));
  if (st.live && st.live.mode !== st.current.mode) out.push('', '### Live chain', '', ...chainLines(st.live, link));
  const ports = Object.entries(st.current.ports);
  if (ports.length) {
    out.push('', '## Ports', '', '| Container port | Effective mode |', '|---|---|');
    for (const [port, mode] of ports) out.push(`| ${port} | ${mode} |`);
  }
  out.push('', '## Pods', '');
  if (!st.pods.length) out.push(`- none live${st.predicted ? `; new pods: ${st.predicted.dataplane} — ${esc(st.predicted.reason)}` : ''}`);
  const now = inputs.now ?? new Date();
  for (const p of st.pods) {
    const svid = inputs.svids?.get(`${p.namespace}/${p.name}`);
    const svidText = svid?.notAfter ? ` · SVID ${esc(svid.spiffeIds[0] ?? '')} expires ${svid.notAfter} (${timeLeft(svid.notAfter, now)} left)` : '';
    out.push(`- ${link(p.resource)} — ${p.dataplane === 'none' ? 'no proxy (plaintext only)' : p.dataplane}${p.phase ? ` · ${p.phase}` : ''} · service account ${esc(p.serviceAccount)}${svidText}`);
  }
  const rep = representative(st.unit);
  if (rep && st.current.mesh === 'istio') {
    const view = meshView(inputs.index, inputs.settings);
    const policies = policiesFor(view, rep);
    out.push('', '## AuthorizationPolicies in force', '');
    if (!policies.length) out.push('- none: every request that reaches the workload is allowed');
    for (const p of policies) out.push(`- ${p.policy.action}: ${link(p.policy.resource)} (${p.scope}-wide)`);
  }
  return out.join('\n');
}

function chainLines(a: ModeAnswer, link: (r: Resource) => string): string[] {
  const out: string[] = [];
  if (a.istio) {
    for (const s of a.istio.chain) {
      const level = s.level === 'port' ? `port ${s.port}` : s.level;
      out.push(`1. **${level}**: ${s.resource ? link(s.resource) : 'Istio default'} — ${esc(s.note)}`);
    }
    for (const i of a.istio.ignored) out.push(`- ignored ${link(i.resource)}: ${esc(i.reason)}`);
  }
  if (a.linkerd) {
    const l = a.linkerd;
    out.push(`1. **default inbound policy** ${l.defaultPolicy}${l.policySource.resource ? ` from ${link(l.policySource.resource)}` : ''} — ${esc(l.policySource.note)}`);
    for (const p of l.ports) out.push(`1. **port ${p.port}**: ${link(p.server)} — ${esc(p.note)}${p.authorizations.length ? ` (${p.authorizations.map((z) => link(z.resource)).join(', ')})` : ''}`);
    out.push(`- identity: \`${l.identity}\``);
  }
  return out;
}

function esc(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1');
}
