// MTLS713 (IST0125): an injection annotation whose value the sidecar injector rejects. Injection then
// fails: the stock webhook (failurePolicy Fail) rejects the pod; with Ignore it starts without a sidecar.
import type { Rule } from '../rule';
import { ANNOTATED_KINDS, annotationPath, annotationProblems } from './annotation-check';
import { invisibleToIstio } from './shared';

export const invalidIstioAnnotation: Rule = {
  meta: { id: 'MTLS713', title: 'Invalid Istio annotation value', defaultSeverity: 'warning', istio: 'IST0125', kinds: ANNOTATED_KINDS },
  checkResource(res, ctx) {
    if (invisibleToIstio(res, ctx)) return;
    for (const p of annotationProblems(res)) {
      if (p.kind !== 'invalid') continue;
      ctx.report({
        resource: res,
        path: annotationPath(p.key),
        message: `Invalid value for "${p.key}": ${p.detail}. Injection fails on such a pod: the injection webhook rejects it (or, with failurePolicy Ignore, it starts without a sidecar and outside mTLS). Fix the value.`,
      });
    }
  },
};
