// Classifies the Istio annotations of one object the way `istioctl analyze` does (IST0108 unknown,
// IST0135 deprecated, IST0107 misplaced, IST0125 invalid value). The four rules share this walk so
// they stay consistent: a misplaced annotation is not value-checked, an unknown one is nothing else.
import type { Resource } from '../../yaml/resource';
import { ALWAYS_IGNORED_ANNOTATIONS, ISTIO_ANNOTATIONS, isIstioAnnotation } from '../../mesh/istio-annotations';

/** The kinds Istio's annotation analyzer looks at (their own metadata only, not pod templates). */
export const ANNOTATED_KINDS = ['/Namespace', '/Service', '/Pod', 'apps/Deployment'] as const;

export type AnnotationProblem =
  | { kind: 'unknown'; key: string }
  | { kind: 'deprecated'; key: string; labelAlsoSet: boolean }
  | { kind: 'misplaced'; key: string; belongsOn: readonly string[] }
  | { kind: 'invalid'; key: string; value: string; detail: string };

export function annotationProblems(res: Resource): AnnotationProblem[] {
  const out: AnnotationProblem[] = [];
  for (const [key, value] of Object.entries(res.annotations)) {
    if (!isIstioAnnotation(key) || ALWAYS_IGNORED_ANNOTATIONS.has(key)) continue;
    const info = ISTIO_ANNOTATIONS.get(key);
    if (!info) {
      out.push({ kind: 'unknown', key });
      continue;
    }
    if (info.deprecated) {
      // Istio stays quiet about the inject annotation when the label is set too (the label wins).
      const labelAlsoSet = key === 'sidecar.istio.io/inject' && key in res.labels;
      if (!labelAlsoSet) out.push({ kind: 'deprecated', key, labelAlsoSet });
    }
    if (info.kinds.includes('Any')) continue;
    if (!info.kinds.includes(res.kind)) {
      out.push({ kind: 'misplaced', key, belongsOn: info.kinds });
      continue;
    }
    const detail = info.validate?.(value);
    if (detail) out.push({ kind: 'invalid', key, value, detail });
  }
  return out;
}

export function annotationPath(key: string): (string | number)[] {
  return ['metadata', 'annotations', key];
}
