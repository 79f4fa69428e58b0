// Will this workload get an Istio sidecar, be captured by ambient, or stay outside the mesh?
//
// Two different questions live here, on purpose:
// - `injectionFor` predicts what the stock injection webhooks and the injector do (catalog §3.4): the
//   webhook selectors of every revision, then the injector's own label/annotation check. It is what the
//   CodeLens and the mesh semantics use.
// - `isInMesh` is the simpler definition `istioctl analyze` uses (catalog §1.3). Rules that mirror an IST
//   code use it so they agree with Istio, even where it is less precise (it ignores revisions).
import type { ResourceIndex } from '../index';
import type { Resource } from '../yaml/resource';
import type { FieldPath } from '../types';
import type { Workload } from './workloads';

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
export const SIDECAR_INJECT = 'sidecar.istio.io/inject';
export const AMBIENT_REDIRECTION_ANNOTATION = 'ambient.istio.io/redirection';
export const PROXY_CONTAINER = 'istio-proxy';

/** Namespaces the injector never touches, whatever their labels say. */
export const INJECTION_IGNORED_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
]);

export type DataplaneMode = 'sidecar' | 'ambient' | 'none';

export interface InjectionDecision {
  mode: DataplaneMode;
  /** True when the pod has (or will get) an istio-proxy sidecar. */
  injected: boolean;
  /** The control-plane revision that injects it ('default' for the default revision). */
  revision?: string;
  /** One sentence a person can read: why this outcome. */
  reason: string;
  /** The label or annotation that decided the outcome, when one did. */
  decidedBy?: { resource: Resource; path: FieldPath };
  /** False when the Namespace object was not among the analysed resources (its labels were assumed empty). */
  namespaceKnown: boolean;
}

export interface InjectorSettings {
  /** `sidecarInjectorWebhook.enableNamespacesByDefault` of the injector (inject unlabelled namespaces). */
  enableNamespacesByDefault: boolean;
}

/** The injector ConfigMap name for a revision (the default revision has no suffix). */
export function injectorConfigMapName(revision?: string): string {
  return !revision || revision === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${revision}`;
}

/**
 * Reads `sidecarInjectorWebhook.enableNamespacesByDefault` from the injector ConfigMap's `values` JSON.
 * Missing ConfigMap or unreadable JSON means false (Istio's default).
 */
export function enableNamespacesByDefault(index: ResourceIndex, revision?: string): boolean {
  const name = injectorConfigMapName(revision);
  const cm = index.ofKind('', 'ConfigMap').find((r) => r.name === name);
  return cm ? readEnableNamespacesByDefault(cm) : false;
}

export function readEnableNamespacesByDefault(configMap: Resource): boolean {
  const raw = configMap.get(['data', 'values']);
  if (typeof raw !== 'string') return false;
  try {
    const values = JSON.parse(raw);
    return values?.sidecarInjectorWebhook?.enableNamespacesByDefault === true;
  } catch {
    return false;
  }
}

/** The Namespace object called `name`, if it is among the analysed resources. */
export function namespaceResource(index: ResourceIndex, name: string): Resource | undefined {
  return index.ofKind('', 'Namespace').find((r) => r.name === name);
}

/** Whether the pod spec has a container named istio-proxy with a non-empty image. */
export function hasIstioProxy(podSpec: Record<string, any>, includeInitContainers = true): boolean {
  const lists = includeInitContainers ? [podSpec.containers, podSpec.initContainers] : [podSpec.containers];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    const proxy = list.find((c: any) => c?.name === PROXY_CONTAINER);
    // Istio stops at the first istio-proxy it meets, in containers before initContainers.
    if (proxy) return typeof proxy.image === 'string' && proxy.image !== '';
  }
  return false;
}

/** Namespace in ambient mode as `istioctl analyze` sees it (sidecar labels win over ambient). */
export function isAmbientNamespace(ns: Resource | undefined): boolean {
  if (!ns) return false;
  const l = ns.labels;
  if (l[INJECTION_LABEL] === 'enabled') return false;
  if (l[REVISION_LABEL]) return false;
  return l[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** A (live) pod that ztunnel already redirects. */
export function isAmbientPod(w: Workload): boolean {
  return w.annotations[AMBIENT_REDIRECTION_ANNOTATION] === 'enabled';
}

/**
 * `istioctl analyze`'s "in mesh" for sidecars (catalog §1.3): an istio-proxy container; else the
 * `sidecar.istio.io/inject` label, else the annotation ("true" only); else the namespace's
 * `istio-injection=enabled`. Deployments are judged on their template's containers only.
 */
export function isInMesh(w: Workload, ns: Resource | undefined): boolean {
  if (hasIstioProxy(w.podSpec, w.kind === 'Pod')) return true;
  if (SIDECAR_INJECT in w.labels) return w.labels[SIDECAR_INJECT] === 'true';
  if (SIDECAR_INJECT in w.annotations) return w.annotations[SIDECAR_INJECT] === 'true';
  if (ns) return ns.labels[INJECTION_LABEL] === 'enabled';
  return false;
}

const NO_SETTINGS: InjectorSettings = { enableNamespacesByDefault: false };

/** Predicts sidecar injection / ambient capture for a workload (catalog §3.4). */
export function injectionFor(w: Workload, ns: Resource | undefined, mesh: InjectorSettings = NO_SETTINGS): InjectionDecision {
  const namespaceKnown = !!ns;
  const podLabel = (key: string) => ({ resource: w.resource, path: [...w.templatePath, 'metadata', 'labels', key] });
  const podAnnotation = (key: string) => ({ resource: w.resource, path: [...w.templatePath, 'metadata', 'annotations', key] });
  const nsLabel = (key: string) => ({ resource: ns!, path: ['metadata', 'labels', key] });
  const by = (m: WebhookMatch) =>
    m.by.startsWith('ns:') && ns ? nsLabel(m.by.slice(3)) : m.by.startsWith('pod:') ? podLabel(m.by.slice(4)) : undefined;
  const none = (reason: string, decidedBy?: InjectionDecision['decidedBy']): InjectionDecision => ({
    mode: 'none',
    injected: false,
    reason,
    decidedBy,
    namespaceKnown,
  });

  const proxy = findProxy(w.podSpec);
  if (proxy && proxy.image !== 'auto' && proxy.image !== '') {
    return { mode: 'sidecar', injected: true, reason: 'it already has an istio-proxy container', namespaceKnown };
  }
  if (w.podSpec.hostNetwork === true) {
    return none('it uses hostNetwork, which the injector and ztunnel both skip', {
      resource: w.resource,
      path: [...w.templatePath, 'spec', 'hostNetwork'],
    });
  }
  if (INJECTION_IGNORED_NAMESPACES.has(w.namespace)) {
    return none(`namespace ${w.namespace} is a system namespace the injector never injects into`);
  }

  const nsLabels = ns?.labels ?? {};
  const webhook = matchingWebhook(w, nsLabels, mesh);
  if (webhook.revision !== undefined) {
    // A webhook matched; the injector then honours the label, or else the (deprecated) annotation.
    const byLabel = w.labels[SIDECAR_INJECT];
    const byAnnotation = w.annotations[SIDECAR_INJECT];
    const optOut = byLabel !== undefined ? byLabel : byAnnotation;
    if (optOut === 'false') {
      return none(
        `${SIDECAR_INJECT}: "false" opts it out${byLabel === undefined ? ' (annotation)' : ''}`,
        byLabel !== undefined ? podLabel(SIDECAR_INJECT) : podAnnotation(SIDECAR_INJECT),
      );
    }
    return { mode: 'sidecar', injected: true, revision: webhook.revision, reason: webhook.reason, decidedBy: by(webhook), namespaceKnown };
  }

  // No sidecar: ambient capture is the remaining way into the mesh.
  const podMode = w.labels[DATAPLANE_MODE_LABEL];
  if (podMode === 'none') return none(`${DATAPLANE_MODE_LABEL}: none on the pod opts it out of ambient`, podLabel(DATAPLANE_MODE_LABEL));
  if (podMode === 'ambient') {
    return { mode: 'ambient', injected: false, reason: `${DATAPLANE_MODE_LABEL}: ambient on the pod`, decidedBy: podLabel(DATAPLANE_MODE_LABEL), namespaceKnown };
  }
  if (nsLabels[DATAPLANE_MODE_LABEL] === 'ambient') {
    return {
      mode: 'ambient',
      injected: false,
      reason: `namespace ${w.namespace} is labelled ${DATAPLANE_MODE_LABEL}=ambient`,
      decidedBy: nsLabel(DATAPLANE_MODE_LABEL),
      namespaceKnown,
    };
  }
  if (isAmbientPod(w)) {
    return { mode: 'ambient', injected: false, reason: 'ztunnel already redirects it', decidedBy: podAnnotation(AMBIENT_REDIRECTION_ANNOTATION), namespaceKnown };
  }
  return none(webhook.reason || noWebhookReason(w, ns), by(webhook));
}

function findProxy(podSpec: Record<string, any>): { image: string } | undefined {
  const c = Array.isArray(podSpec.containers) ? podSpec.containers.find((x: any) => x?.name === PROXY_CONTAINER) : undefined;
  if (!c) return undefined;
  return { image: typeof c.image === 'string' ? c.image : '' };
}

interface WebhookMatch {
  /** Revision of the matching webhook; undefined when none matched. */
  revision?: string;
  /** 'ns:<label>' or 'pod:<label>' — the label that made the (non-)match; '' when nothing did. */
  by: string;
  reason: string;
}

/** The stock webhooks' namespaceSelector/objectSelector, in the order their selectors make exclusive. */
function matchingWebhook(w: Workload, nsLabels: Record<string, string>, mesh: InjectorSettings): WebhookMatch {
  const objectOptOut = w.labels[SIDECAR_INJECT] === 'false';
  const nsInjection = nsLabels[INJECTION_LABEL];
  const nsRev = nsLabels[REVISION_LABEL];
  const podRev = w.labels[REVISION_LABEL];
  if (nsInjection !== undefined) {
    if (nsInjection !== 'enabled') {
      return { by: `ns:${INJECTION_LABEL}`, reason: `namespace ${w.namespace} is labelled ${INJECTION_LABEL}=${nsInjection}` };
    }
    if (objectOptOut) return { by: `pod:${SIDECAR_INJECT}`, reason: `${SIDECAR_INJECT}: "false" opts it out` };
    return { revision: 'default', by: `ns:${INJECTION_LABEL}`, reason: `namespace ${w.namespace} is labelled ${INJECTION_LABEL}=enabled` };
  }
  if (nsRev !== undefined) {
    if (nsRev === '') return { by: `ns:${REVISION_LABEL}`, reason: `namespace ${w.namespace} has an empty ${REVISION_LABEL} label, which selects no revision` };
    if (objectOptOut) return { by: `pod:${SIDECAR_INJECT}`, reason: `${SIDECAR_INJECT}: "false" opts it out` };
    return { revision: nsRev, by: `ns:${REVISION_LABEL}`, reason: `namespace ${w.namespace} is labelled ${REVISION_LABEL}=${nsRev}` };
  }
  if (objectOptOut) return { by: `pod:${SIDECAR_INJECT}`, reason: `${SIDECAR_INJECT}: "false" opts it out` };
  if (podRev !== undefined && podRev !== '') {
    return { revision: podRev, by: `pod:${REVISION_LABEL}`, reason: `the pod is labelled ${REVISION_LABEL}=${podRev}` };
  }
  if (podRev === undefined && w.labels[SIDECAR_INJECT] === 'true') {
    return { revision: 'default', by: `pod:${SIDECAR_INJECT}`, reason: `the pod is labelled ${SIDECAR_INJECT}: "true"` };
  }
  if (mesh.enableNamespacesByDefault && podRev === undefined) {
    return { revision: 'default', by: '', reason: 'the injector injects unlabelled namespaces (enableNamespacesByDefault)' };
  }
  return { by: '', reason: '' };
}

function noWebhookReason(w: Workload, ns: Resource | undefined): string {
  const where = ns ? `namespace ${w.namespace} has no ${INJECTION_LABEL} or ${REVISION_LABEL} label` : `namespace ${w.namespace} is not among the analysed files (its labels are unknown)`;
  const annotationOnly = w.annotations[SIDECAR_INJECT] === 'true' && w.labels[SIDECAR_INJECT] === undefined;
  return annotationOnly
    ? `${where}, and the webhooks select on the ${SIDECAR_INJECT} label, not the annotation`
    : `${where} and the pod is not labelled ${SIDECAR_INJECT}: "true" or ${REVISION_LABEL}`;
}
