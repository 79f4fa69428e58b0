// MTLS400: Linkerd settings written as labels. Linkerd reads `config.linkerd.io/*`,
// `config.alpha.linkerd.io/*` and `linkerd.io/inject` only from annotations, so as labels they are silently
// ignored (no proxy is injected, opaque ports and default policies do not apply). `linkerd check` warns
// about it for pods and Services; this rule also looks at pod templates. The fix moves the entry.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { asWorkload, WORKLOAD_KINDS } from '../../mesh/workloads';
import { isLinkerdAnnotationKey } from '../../model/linkerd';
import { addMapEntry, fix, fixes, removePair } from '../fix';
import { describe, scalar } from './common';

const GROUPS: Record<string, string> = { Pod: '', Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps', Job: 'batch', CronJob: 'batch' };

export const linkerdLabelsAsAnnotations: Rule = {
  meta: {
    id: 'MTLS400',
    title: 'Linkerd setting written as a label instead of an annotation',
    defaultSeverity: 'warning',
    kinds: [...WORKLOAD_KINDS.map((k) => `${GROUPS[k]}/${k}`), '/Service'],
  },
  checkResource(res, ctx) {
    if (res.kind === 'Service' && res.group === '') return check(res, ctx, ['metadata'], 'Service');
    const w = asWorkload(res, ctx.settings.defaultNamespace);
    if (w) check(res, ctx, [...w.templatePath, 'metadata'], w.templatePath.length ? 'pod template' : 'Pod');
  },
};

/** Move `key` from labels to annotations (or just drop the label when the annotation already exists). */
export function moveEntry(res: Resource, metaPath: FieldPath, from: 'labels' | 'annotations', key: string) {
  const to = from === 'labels' ? 'annotations' : 'labels';
  const value = res.get([...metaPath, from, key]);
  const target = res.get([...metaPath, to]);
  const already = target && typeof target === 'object' && Object.prototype.hasOwnProperty.call(target, key);
  const remove = removePair(res, [...metaPath, from, key]);
  const add = already ? undefined : addMapEntry(res, [...metaPath, to], scalar(key), scalar(String(value ?? '')));
  return already
    ? fix(`Remove the ${from === 'labels' ? 'label' : 'annotation'} (the ${to === 'labels' ? 'label' : 'annotation'} already exists)`, [remove], true)
    : fix(`Move ${key} to ${to}`, [remove, add], true);
}

function check(res: Resource, ctx: RuleContext, metaPath: FieldPath, where: string): void {
  const labels = res.get([...metaPath, 'labels']);
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return;
  for (const key of Object.keys(labels)) {
    if (!isLinkerdAnnotationKey(key)) continue;
    const effect = key === 'linkerd.io/inject'
      ? 'no Linkerd proxy is injected because of it, so this workload gets no mTLS identity'
      : 'the proxy ignores it, so the setting (and any mTLS or policy behaviour it controls) does not apply';
    ctx.report({
      resource: res,
      path: [...metaPath, 'labels', key],
      key: true,
      message: `${key} is a label on the ${where} of ${describe(res)}, but Linkerd reads it only from annotations: ${effect}. Move it to metadata.annotations.`,
      fixes: fixes(moveEntry(res, metaPath, 'labels', key)),
    });
  }
}
