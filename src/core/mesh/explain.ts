// "Explain" for one workload, as Markdown: the effective mTLS mode per port, the chain of
// PeerAuthentications that decided it (each linked to its document), the ignored ones and why, and the
// AuthorizationPolicies that apply with their action. Pure: the editor renders it in a hover or a panel.
import type { Resource } from '../yaml/resource';
import type { Workload } from './workloads';
import { meshView } from './view';
import type { ResourceIndex } from '../index';
import type { AnalysisSettings } from '../settings';
import { modeForPort } from './peer-authentication';
import { containerPortsOf, servicesSelecting } from './services';
import { policiesFor } from './authz';
import { injectionFor, namespaceResource } from './injection';
import { resourceLabel } from './tls-pairing';

/** Turns a resource into a link target; the default is `<file>#L<line>` (1-based). */
export type LinkOf = (res: Resource) => string;

export const defaultLinkOf: LinkOf = (res) => `${res.file}#L${res.kindRange().start.line + 1}`;

export function explainWorkload(index: ResourceIndex, settings: AnalysisSettings, w: Workload, linkOf: LinkOf = defaultLinkOf): string {
  const view = meshView(index, settings);
  const e = view.effective(w);
  const link = (r: Resource) => `[${escape(resourceLabel(r))}](${linkOf(r)})`;
  const out: string[] = [];
  out.push(`**mTLS for ${escape(`${w.kind} ${w.namespace}/${w.name}`)}**: ${e.mode}`);
  const dataplane = injectionFor(w, namespaceResource(index, w.namespace));
  out.push('', `Data plane: ${dataplane.mode} — ${escape(dataplane.reason)}${dataplane.mode === 'none' ? ' (PeerAuthentication has no effect without a proxy)' : ''}`);

  const ports = containerPortsOf(w).map((p) => p.port);
  for (const p of Object.keys(e.ports).map(Number)) if (!ports.includes(p)) ports.push(p);
  if (ports.length) {
    out.push('', '| Container port | Mode | Services |', '|---|---|---|');
    const services = servicesSelecting(index, view.mesh, w);
    for (const port of ports.sort((a, b) => a - b)) {
      const via = services.flatMap((s) => s.ports.filter((sp) => sp.targetPort === port || containerPortsOf(w).some((c) => c.name === sp.targetPort && c.port === port)).map((sp) => `${s.name}:${sp.port}`));
      out.push(`| ${port} | ${modeForPort(e, port)}${e.ports[port] !== undefined ? ' (port level)' : ''} | ${escape(via.join(', ')) || '—'} |`);
    }
  }

  out.push('', '**Decided by**');
  for (const step of e.chain) {
    const who = step.resource ? link(step.resource) : 'Istio default';
    const level = step.level === 'port' ? `port ${step.port}` : step.level;
    out.push(`- ${level}: ${who} — ${escape(step.note)}`);
  }
  if (e.ignored.length) {
    out.push('', '**Ignored**');
    for (const i of e.ignored) out.push(`- ${link(i.resource)} — ${escape(i.reason)}`);
  }
  const policies = policiesFor(view, w);
  out.push('', '**AuthorizationPolicies**');
  if (!policies.length) out.push('- none: every request that reaches the workload is allowed');
  for (const p of policies) out.push(`- ${p.policy.action}: ${link(p.policy.resource)} (${p.scope}-wide${p.scope === 'workload' ? ' selector' : ''})`);
  if (view.mesh.notes.length) out.push('', ...view.mesh.notes.map((n) => `_${escape(n)}_`));
  out.push('', `_Root namespace ${view.mesh.rootNamespace}, auto-mTLS ${view.mesh.autoMtls ? 'on' : 'off'}${view.mesh.source ? ` (from ${link(view.mesh.source)})` : ' (from settings)'}._`);
  return out.join('\n');
}

function escape(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1');
}
