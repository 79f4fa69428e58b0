// MTLS710 (IST0108): an annotation in an istio.io domain that Istio does not define. Usually a typo,
// so the setting the author meant (often an injection or traffic-capture setting) silently does nothing.
import type { Rule } from '../rule';
import { fix, fixes } from '../fix';
import { knownAnnotationNames } from '../../mesh/istio-annotations';
import { ANNOTATED_KINDS, annotationPath, annotationProblems } from './annotation-check';
import { closest } from '../../mesh/suggest';
import { invisibleToIstio } from './shared';

export const unknownIstioAnnotation: Rule = {
  meta: { id: 'MTLS710', title: 'Unknown Istio annotation', defaultSeverity: 'warning', istio: 'IST0108', kinds: ANNOTATED_KINDS },
  checkResource(res, ctx) {
    if (invisibleToIstio(res, ctx)) return;
    for (const p of annotationProblems(res)) {
      if (p.kind !== 'unknown') continue;
      const suggestion = closest(p.key, knownAnnotationNames());
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : ' Check the name against Istio\'s annotation reference.';
      const keyOffsets = res.offsetsOf(annotationPath(p.key));
      const keyRange = res.keyRangeOf(annotationPath(p.key));
      ctx.report({
        resource: res,
        path: annotationPath(p.key),
        key: true,
        message: `Istio does not know the annotation "${p.key}", so it has no effect on this ${res.kind}'s proxy or mesh settings.${hint}`,
        fixes: suggestion && keyOffsets ? fixes(fix(`Rename to ${suggestion}`, [{ file: res.file, range: keyRange, newText: suggestion }], true)) : undefined,
      });
    }
  },
};
