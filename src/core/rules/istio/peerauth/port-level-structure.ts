// MTLS102: portLevelMtls that Istio rejects (IST0106): on a mesh- or namespace-wide policy (no selector
// labels), present but empty, or keyed by something that is not a port number 1..65535.
import type { Rule } from '../../rule';
import { KIND, asPeerAuthentication } from '../../../model/istio';
import { displayName, isPortNumber, reportSchemaError } from '../common';
import { fix, fixes, removePair } from '../../fix';

export const portLevelStructure: Rule = {
  meta: { id: 'MTLS102', title: 'Invalid portLevelMtls', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.PeerAuthentication] },
  checkResource(res, ctx) {
    const pa = asPeerAuthentication(res, ctx.settings.defaultNamespace);
    if (!pa?.portLevelMtls) return;
    const who = `PeerAuthentication ${displayName(res)}`;
    const plmPath = ['spec', 'portLevelMtls'];
    if (pa.portLevelMtls.length === 0) {
      reportSchemaError(ctx, res, plmPath,
        `${who} has an empty portLevelMtls; Istio requires at least one port when the field is present and rejects the resource. ` +
          'Add a port entry or remove the field.',
        { key: true, fixes: fixes(fix('Remove the empty portLevelMtls', [removePair(res, plmPath)], true)) });
      return;
    }
    if (pa.workloadWide) {
      reportSchemaError(ctx, res, plmPath,
        `${who} has no selector labels, so it is ${pa.namespace === ctx.settings.rootNamespace ? 'mesh' : 'namespace'}-wide, and Istio rejects ` +
          'portLevelMtls on mesh- or namespace-wide policies (port numbers only make sense for a known set of pods). ' +
          'Add spec.selector.matchLabels for the workload, or move the port settings into a workload-scoped PeerAuthentication.',
        { key: true });
    }
    for (const p of pa.portLevelMtls) {
      if (isPortNumber(p.port)) continue;
      reportSchemaError(ctx, res, [...plmPath, p.port],
        `${who} lists portLevelMtls key "${p.port}", which is not a port number between 1 and 65535; Istio rejects the resource. ` +
          'Use the container port number (not a port name or Service port).',
        { key: true });
    }
  },
};
