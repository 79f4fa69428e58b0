// MTLS732 (IST0161): the Secret a Gateway server uses as its TLS credential exists but is unusable: the
// key names are wrong, the values are empty, the certificate is not PEM/X.509, or it is outside its
// validity period (at the analysis clock). istiod refuses to serve it, so TLS on that server fails.
import type { Rule } from '../rule';
import { checkGatewayCredential } from '../../mesh/gateway-credential';
import { credentialNames, findSecret, gatewayPods, isIstioGateway, resolveCredential } from './gateway-shared';
import { displayName, invisibleToIstio, relatedTo } from './shared';

export const gatewayCredentialInvalid: Rule = {
  meta: { id: 'MTLS732', title: 'Gateway credential Secret is invalid or expired', defaultSeverity: 'error', istio: 'IST0161' },
  checkIndex(index, ctx) {
    for (const gw of index.ofKind('networking.istio.io', 'Gateway')) {
      if (!isIstioGateway(gw) || invisibleToIstio(gw, ctx)) continue;
      const pods = gatewayPods(index, gw, ctx);
      if (!pods) continue;
      for (const cn of credentialNames(gw)) {
        const { namespace, name } = resolveCredential(cn.name, pods.namespace);
        const secret = findSecret(index, namespace, name, ctx);
        if (!secret) continue;
        const verdict = checkGatewayCredential(secret, ctx.settings.now);
        if (verdict.ok) continue;
        ctx.report({
          resource: gw,
          path: cn.path,
          message: `Gateway ${displayName(gw)} uses Secret ${namespace}/${name} as its TLS credential, but ${verdict.problem}. istiod will not serve it, so TLS handshakes on this server fail. Replace the Secret with a valid certificate and key (tls.crt/tls.key).`,
          related: [relatedTo(secret, `Secret ${namespace}/${name}: ${verdict.problem}`, verdict.certKey ? ['data', verdict.certKey] : undefined)],
        });
      }
    }
  },
};
