// MTLS201 / IST0129: port-level trafficPolicy TLS SIMPLE or MUTUAL without server certificate verification.
import type { Rule } from '../../rule';
import { KIND } from '../../../model/istio';
import { checkCaVerification } from './ca-verification';

export const noCaPortLevel: Rule = {
  meta: {
    id: 'MTLS201',
    title: 'Port-level DestinationRule TLS without server certificate verification',
    defaultSeverity: 'warning',
    istio: 'IST0129',
    kinds: [KIND.DestinationRule],
  },
  checkResource: (res, ctx) => checkCaVerification(res, ctx, 'port'),
};
