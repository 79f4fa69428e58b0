// MTLS104: a selector-less PeerAuthentication in the mesh root namespace with mode DISABLE turns mTLS off
// for every workload of the mesh that no namespace or workload policy overrides.
import type { Rule } from '../../rule';
import { KIND, asPeerAuthentication } from '../../../model/istio';
import { fix, fixes, replaceValue } from '../../fix';

export const meshWideDisable: Rule = {
  meta: { id: 'MTLS104', title: 'mTLS disabled mesh-wide', defaultSeverity: 'warning', kinds: [KIND.PeerAuthentication] },
  checkResource(res, ctx) {
    const pa = asPeerAuthentication(res, ctx.settings.defaultNamespace);
    // A root-namespace PA with selector labels is ignored by Istio (another rule's business); only the
    // selector-less one is the mesh-wide default.
    if (!pa || !pa.workloadWide || pa.namespace !== ctx.settings.rootNamespace || pa.mode !== 'DISABLE') return;
    ctx.report({
      resource: res,
      path: pa.modePath,
      message:
        `PeerAuthentication ${pa.namespace}/${res.name} has no selector in the root namespace "${pa.namespace}", so it is the ` +
        'mesh-wide default, and it DISABLES mTLS: every workload without its own namespace or workload policy receives plaintext, ' +
        'unauthenticated traffic. Use PERMISSIVE (or STRICT) mesh-wide and disable mTLS only for the workloads that need it.',
      fixes: fixes(fix('Use PERMISSIVE mesh-wide', [replaceValue(res, pa.modePath, 'PERMISSIVE')])),
    });
  },
};
