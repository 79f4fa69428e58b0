// MTLS200 / IST0128: top-level trafficPolicy.tls SIMPLE or MUTUAL without server certificate verification.
import type { Rule } from '../../rule';
import { KIND } from '../../../model/istio';
import { checkCaVerification } from './ca-verification';

export const noCaDestinationLevel: Rule = {
  meta: {
    id: 'MTLS200',
    title: 'DestinationRule TLS without server certificate verification',
    defaultSeverity: 'warning',
    istio: 'IST0128',
    kinds: [KIND.DestinationRule],
  },
  checkResource: (res, ctx) => checkCaVerification(res, ctx, 'destination'),
};
