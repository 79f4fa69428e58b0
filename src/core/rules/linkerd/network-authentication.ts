// MTLS405: Linkerd NetworkAuthentication admission: at least one network; each cidr parseable; every
// except CIDR strictly inside its network.
import type { Rule } from '../rule';
import { NETWORK_AUTHENTICATION_KIND } from '../../model/linkerd';
import { checkNetworks } from './networks';

export const linkerdNetworkAuthentication: Rule = {
  meta: { id: 'MTLS405', title: 'Linkerd NetworkAuthentication networks', defaultSeverity: 'error', kinds: [NETWORK_AUTHENTICATION_KIND] },
  checkResource(res, ctx) {
    checkNetworks(res, ctx, ['spec', 'networks'], true);
  },
};
