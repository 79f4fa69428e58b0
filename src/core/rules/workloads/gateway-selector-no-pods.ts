// MTLS730 (IST0101): an Istio Gateway whose selector matches no gateway pod. Its servers (and their TLS
// settings) are then programmed nowhere: the TLS endpoint it describes does not exist.
import type { Rule } from '../rule';
import { gatewayPods, gatewaySelector, isIstioGateway } from './gateway-shared';
import { displayName, invisibleToIstio, relatedTo } from './shared';

export const gatewaySelectorNoPods: Rule = {
  meta: { id: 'MTLS730', title: 'Gateway selector matches no gateway pod', defaultSeverity: 'error', istio: 'IST0101' },
  checkIndex(index, ctx) {
    for (const gw of index.ofKind('networking.istio.io', 'Gateway')) {
      if (!isIstioGateway(gw) || invisibleToIstio(gw, ctx)) continue;
      const pods = gatewayPods(index, gw, ctx);
      if (pods && pods.via !== 'template') continue;
      const selector = Object.entries(gatewaySelector(gw))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      if (pods?.via === 'template') {
        ctx.report({
          resource: gw,
          path: ['spec', 'selector'],
          severity: 'info',
          message: `No Pod matches the selector (${selector}) of Gateway ${displayName(gw)}; only the pod template of ${pods.source!.kind} ${pods.source!.name} does, so istioctl analyze reports this until its pods run. Its credentials are checked in namespace ${pods.namespace}, where those pods will run.`,
          related: [relatedTo(pods.source!, `${pods.source!.kind} ${pods.source!.name} will run the gateway pods`)],
        });
        continue;
      }
      ctx.report({
        resource: gw,
        path: ['spec', 'selector'],
        message: `The selector (${selector || 'empty'}) of Gateway ${displayName(gw)} matches no gateway pod, so no proxy serves its servers and their TLS settings take effect nowhere. Point it at the labels of your gateway deployment (e.g. istio: ingressgateway).`,
      });
    }
  },
};
