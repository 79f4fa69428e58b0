// MTLS721 (IST0150): a port of an ExternalName Service whose protocol Istio cannot derive, or that is
// named exactly "tcp". Istio does not sniff for ExternalName Services, so such a port is plain TCP:
// HTTP routing and TLS settings meant for the external host do not apply as written.
import type { Rule } from '../rule';
import { flaggedPorts, namingFixes } from './service-port-checks';
import { displayName } from './shared';

export const externalNamePortName: Rule = {
  meta: { id: 'MTLS721', title: 'ExternalName Service port needs an explicit protocol', defaultSeverity: 'warning', istio: 'IST0150', kinds: ['/Service'] },
  checkResource(svc, ctx) {
    for (const f of flaggedPorts(svc, ctx, true) ?? []) {
      const external = String(svc.get(['spec', 'externalName']) ?? 'the external host');
      ctx.report({
        resource: svc,
        range: f.range,
        message: `Port ${f.label} of ExternalName Service ${displayName(svc)} has no protocol Istio recognises (or is named just "tcp"). Istio does not sniff traffic to ${external}, so it is handled as opaque TCP and HTTP routes or TLS settings for it do not apply as intended. Name it e.g. https-<name> or tls-<name>, or set appProtocol.`,
        fixes: namingFixes(svc, f, ['https', 'tls', 'http']),
      });
    }
  },
};
