// MTLS711 (IST0135): a deprecated Istio annotation. The important one is `sidecar.istio.io/inject`:
// the injection webhooks select on the label, so the annotation alone can never opt a pod in.
import type { Rule } from '../rule';
import { ANNOTATED_KINDS, annotationPath, annotationProblems } from './annotation-check';
import { invisibleToIstio } from './shared';

export const deprecatedIstioAnnotation: Rule = {
  meta: { id: 'MTLS711', title: 'Deprecated Istio annotation', defaultSeverity: 'info', istio: 'IST0135', kinds: ANNOTATED_KINDS },
  checkResource(res, ctx) {
    if (invisibleToIstio(res, ctx)) return;
    for (const p of annotationProblems(res)) {
      if (p.kind !== 'deprecated') continue;
      const message =
        p.key === 'sidecar.istio.io/inject'
          ? `The annotation "${p.key}" is deprecated: the injection webhooks select pods by the label of the same name, so the annotation cannot opt a pod into the mesh (it can only opt out). Use the label sidecar.istio.io/inject instead.`
          : `The annotation "${p.key}" is deprecated and may be ignored by current Istio releases; remove it or use the setting that replaces it (see Istio's annotation reference).`;
      ctx.report({ resource: res, path: annotationPath(p.key), key: true, message });
    }
  },
};
