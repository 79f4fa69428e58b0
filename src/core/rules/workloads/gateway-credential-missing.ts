// MTLS731 (IST0101): a Gateway server's `tls.credentialName` names a Secret that does not exist in the
// namespace of the gateway pods (where istiod looks, not the Gateway's namespace). The listener cannot
// get its certificate, so TLS on that port fails.
import type { Rule } from '../rule';
import { fix, fixes, replaceValue } from '../fix';
import { closest } from '../../mesh/suggest';
import { certificatesBySecret, credentialNames, findSecret, gatewayPods, isIstioGateway, resolveCredential } from './gateway-shared';
import { displayName, invisibleToIstio, namespaceOf, relatedTo } from './shared';

export const gatewayCredentialMissing: Rule = {
  meta: { id: 'MTLS731', title: 'Gateway credential Secret not found', defaultSeverity: 'error', istio: 'IST0101' },
  checkIndex(index, ctx) {
    const anySecrets = index.ofKind('', 'Secret').length > 0;
    const bySecret = certificatesBySecret(index, ctx.settings.defaultNamespace);
    for (const gw of index.ofKind('networking.istio.io', 'Gateway')) {
      if (!isIstioGateway(gw) || invisibleToIstio(gw, ctx)) continue;
      const pods = gatewayPods(index, gw, ctx);
      if (!pods) continue; // MTLS730 reports the selector
      for (const cn of credentialNames(gw)) {
        const { namespace, name } = resolveCredential(cn.name, pods.namespace);
        if (findSecret(index, namespace, name, ctx)) continue;
        // A cert-manager Certificate that writes this Secret in that namespace will create it.
        if (bySecret.has(`${namespace}/${name}`)) continue;
        const inNamespace = index.ofKind('', 'Secret').filter((s) => namespaceOf(s, ctx) === namespace).map((s) => s.name);
        const suggestion = closest(name, inNamespace);
        const elsewhere = index.ofKind('', 'Secret').find((s) => s.name === name);
        const where = pods.via === 'default-ingress' ? `the default ingress gateway's namespace ${namespace}` : `namespace ${namespace}, where the gateway pods run`;
        let message = `Gateway ${displayName(gw)} reads TLS credential "${name}" from ${where}, but no Secret of that name exists there, so this server cannot present a certificate and TLS handshakes fail.`;
        if (elsewhere) message += ` A Secret "${name}" exists in namespace ${namespaceOf(elsewhere, ctx)}; gateways read credentials from their pods' namespace, so create it in ${namespace}.`;
        else if (suggestion) message += ` Did you mean "${suggestion}"?`;
        else if (!anySecrets) message += ' (No Secrets are among the analysed files; if it is created elsewhere, ignore this.)';
        const related = [];
        if (pods.source) related.push(relatedTo(pods.source, `gateway pods run in namespace ${pods.namespace}`));
        if (elsewhere) related.push(relatedTo(elsewhere, `Secret ${name} in namespace ${namespaceOf(elsewhere, ctx)}`));
        ctx.report({
          resource: gw,
          path: cn.path,
          severity: anySecrets ? 'error' : 'warning',
          message,
          related,
          fixes: suggestion && !cn.name.includes('/') ? fixes(fix(`Use Secret ${suggestion}`, [replaceValue(gw, cn.path, JSON.stringify(suggestion))], true)) : undefined,
        });
      }
    }
  },
};
