// MTLS310 (field practice): a workload certificate, i.e. one that carries a SPIFFE ID or is meant for client
// authentication, valid for more than 72 hours. Meshes issue such certificates for about a day (Istio and
// Linkerd: 24h) so that a leaked key is only useful briefly; cert-manager's default is 90 days.
import type { Rule } from '../rule';
import { asCertificate, CERTIFICATE_KIND, isWorkloadCertificate } from '../../model/certmanager';
import { HOUR_MS, humanDuration } from '../../model/duration';
import { fix, fixes, insertKeyAfter, lastKeyPath, replaceValue } from '../fix';
import { describe } from './common';

export const MAX_WORKLOAD_LIFETIME_MS = 72 * HOUR_MS;

export const workloadCertificateLifetime: Rule = {
  meta: { id: 'MTLS310', title: 'Workload certificate lives longer than 72 hours', defaultSeverity: 'warning', kinds: [CERTIFICATE_KIND] },
  checkResource(res, ctx) {
    const cert = asCertificate(res, ctx.settings.defaultNamespace);
    if (!cert || !isWorkloadCertificate(cert)) return;
    if (cert.duration.state === 'invalid' || cert.durationMs <= MAX_WORKLOAD_LIFETIME_MS) return;
    const why = cert.spiffeIds.length ? `carries the SPIFFE ID ${cert.spiffeIds[0]}` : "has the 'client auth' usage";
    const lifetime = cert.duration.state === 'set' ? `${cert.duration.text} (${humanDuration(cert.durationMs)})` : '90 days (cert-manager\'s default: no duration is set)';
    const edits = [];
    if (cert.duration.state === 'set') edits.push(replaceValue(res, ['spec', 'duration'], '24h'));
    else {
      const after = lastKeyPath(res, ['spec']);
      edits.push(after ? insertKeyAfter(res, after, 'duration: 24h') : undefined);
    }
    // Keep the renewal window valid for the shorter lifetime.
    if (cert.renewBefore.state === 'set' && cert.renewBefore.ms >= 12 * HOUR_MS) edits.push(replaceValue(res, ['spec', 'renewBefore'], '8h'));
    ctx.report({
      resource: res,
      path: cert.duration.state === 'set' ? ['spec', 'duration'] : undefined,
      message: `${describe(res)} ${why}, so it is a workload mTLS identity, yet it is valid for ${lifetime}. A stolen key would impersonate the workload until it expires; mesh CAs issue workload certificates for about 24h. Shorten duration to 72h or less (cert-manager renews it automatically).`,
      fixes: fixes(fix('Set duration to 24h', edits, true)),
    });
  },
};
