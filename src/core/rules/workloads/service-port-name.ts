// MTLS720 (IST0118): a Service port whose protocol Istio cannot derive from `appProtocol` or the name
// prefix (http-, grpc-, tcp-, tls-, ...). Istio then sniffs the protocol: server-first protocols stall,
// and traffic sniffed as TCP gets none of the HTTP-level authorization (paths, methods, JWT principals).
import type { Rule } from '../rule';
import { flaggedPorts, namingFixes } from './service-port-checks';
import { displayName } from './shared';

export const servicePortName: Rule = {
  meta: { id: 'MTLS720', title: 'Service port has no protocol Istio can recognise', defaultSeverity: 'info', istio: 'IST0118', kinds: ['/Service'] },
  checkResource(svc, ctx) {
    for (const f of flaggedPorts(svc, ctx, false) ?? []) {
      ctx.report({
        resource: svc,
        range: f.range,
        message: `Port ${f.label} of Service ${displayName(svc)} does not tell Istio its protocol (name it <protocol>[-suffix] with http, http2, grpc, grpc-web, https, tls, tcp, mongo, mysql or redis, or set appProtocol). Istio falls back to protocol sniffing: server-first protocols can hang, and traffic treated as TCP skips HTTP-level authorization rules.`,
        fixes: namingFixes(svc, f, ['http', 'tcp']),
      });
    }
  },
};
