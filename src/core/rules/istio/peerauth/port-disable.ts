// MTLS105: portLevelMtls DISABLE on a port that is not a known health or metrics port: that port then
// takes plaintext from anyone, even when the workload is STRICT.
import type { Rule } from '../../rule';
import { KIND, asPeerAuthentication } from '../../../model/istio';
import { displayName } from '../common';
import { fix, fixes, removePair, replaceValue } from '../../fix';
import { HEALTH_AND_METRICS_PORTS } from './health-ports';

export const portDisable: Rule = {
  meta: { id: 'MTLS105', title: 'mTLS disabled on an application port', defaultSeverity: 'warning', kinds: [KIND.PeerAuthentication] },
  checkResource(res, ctx) {
    const pa = asPeerAuthentication(res, ctx.settings.defaultNamespace);
    if (!pa?.portLevelMtls) return;
    const others = pa.portLevelMtls.length > 1;
    for (const p of pa.portLevelMtls) {
      if (p.mode !== 'DISABLE' || HEALTH_AND_METRICS_PORTS.has(Number(p.port))) continue;
      ctx.report({
        resource: res,
        path: p.path,
        message:
          `PeerAuthentication ${displayName(res)} disables mTLS on port ${p.port}, which is not a known health or metrics port: ` +
          'that port accepts plaintext from any caller and its traffic is neither encrypted nor authenticated, whatever the workload mode. ' +
          'If the port serves probes or metrics, this is fine (suppress it); otherwise use PERMISSIVE or remove the override.',
        fixes: fixes(
          fix('Use PERMISSIVE on this port', [replaceValue(res, p.path, 'PERMISSIVE')]),
          others ? fix('Remove the port override (inherit the workload mode)', [removePair(res, ['spec', 'portLevelMtls', p.port])]) : undefined,
        ),
      });
    }
  },
};
