// MTLS101: a PeerAuthentication mode that is not one of Istio's enum values. The CRD schema rejects the
// resource (IST0106), so the workload keeps whatever mode it inherited. Lower-case spellings get a fix.
import type { Rule } from '../../rule';
import { KIND, PEER_AUTH_MODES, asPeerAuthentication } from '../../../model/istio';
import { displayName, orList, reportSchemaError } from '../common';
import { fix, fixes, replaceValue } from '../../fix';

export const peerAuthModeValue: Rule = {
  meta: { id: 'MTLS101', title: 'Unknown PeerAuthentication mTLS mode', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.PeerAuthentication] },
  checkResource(res, ctx) {
    const pa = asPeerAuthentication(res, ctx.settings.defaultNamespace);
    if (!pa) return;
    const modes = [{ mode: pa.mode, path: pa.modePath, where: 'spec.mtls.mode' }];
    for (const p of pa.portLevelMtls ?? []) modes.push({ mode: p.mode, path: p.path, where: `portLevelMtls[${p.port}].mode` });
    for (const { mode, path, where } of modes) {
      if (mode === undefined || (PEER_AUTH_MODES as readonly string[]).includes(mode)) continue;
      const upper = mode.toUpperCase();
      const known = (PEER_AUTH_MODES as readonly string[]).includes(upper);
      reportSchemaError(ctx, res, path,
        `PeerAuthentication ${displayName(res)} sets ${where} to "${mode}", which Istio does not accept (modes are case-sensitive: ` +
          `${orList(PEER_AUTH_MODES)}); the resource is rejected and the workloads keep their inherited mTLS mode.` +
          (known ? ` Write ${upper}.` : ' Pick one of the listed modes.'),
        { fixes: known ? fixes(fix(`Change to ${upper}`, [replaceValue(res, path, upper)], true)) : undefined });
    }
  },
};
