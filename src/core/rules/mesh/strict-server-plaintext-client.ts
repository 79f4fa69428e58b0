// MTLS600: a DestinationRule makes clients send plaintext (DISABLE) or non-Istio TLS (SIMPLE) to a
// workload whose effective PeerAuthentication is STRICT on that port. Reported on the DestinationRule,
// where the fix belongs; the deciding PeerAuthentication is the related location.
import type { Rule } from '../rule';
import { fix, fixes, removePair, replaceValue } from '../fix';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { describeStep, describeTarget, tlsPairsOf } from '../../mesh/tls-pairing';
import { more, relatedTo } from './util';
import { tlsConflicts } from './tls-conflicts';

export const strictServerPlaintextClient: Rule = {
  meta: {
    id: 'MTLS600',
    title: 'DestinationRule sends plaintext or plain TLS to a STRICT mTLS workload',
    defaultSeverity: 'error',
    kiali: 'KIA0207',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS600', [tlsPairsOf(view), view.mesh], (ctx) => {
      for (const { first, dr, tlsPath, modePath, targets, certEdits } of tlsConflicts(view, (p) => p.serverMode === 'STRICT' && (p.client.mode === 'DISABLE' || p.client.mode === 'SIMPLE'))) {
        const what = first.client.mode === 'DISABLE' ? 'plaintext (tls.mode DISABLE)' : 'TLS without an Istio client certificate (tls.mode SIMPLE)';
        ctx.report({
          resource: dr,
          path: modePath,
          message:
            `This DestinationRule makes clients in namespace ${first.clientNs} send ${what} to ${describeTarget(first)}${more(targets.size - 1, 'workload')}, ` +
            `but ${describeStep(first.serverStep)} requires mTLS there (STRICT), so those connections are rejected. ` +
            `Use tls.mode ISTIO_MUTUAL${view.mesh.autoMtls ? ', or remove the tls block and let auto-mTLS choose' : ''}.`,
          related: [
            ...(first.serverStep.resource ? [relatedTo(first.serverStep.resource, 'makes the workload STRICT', ['spec', 'mtls', 'mode'])] : []),
            relatedTo(first.workload.resource, 'the workload that rejects the traffic'),
            relatedTo(first.service.resource, 'the Service the clients call', first.servicePort.path),
          ],
          fixes: fixes(
            fix('Set tls.mode to ISTIO_MUTUAL', [replaceValue(dr, modePath, 'ISTIO_MUTUAL'), ...certEdits], true),
            view.mesh.autoMtls ? fix('Remove the tls block (auto-mTLS sends mTLS to STRICT workloads)', [removePair(dr, tlsPath)]) : undefined,
          ),
        });
      }
    });
  },
};
