// MTLS402: Linkerd AuthorizationPolicy admission: a targetRef (Server, Namespace, HTTPRoute or GRPCRoute;
// a Namespace target must be the policy's own namespace) and requiredAuthenticationRefs with at most one
// MeshTLSAuthentication, one ServiceAccount, one NetworkAuthentication, and not a MeshTLSAuthentication
// together with a ServiceAccount.
import type { Rule } from '../rule';
import { AUTHORIZATION_POLICY_KIND } from '../../model/linkerd';
import { describe, REJECTED } from './common';

const TARGETS = ['server', 'namespace', 'httproute', 'grpcroute'];
const AUTHN = ['meshtlsauthentication', 'serviceaccount', 'networkauthentication'];

export const linkerdAuthorizationPolicy: Rule = {
  meta: { id: 'MTLS402', title: 'Linkerd AuthorizationPolicy target and authentication references', defaultSeverity: 'error', kinds: [AUTHORIZATION_POLICY_KIND] },
  checkResource(res, ctx) {
    const spec = res.get(['spec']);
    const ns = res.namespace ?? ctx.settings.defaultNamespace;
    const target = spec?.targetRef;
    if (!target || typeof target !== 'object') {
      ctx.report({ resource: res, path: ['spec', 'targetRef'], message: `${describe(res)} has no spec.targetRef; ${REJECTED}. Point it at the Server, HTTPRoute, GRPCRoute or Namespace it protects.` });
    } else {
      const kind = String(target.kind ?? '');
      if (!TARGETS.includes(kind.toLowerCase())) {
        ctx.report({
          resource: res,
          path: ['spec', 'targetRef', 'kind'],
          message: `spec.targetRef.kind "${kind}" is not a supported authorization target (Server, Namespace, HTTPRoute or GRPCRoute); ${REJECTED}.`,
        });
      } else if (kind.toLowerCase() === 'namespace' && target.name !== undefined && String(target.name) !== ns) {
        ctx.report({
          resource: res,
          path: ['spec', 'targetRef', 'name'],
          message: `The policy lives in namespace ${ns} but targets Namespace ${target.name}; a policy cannot target another namespace, and ${REJECTED}. Create it in ${target.name} instead.`,
        });
      }
    }

    const refs = spec?.requiredAuthenticationRefs;
    if (!Array.isArray(refs)) {
      ctx.report({
        resource: res,
        path: ['spec', 'requiredAuthenticationRefs'],
        message: `${describe(res)} has no spec.requiredAuthenticationRefs; ${REJECTED}. List the MeshTLSAuthentication (mTLS identities), ServiceAccount or NetworkAuthentication clients must present; use [] deliberately to allow unauthenticated clients.`,
      });
      return;
    }
    const counts = new Map<string, number[]>();
    refs.forEach((ref: any, i: number) => {
      const kind = String(ref?.kind ?? '').toLowerCase();
      if (!AUTHN.includes(kind)) {
        ctx.report({
          resource: res,
          path: ['spec', 'requiredAuthenticationRefs', i, 'kind'],
          message: `requiredAuthenticationRefs[${i}] has the unsupported kind "${ref?.kind ?? ''}" (use MeshTLSAuthentication, ServiceAccount or NetworkAuthentication); ${REJECTED}.`,
        });
        return;
      }
      counts.set(kind, [...(counts.get(kind) ?? []), i]);
    });
    for (const idx of counts.values()) {
      if (idx.length < 2) continue;
      for (const i of idx.slice(1)) {
        ctx.report({
          resource: res,
          path: ['spec', 'requiredAuthenticationRefs', i],
          message: `requiredAuthenticationRefs lists more than one ${refs[i].kind}; ${REJECTED}. Merge them into one (a MeshTLSAuthentication can list many identities).`,
        });
      }
    }
    const mtls = counts.get('meshtlsauthentication');
    const sa = counts.get('serviceaccount');
    if (mtls && sa) {
      ctx.report({
        resource: res,
        path: ['spec', 'requiredAuthenticationRefs', sa[0]],
        message: `requiredAuthenticationRefs combines a MeshTLSAuthentication with a ServiceAccount; ${REJECTED}. Put the service account into the MeshTLSAuthentication's identityRefs instead.`,
      });
    }
  },
};
