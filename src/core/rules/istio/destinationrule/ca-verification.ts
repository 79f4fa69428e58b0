// Shared by MTLS200 (IST0128) and MTLS201 (IST0129): a DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates, so the
// proxy does not verify the server's certificate. Reproduces Istio's CaCertificateAnalyzer exactly:
// only the top-level and port-level `trafficPolicy` TLS are examined (not subsets), and credentialName
// only counts as a CA source when the DR also has a workloadSelector.
import type { RuleContext } from '../../rule';
import type { Resource } from '../../../yaml/resource';
import { asDestinationRule, str, type ClientTlsView } from '../../../model/istio';
import { displayName } from '../common';
import { fix, fixes, insertKeyAfter } from '../../fix';

/** The CA bundle shipped in the istio-proxy image: a sane default for public endpoints. */
export const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export function checkCaVerification(res: Resource, ctx: RuleContext, level: 'destination' | 'port'): void {
  const dr = asDestinationRule(res, ctx.settings.defaultNamespace);
  if (!dr) return;
  const hasSelector = !!dr.selector;
  for (const t of dr.tls) {
    if (t.level !== level || (t.mode !== 'SIMPLE' && t.mode !== 'MUTUAL')) continue;
    if (str(t.tls.caCertificates) || (str(t.tls.credentialName) && hasSelector)) continue;
    ctx.report({ resource: res, path: [...t.path, 'mode'], message: message(res, t, dr.host, hasSelector), fixes: caFix(res, t) });
  }
}

function message(res: Resource, t: ClientTlsView, host: string | undefined, hasSelector: boolean): string {
  const where = t.level === 'port' ? `for port ${t.port ?? '?'} ` : '';
  const credNote = str(t.tls.credentialName) && !hasSelector
    ? ' Its credentialName only supplies the CA when the DestinationRule has a workloadSelector (as on a gateway).'
    : '';
  return `DestinationRule ${displayName(res)} uses ${t.mode} TLS ${where}toward ${host ?? 'its host'} without caCertificates, ` +
    `so the sidecar never verifies the server certificate and a man-in-the-middle goes unnoticed.${credNote} ` +
    'Set caCertificates (or credentialName with a CA) and subjectAltNames.';
}

function caFix(res: Resource, t: ClientTlsView) {
  return fixes(fix(`Verify the server with the proxy's system CA bundle (${SYSTEM_CA_BUNDLE})`,
    [insertKeyAfter(res, [...t.path, 'mode'], `caCertificates: ${SYSTEM_CA_BUNDLE}`)]));
}
