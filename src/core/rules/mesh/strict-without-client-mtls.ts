// MTLS602: with auto-mTLS off, clients only send mTLS when a DestinationRule says ISTIO_MUTUAL. A STRICT
// workload behind a Service that no DestinationRule covers with TLS receives plaintext and rejects it
// (Kiali KIA0401/KIA0501, retired IST0113). Reported on the PeerAuthentication that makes it STRICT, with a
// fix that adds the missing DestinationRule; when a DestinationRule exists but sets no TLS (hiding a wider
// ISTIO_MUTUAL rule), it is reported there instead.
import type { Rule } from '../rule';
import { fix, fixes } from '../fix';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { describeStep, describeTarget, groupPairs, tlsPairsOf, type TlsPair } from '../../mesh/tls-pairing';
import { appendDocument, more, relatedTo } from './util';

export const strictWithoutClientMtls: Rule = {
  meta: {
    id: 'MTLS602',
    title: 'STRICT workload but clients send plaintext (auto-mTLS off, no ISTIO_MUTUAL DestinationRule)',
    defaultSeverity: 'error',
    kiali: 'KIA0501',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS602', [tlsPairsOf(view), view.mesh], (ctx) => {
      if (view.mesh.autoMtls) return;
      const bad = tlsPairsOf(view).filter((p) => p.serverMode === 'STRICT' && p.client.mode === undefined && p.subset === undefined);
      const autoNote = view.mesh.source ? `auto-mTLS is off (enableAutoMtls: false in ConfigMap ${view.mesh.source.namespace}/${view.mesh.source.name})` : 'auto-mTLS is off (setting mtlsLens.autoMtls)';
      // A DestinationRule that exists but sets no TLS: report there.
      const hidden = groupPairs(bad, (p) => (p.client.chosen.length ? p.client.resource : undefined));
      for (const [dr, list] of hidden) {
        const first = list[0];
        ctx.report({
          resource: dr,
          path: ['spec', 'host'],
          message:
            `This DestinationRule sets no TLS for ${describeTarget(first)}${more(new Set(list.map(key)).size - 1, 'target')} and ${autoNote}, so clients in namespace ${first.clientNs} send plaintext, ` +
            `which ${describeStep(first.serverStep)} rejects (STRICT). Add trafficPolicy.tls.mode: ISTIO_MUTUAL here; a more specific DestinationRule replaces wider ones rather than inheriting their TLS.`,
          related: relatedFor(first),
        });
      }
      const uncovered = groupPairs(bad, (p) => (!p.client.chosen.length && p.serverStep.resource ? p.serverStep.resource : undefined));
      for (const [pa, list] of uncovered) {
        const services = [...new Map(list.map((p) => [p.service.fqdn, p])).values()];
        const first = list[0];
        const docs = services.map((p) =>
          [
            'apiVersion: networking.istio.io/v1',
            'kind: DestinationRule',
            'metadata:',
            `  name: ${p.service.name}-mtls`,
            `  namespace: ${p.service.namespace}`,
            'spec:',
            `  host: ${p.service.fqdn}`,
            '  trafficPolicy:',
            '    tls:',
            '      mode: ISTIO_MUTUAL',
          ].join('\n'),
        );
        ctx.report({
          resource: pa,
          path: pa.has(['spec', 'mtls', 'mode']) ? ['spec', 'mtls', 'mode'] : undefined,
          message:
            `This PeerAuthentication makes ${describeTarget(first)}${more(services.length - 1, 'Service')} STRICT, but ${autoNote} and no DestinationRule sets ISTIO_MUTUAL for ${first.service.fqdn}, ` +
            `so clients send plaintext and every connection is rejected. Add a DestinationRule with tls.mode ISTIO_MUTUAL for the host, or turn auto-mTLS on.`,
          related: relatedFor(first),
          fixes: fixes(fix(`Add DestinationRule${services.length > 1 ? 's' : ''} with ISTIO_MUTUAL for ${services.map((p) => p.service.name).join(', ')}`, [appendDocument(pa, docs.join('\n---\n'))], true)),
        });
      }
    });
  },
};

function key(p: TlsPair): string {
  return `${p.workload.namespace}/${p.workload.name}:${p.containerPort}`;
}

function relatedFor(p: TlsPair) {
  return [
    ...(p.serverStep.resource ? [relatedTo(p.serverStep.resource, 'makes the workload STRICT', ['spec', 'mtls', 'mode'])] : []),
    relatedTo(p.workload.resource, 'the workload that rejects plaintext'),
    relatedTo(p.service.resource, 'the Service the clients call', p.servicePort.path),
  ];
}
