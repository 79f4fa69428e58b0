// MTLS406: legacy Linkerd ServerAuthorization: server with exactly one of name/selector; a client; meshTLS
// not combined with unauthenticated: true; unauthenticatedTLS not combined with identities or
// serviceAccounts; identities syntax; networks/except CIDRs.
import type { Rule } from '../rule';
import { SERVER_AUTHORIZATION_KIND } from '../../model/linkerd';
import { linkerdIdentityProblem } from '../../spiffe';
import { valueSubRange } from '../spiffe/value-range';
import { describe, REJECTED } from './common';
import { checkNetworks } from './networks';

export const linkerdServerAuthorization: Rule = {
  meta: { id: 'MTLS406', title: 'Linkerd ServerAuthorization server and client', defaultSeverity: 'error', kinds: [SERVER_AUTHORIZATION_KIND] },
  checkResource(res, ctx) {
    const spec = res.get(['spec']) ?? {};
    const server = spec.server;
    const targets = server && typeof server === 'object' ? ['name', 'selector'].filter((k) => server[k] != null) : [];
    if (targets.length !== 1) {
      ctx.report({
        resource: res,
        path: targets.length ? ['spec', 'server', 'selector'] : ['spec', 'server'],
        key: targets.length > 0,
        message: `spec.server must set exactly one of name or selector (it sets ${targets.length ? 'both' : 'neither'}); ${REJECTED}.`,
      });
    }
    const client = spec.client;
    if (!client || typeof client !== 'object') {
      ctx.report({ resource: res, path: ['spec', 'client'], message: `${describe(res)} has no spec.client; ${REJECTED}. Say which clients are allowed (meshTLS identities, or unauthenticated).` });
      return;
    }
    const mtls = client.meshTLS;
    if (mtls != null && client.unauthenticated === true) {
      ctx.report({
        resource: res,
        path: ['spec', 'client', 'unauthenticated'],
        key: true,
        message: `client.meshTLS and client.unauthenticated: true are mutually exclusive; ${REJECTED}. Keep meshTLS to require mTLS identities.`,
      });
    }
    if (mtls && typeof mtls === 'object') {
      const named = ['identities', 'serviceAccounts'].filter((k) => Array.isArray(mtls[k]) && mtls[k].length > 0);
      if (mtls.unauthenticatedTLS === true && named.length) {
        ctx.report({
          resource: res,
          path: ['spec', 'client', 'meshTLS', 'unauthenticatedTLS'],
          key: true,
          message: `meshTLS.unauthenticatedTLS: true cannot be combined with ${named.join(' or ')}; ${REJECTED}.`,
        });
      }
      if (Array.isArray(mtls.identities)) {
        mtls.identities.forEach((value: unknown, i: number) => {
          const path = ['spec', 'client', 'meshTLS', 'identities', i];
          const problem = linkerdIdentityProblem(String(value ?? ''));
          if (!problem) return;
          ctx.report({
            resource: res,
            range: valueSubRange(res, path, problem.start, problem.end),
            message: `meshTLS.identities[${i}] "${String(value)}" is not a valid identity: ${problem.message}; ${REJECTED}.`,
          });
        });
      }
    }
    checkNetworks(res, ctx, ['spec', 'client', 'networks'], false);
  },
};
