// MTLS804: a cert-manager Certificate writes the Secret an Istio Gateway uses as credentialName, but in a
// different namespace than the gateway pods, which only read Secrets from their own namespace. The
// gateway keeps failing TLS (IST0101) although "the certificate exists". Reported on the Certificate,
// where the fix (its namespace) belongs.
import type { Rule } from '../rule';
import { fix, fixes, replaceValue } from '../fix';
import { asCertificate, CERT_MANAGER_GROUP } from '../../model/certmanager';
import { certificatesBySecret, credentialNames, findSecret, gatewayPods, isIstioGateway, resolveCredential } from './gateway-shared';
import { displayName, relatedTo } from './shared';

export const certificateSecretGatewayNamespace: Rule = {
  meta: { id: 'MTLS804', title: 'Certificate for a gateway is issued into the wrong namespace', defaultSeverity: 'error' },
  checkIndex(index, ctx) {
    if (!index.ofKind(CERT_MANAGER_GROUP, 'Certificate').length) return;
    const bySecret = certificatesBySecret(index, ctx.settings.defaultNamespace);
    for (const gw of index.ofKind('networking.istio.io', 'Gateway')) {
      if (!isIstioGateway(gw)) continue;
      const pods = gatewayPods(index, gw, ctx);
      if (!pods) continue;
      for (const cn of credentialNames(gw)) {
        if (cn.name.includes('/')) continue;
        const { namespace, name } = resolveCredential(cn.name, pods.namespace);
        if (findSecret(index, namespace, name, ctx) || bySecret.has(`${namespace}/${name}`)) continue;
        for (const res of index.ofKind(CERT_MANAGER_GROUP, 'Certificate')) {
          const cert = asCertificate(res, ctx.settings.defaultNamespace);
          if (!cert || cert.secretName !== name || cert.namespace === namespace) continue;
          const nsPath = ['metadata', 'namespace'];
          ctx.report({
            resource: res,
            path: res.has(nsPath) ? nsPath : ['metadata', 'name'],
            message: `Certificate ${displayName(res)} writes Secret "${name}" in namespace ${cert.namespace}, but Gateway ${displayName(gw)} reads its TLS credential "${name}" from namespace ${namespace}, where its gateway pods run. The gateway cannot see this Secret, so its TLS server has no certificate. Create the Certificate in namespace ${namespace}.`,
            related: [relatedTo(gw, `Gateway ${displayName(gw)} uses credentialName ${name}`, cn.path), ...(pods.source ? [relatedTo(pods.source, `gateway pods run in ${namespace}`)] : [])],
            fixes: res.has(nsPath) ? fixes(fix(`Move the Certificate to namespace ${namespace}`, [replaceValue(res, nsPath, namespace)], true)) : undefined,
          });
        }
      }
    }
  },
};
