// MTLS222: a Gateway server may take its certificate from exactly one place; Istio rejects (IST0106)
// more than one of serverCertificate+privateKey, credentialName, credentialNames, tlsCertificates.
import type { Rule } from '../../rule';
import { KIND, gatewayServerTls, str, stringList } from '../../../model/istio';
import { displayName, reportSchemaError } from '../common';
import { serverLabel } from './cert-fields';

export const multipleCertSources: Rule = {
  meta: { id: 'MTLS222', title: 'Gateway server with several certificate sources', defaultSeverity: 'error', istio: 'IST0106', kinds: [KIND.Gateway] },
  checkResource(res, ctx) {
    for (const t of gatewayServerTls(res)) {
      if (t.mode === 'ISTIO_MUTUAL') continue; // MTLS220 covers every certificate field there
      const sources: string[] = [];
      if (str(t.tls.serverCertificate) && str(t.tls.privateKey)) sources.push('serverCertificate/privateKey');
      if (str(t.tls.credentialName)) sources.push('credentialName');
      if (stringList(t.tls.credentialNames).length > 0) sources.push('credentialNames');
      if (Array.isArray(t.tls.tlsCertificates) && t.tls.tlsCertificates.length > 0) sources.push('tlsCertificates');
      if (sources.length < 2) continue;
      reportSchemaError(ctx, res, t.path,
        `Gateway ${displayName(res)} ${serverLabel(t)} takes its certificate from ${sources.join(' and ')}; Istio allows only one source and rejects the Gateway. Keep one (credentialName is the usual choice).`,
        { key: true });
    }
  },
};
