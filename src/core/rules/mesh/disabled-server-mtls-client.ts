// MTLS601: a DestinationRule makes clients originate mTLS (ISTIO_MUTUAL or MUTUAL) to a workload whose
// effective PeerAuthentication is DISABLE on that port: the server's sidecar expects plaintext, so the
// TLS handshake goes to the application and fails. Reported on the DestinationRule.
import type { Rule } from '../rule';
import { fix, fixes, removePair, replaceValue } from '../fix';
import { memoReports } from './memo';
import { meshView } from '../../mesh/view';
import { describeStep, describeTarget, tlsPairsOf } from '../../mesh/tls-pairing';
import { more, relatedTo } from './util';
import { tlsConflicts } from './tls-conflicts';

export const disabledServerMtlsClient: Rule = {
  meta: {
    id: 'MTLS601',
    title: 'DestinationRule sends mTLS to a workload whose PeerAuthentication disables mTLS',
    defaultSeverity: 'error',
    kiali: 'KIA0505',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS601', [tlsPairsOf(view), view.mesh], (ctx) => {
      for (const { first, dr, tlsPath, modePath, targets, certEdits } of tlsConflicts(view, (p) => p.serverMode === 'DISABLE' && (p.client.mode === 'ISTIO_MUTUAL' || p.client.mode === 'MUTUAL'))) {
        ctx.report({
          resource: dr,
          path: modePath,
          message:
            `This DestinationRule makes clients in namespace ${first.clientNs} send mTLS (tls.mode ${first.client.mode}) to ${describeTarget(first)}${more(targets.size - 1, 'workload')}, ` +
            `but ${describeStep(first.serverStep)} turns mTLS off there (DISABLE), so the handshake reaches the application and the connection fails. ` +
            (view.mesh.autoMtls
              ? 'Remove the tls block (auto-mTLS then sends plaintext to that port), or set tls.mode DISABLE, or relax the PeerAuthentication to PERMISSIVE.'
              : 'Set tls.mode DISABLE, or relax the PeerAuthentication to PERMISSIVE.'),
          related: [
            ...(first.serverStep.resource ? [relatedTo(first.serverStep.resource, 'disables mTLS on the workload', ['spec', 'mtls', 'mode'])] : []),
            relatedTo(first.workload.resource, 'the workload that expects plaintext'),
            relatedTo(first.service.resource, 'the Service the clients call', first.servicePort.path),
          ],
          fixes: fixes(
            view.mesh.autoMtls ? fix('Remove the tls block (let auto-mTLS match the server)', [removePair(dr, tlsPath)], true) : undefined,
            fix('Set tls.mode to DISABLE', [replaceValue(dr, modePath, 'DISABLE'), ...certEdits], !view.mesh.autoMtls),
          ),
        });
      }
    });
  },
};
