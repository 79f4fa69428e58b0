// Workloads as the mesh sees them: the pod (template) of every Pod, Deployment, StatefulSet, DaemonSet,
// ReplicaSet, Job and CronJob, with the labels selectors are matched against.
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The API group of each workload kind. */
export const WORKLOAD_GROUP: Record<WorkloadKind, string> = {
  Pod: '',
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
};

/** Where the pod template sits inside each workload kind. */
const TEMPLATE_PATH: Record<WorkloadKind, FieldPath> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface Workload {
  resource: Resource;
  kind: WorkloadKind;
  name: string;
  /** Namespace, with the settings' default namespace filled in. */
  namespace: string;
  /** Path of the pod template in the resource ([] for a Pod). */
  templatePath: FieldPath;
  /** Pod labels (template metadata.labels, or the Pod's own labels). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The pod spec (template spec, or the Pod's spec). */
  podSpec: Record<string, any>;
  serviceAccount: string;
}

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/** Workload views per resource: resources of unchanged files survive an edit, so do their views. */
const views = new WeakMap<Resource, { defaultNamespace: string; workload: Workload | undefined }>();

export function asWorkload(res: Resource, defaultNamespace = 'default'): Workload | undefined {
  const hit = views.get(res);
  if (hit && hit.defaultNamespace === defaultNamespace) return hit.workload;
  const workload = computeWorkload(res, defaultNamespace);
  views.set(res, { defaultNamespace, workload });
  return workload;
}

function computeWorkload(res: Resource, defaultNamespace: string): Workload | undefined {
  if (!isWorkloadKind(res.kind) || res.group !== WORKLOAD_GROUP[res.kind]) return undefined;
  const templatePath = TEMPLATE_PATH[res.kind];
  const template = templatePath.length ? res.get(templatePath) : res.obj;
  if (!template || typeof template !== 'object') return undefined;
  const meta = template.metadata && typeof template.metadata === 'object' ? template.metadata : {};
  const podSpec = template.spec && typeof template.spec === 'object' ? template.spec : {};
  return {
    resource: res,
    kind: res.kind,
    name: res.name,
    namespace: res.namespace ?? defaultNamespace,
    templatePath,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    podSpec,
    serviceAccount: String(podSpec.serviceAccountName ?? podSpec.serviceAccount ?? 'default'),
  };
}

/** Every workload in the index, in index order. */
export function workloadsOf(index: ResourceIndex, defaultNamespace = 'default'): Workload[] {
  const out: Workload[] = [];
  for (const kind of WORKLOAD_KINDS) {
    for (const res of index.ofKind(WORKLOAD_GROUP[kind], kind)) {
      const w = asWorkload(res, defaultNamespace);
      if (w) out.push(w);
    }
  }
  return out;
}

/** Kubernetes equality-based `matchLabels`: every pair must be present (an empty selector matches all). */
export function matchLabels(selector: Record<string, unknown> | undefined | null, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== String(v)) return false;
  return true;
}

/** A full LabelSelector: matchLabels plus matchExpressions (In, NotIn, Exists, DoesNotExist). */
export function matchSelector(selector: any, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== 'object') return true;
  if (!matchLabels(selector.matchLabels, labels)) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e?.key);
    const values: string[] = Array.isArray(e?.values) ? e.values.map(String) : [];
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function stringMap(x: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (x && typeof x === 'object' && !Array.isArray(x)) for (const [k, v] of Object.entries(x)) if (v != null) out[k] = String(v);
  return out;
}
