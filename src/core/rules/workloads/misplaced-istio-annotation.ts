// MTLS712 (IST0107): an Istio annotation on a kind that does not read it — typically a pod annotation
// written on the Deployment instead of its pod template, so the sidecar never sees it.
import type { Rule } from '../rule';
import { ANNOTATED_KINDS, annotationPath, annotationProblems } from './annotation-check';
import { invisibleToIstio } from './shared';

export const misplacedIstioAnnotation: Rule = {
  meta: { id: 'MTLS712', title: 'Istio annotation on the wrong kind of object', defaultSeverity: 'warning', istio: 'IST0107', kinds: ANNOTATED_KINDS },
  checkResource(res, ctx) {
    if (invisibleToIstio(res, ctx)) return;
    for (const p of annotationProblems(res)) {
      if (p.kind !== 'misplaced') continue;
      const where =
        res.kind === 'Deployment' && p.belongsOn.includes('Pod')
          ? ' Move it to spec.template.metadata.annotations so the pods (and their sidecars) get it.'
          : ` Move it to a ${p.belongsOn.join(' or ')}.`;
      ctx.report({
        resource: res,
        path: annotationPath(p.key),
        key: true,
        message: `The annotation "${p.key}" belongs on ${p.belongsOn.join(', ')}, not on a ${res.kind}; Istio ignores it here.${where}`,
      });
    }
  },
};
