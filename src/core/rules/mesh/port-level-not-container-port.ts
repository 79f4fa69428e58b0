// MTLS605: portLevelMtls keys are container (target) ports, not Service ports. A key that no selected pod
// declares usually is the Service port: Istio then applies the port setting to nothing and the port keeps
// the workload mode. Quick-fix: use the container port the Service forwards to.
import type { Rule } from '../rule';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { containerPortFor, containerPortsOf, servicesSelecting, type ServiceInfo } from '../../mesh/services';
import { matchLabels } from '../../mesh/workloads';
import { fix, fixes } from '../fix';
import { relatedTo } from './util';

export const portLevelNotContainerPort: Rule = {
  meta: {
    id: 'MTLS605',
    title: 'portLevelMtls key is not a container port of the selected pods',
    defaultSeverity: 'warning',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS605', [view.pas, view.workloads, view.services], (ctx) => {
      for (const list of view.pas.workload.values()) {
        for (const pa of list) {
          if (!pa.ports.length) continue;
          const selected = (view.workloads.byNamespace.get(pa.namespace) ?? []).filter((w) => matchLabels(pa.selector, w.labels));
          if (!selected.length) continue;
          const declared = new Set(selected.flatMap((w) => containerPortsOf(w).map((p) => p.port)));
          for (const entry of pa.ports) {
            if (declared.has(entry.port)) continue;
            // Is it a Service port of a Service in front of these pods? Then suggest its target.
            let suggestion: { containerPort: number; service: ServiceInfo } | undefined;
            for (const w of selected) {
              for (const s of servicesSelecting(index, view.mesh, w)) {
                const sp = s.ports.find((p) => p.port === entry.port);
                const cp = sp && containerPortFor(w, sp.targetPort);
                if (cp !== undefined && cp !== entry.port) suggestion ??= { containerPort: cp, service: s };
              }
            }
            if (!suggestion && declared.size === 0) continue; // pods declare no ports: nothing to compare with
            const list = [...declared].sort((a, b) => a - b).join(', ');
            const keyRange = pa.resource.keyRangeOf(entry.path);
            ctx.report({
              resource: pa.resource,
              path: entry.path,
              key: true,
              message: suggestion
                ? `Port ${entry.port} is a port of Service ${suggestion.service.name}, but portLevelMtls is matched against container ports, so this setting applies to nothing. ` +
                  `Did you mean the container port ${suggestion.containerPort} it forwards to?`
                : `No pod selected by this PeerAuthentication declares container port ${entry.port} (declared: ${list}); portLevelMtls is matched against container ports, so this setting may apply to nothing.`,
              related: suggestion ? [relatedTo(suggestion.service.resource, `forwards port ${entry.port} to container port ${suggestion.containerPort}`)] : [],
              fixes: suggestion
                ? fixes(fix(`Use container port ${suggestion.containerPort}`, [{ file: pa.resource.file, range: keyRange, newText: String(suggestion.containerPort) }], true))
                : [],
            });
          }
        }
      }
    });
  },
};
