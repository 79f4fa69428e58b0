// MTLS403: Linkerd MeshTLSAuthentication admission: exactly one of identities/identityRefs, non-empty;
// each identity a valid SPIFFE ID or DNS-like Linkerd identity (the bad part is underlined); identityRefs
// of kind ServiceAccount, or Namespace without a namespace field.
import type { Rule } from '../rule';
import { MESH_TLS_AUTHENTICATION_KIND } from '../../model/linkerd';
import { linkerdIdentityProblem, repairSpiffeId } from '../../spiffe';
import { valueSubRange } from '../spiffe/value-range';
import { fix, fixes, replaceValue } from '../fix';
import { describe, REJECTED } from './common';

export const linkerdMeshTlsAuthentication: Rule = {
  meta: { id: 'MTLS403', title: 'Linkerd MeshTLSAuthentication identities', defaultSeverity: 'error', kinds: [MESH_TLS_AUTHENTICATION_KIND] },
  checkResource(res, ctx) {
    const spec = res.get(['spec']) ?? {};
    const ids = spec.identities;
    const refs = spec.identityRefs;
    const hasIds = Array.isArray(ids) && ids.length > 0;
    const hasRefs = Array.isArray(refs) && refs.length > 0;
    if (hasIds === hasRefs) {
      ctx.report({
        resource: res,
        path: hasIds ? ['spec', 'identityRefs'] : ['spec'],
        key: true,
        message: `${describe(res)} must set exactly one of identities or identityRefs, with at least one entry (it sets ${hasIds ? 'both' : 'neither'}); ${REJECTED}.`,
      });
    }
    if (Array.isArray(ids)) {
      ids.forEach((value: unknown, i: number) => {
        const path = ['spec', 'identities', i];
        const text = String(value ?? '');
        const problem = linkerdIdentityProblem(text);
        if (!problem) return;
        const repaired = repairSpiffeId(text);
        ctx.report({
          resource: res,
          range: valueSubRange(res, path, problem.start, problem.end),
          message: `identities[${i}] "${text}" is neither a SPIFFE ID nor a Linkerd identity name: ${problem.message}; ${REJECTED}. Use spiffe://<trust-domain>/ns/<namespace>/sa/<serviceaccount> or <serviceaccount>.<namespace>.serviceaccount.identity.linkerd.<trust-domain>.`,
          fixes: repaired ? fixes(fix(`Write ${repaired}`, [replaceValue(res, path, repaired)], true)) : undefined,
        });
      });
    }
    if (Array.isArray(refs)) {
      refs.forEach((ref: any, i: number) => {
        const kind = String(ref?.kind ?? '');
        if (kind.toLowerCase() === 'serviceaccount') return;
        if (kind.toLowerCase() === 'namespace') {
          if (ref.namespace !== undefined) {
            ctx.report({
              resource: res,
              path: ['spec', 'identityRefs', i, 'namespace'],
              key: true,
              message: `identityRefs[${i}] is a Namespace, which is cluster-scoped, so it must not set namespace; ${REJECTED}.`,
            });
          }
          return;
        }
        ctx.report({
          resource: res,
          path: ['spec', 'identityRefs', i, 'kind'],
          message: `identityRefs[${i}] has the kind "${kind}"; only ServiceAccount and Namespace name mTLS identities, and ${REJECTED}.`,
        });
      });
    }
  },
};
