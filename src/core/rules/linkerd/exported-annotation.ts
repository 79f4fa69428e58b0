// MTLS401: `mirror.linkerd.io/exported` written as a Service annotation. Linkerd multicluster selects
// exported Services by this label only, so as an annotation the Service is never mirrored (and traffic
// across the mTLS-secured gateway never reaches it). `linkerd check` warns about it; the fix moves it.
import type { Rule } from '../rule';
import { MIRROR_EXPORTED } from '../../model/linkerd';
import { fixes } from '../fix';
import { describe } from './common';
import { moveEntry } from './labels-as-annotations';

export const linkerdExportedAnnotation: Rule = {
  meta: { id: 'MTLS401', title: 'mirror.linkerd.io/exported written as an annotation instead of a label', defaultSeverity: 'warning', kinds: ['/Service'] },
  checkResource(res, ctx) {
    const annotations = res.get(['metadata', 'annotations']);
    if (!annotations || typeof annotations !== 'object' || !Object.prototype.hasOwnProperty.call(annotations, MIRROR_EXPORTED)) return;
    ctx.report({
      resource: res,
      path: ['metadata', 'annotations', MIRROR_EXPORTED],
      key: true,
      message: `${MIRROR_EXPORTED} is an annotation on ${describe(res)}, but Linkerd multicluster selects exported Services by label: this Service is not mirrored to linked clusters. Move it to metadata.labels.`,
      fixes: fixes(moveEntry(res, ['metadata'], 'annotations', MIRROR_EXPORTED)),
    });
  },
};
