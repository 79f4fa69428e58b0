// MTLS103: PERMISSIVE accepts plaintext next to mTLS. It is the documented way to migrate a workload to
// mTLS, and is meant to end with STRICT once every client has a sidecar; left in place, plaintext
// callers keep working unnoticed and authorization by principal can be bypassed over plaintext.
import type { Rule } from '../../rule';
import { KIND, asPeerAuthentication } from '../../../model/istio';
import { displayName } from '../common';
import { fix, fixes, replaceValue } from '../../fix';

export const permissiveMigration: Rule = {
  meta: { id: 'MTLS103', title: 'PERMISSIVE mTLS: migration not finished', defaultSeverity: 'info', kinds: [KIND.PeerAuthentication] },
  checkResource(res, ctx) {
    const pa = asPeerAuthentication(res, ctx.settings.defaultNamespace);
    if (!pa) return;
    const targets = [{ mode: pa.mode, path: pa.modePath, what: '' }];
    for (const p of pa.portLevelMtls ?? []) targets.push({ mode: p.mode, path: p.path, what: ` on port ${p.port}` });
    for (const t of targets) {
      if (t.mode !== 'PERMISSIVE') continue;
      ctx.report({
        resource: res,
        path: t.path,
        message:
          `PeerAuthentication ${displayName(res)} is PERMISSIVE${t.what}: the workloads accept plaintext as well as mTLS, so a caller ` +
          'without a sidecar is neither encrypted nor identified (principal-based AuthorizationPolicies cannot see it). ' +
          'PERMISSIVE is a migration step; once every client sends mTLS, switch to STRICT.',
        fixes: fixes(fix('Finish the migration: set STRICT', [replaceValue(res, t.path, 'STRICT')], true)),
      });
    }
  },
};
