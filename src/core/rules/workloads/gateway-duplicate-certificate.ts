// MTLS733 (IST0138): two Gateways on the same gateway pods (this one's selector is a subset of the
// other's) serve TLS with the same certificate. Envoy then has two filter chains for the same
// certificate and the SNI match becomes ambiguous: one host may be served by the wrong server block.
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import { gatewaySelector, isIstioGateway } from './gateway-shared';
import { displayName, invisibleToIstio, relatedTo } from './shared';

export const gatewayDuplicateCertificate: Rule = {
  meta: { id: 'MTLS733', title: 'Gateways on the same pods share a certificate', defaultSeverity: 'warning', istio: 'IST0138' },
  checkIndex(index, ctx) {
    const gateways = index.ofKind('networking.istio.io', 'Gateway').filter((g) => isIstioGateway(g) && !invisibleToIstio(g, ctx));
    for (const current of gateways) {
      const selector = gatewaySelector(current);
      for (const other of gateways) {
        if (other === current || !isSubset(selector, gatewaySelector(other))) continue;
        const shared = sharedCertificate(current, other);
        if (!shared) continue;
        ctx.report({
          resource: current,
          path: ['metadata', 'name'],
          message: `Gateway ${displayName(current)} and Gateway ${displayName(other)} run on the same gateway pods and both serve TLS with ${shared}. Duplicate certificates across Gateways make the SNI match ambiguous, so a host can be answered by the other Gateway's server. Serve both hosts from one server, or give each its own certificate.`,
          related: [relatedTo(other, `Gateway ${displayName(other)} uses the same certificate`)],
        });
      }
    }
  },
};

/** Every key of `x` is in `y` with the same value (an empty `x` is a subset of anything). */
function isSubset(x: Record<string, string>, y: Record<string, string>): boolean {
  return Object.entries(x).every(([k, v]) => k in y && y[k] === v);
}

function tlsOf(gw: Resource): Record<string, any>[] {
  const servers = gw.get(['spec', 'servers']);
  return Array.isArray(servers) ? servers.map((s: any) => s?.tls).filter((t: any) => t && typeof t === 'object') : [];
}

function sharedCertificate(a: Resource, b: Resource): string | undefined {
  for (const x of tlsOf(a)) {
    for (const y of tlsOf(b)) {
      const cx = str(x.credentialName);
      const cy = str(y.credentialName);
      if (cx && cy) {
        if (cx === cy) return `credential "${cx}"`;
        continue;
      }
      if (!cx && !cy && str(x.serverCertificate) && str(x.serverCertificate) === str(y.serverCertificate) && str(x.privateKey) && str(x.privateKey) === str(y.privateKey)) {
        return `certificate file ${x.serverCertificate}`;
      }
    }
  }
  return undefined;
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}
