// MTLS606: a PeerAuthentication, RequestAuthentication or Sidecar whose selector
// matches no workload of its namespace (Kiali KIA0004), judged against Deployment/StatefulSet/... pod
// templates rather than running Pods. A policy that selects nothing leaves the intended workloads on the
// namespace or mesh default: for a STRICT PeerAuthentication, mTLS is not enforced where it was meant to be.
// Suggests the workload that is one label away, with a quick-fix. AuthorizationPolicy is left to MTLS750
// (the Istio-exact IST0127 check, which also looks at pod templates) so a policy is not reported twice.
import type { Rule, RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { memoReports } from './memo';
import { meshView, type MeshView } from '../../mesh/view';
import { matchLabels, type Workload } from '../../mesh/workloads';
import { selectWorkloads } from '../../mesh/services';
import { closest } from '../../mesh/suggest';
import { fix, fixes, replaceValue } from '../fix';
import { relatedTo } from './util';

interface Target {
  group: string;
  kind: string;
  path: FieldPath;
}

const TARGETS: Target[] = [
  { group: 'security.istio.io', kind: 'PeerAuthentication', path: ['spec', 'selector', 'matchLabels'] },
  { group: 'security.istio.io', kind: 'RequestAuthentication', path: ['spec', 'selector', 'matchLabels'] },
  { group: 'networking.istio.io', kind: 'Sidecar', path: ['spec', 'workloadSelector', 'labels'] },
];

export const selectorMatchesNoWorkload: Rule = {
  meta: {
    id: 'MTLS606',
    title: 'Selector matches no workload in the namespace',
    defaultSeverity: 'warning',
    kiali: 'KIA0004',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS606', [view.workloads, view.mesh, ...TARGETS.map((t) => index.ofKind(t.group, t.kind))], (ctx) => {
      if (!view.workloads.all.length) return; // no workloads in the workspace: nothing to judge against
      for (const t of TARGETS) for (const res of index.ofKind(t.group, t.kind)) check(res, t, view, ctx);
    });
  },
};

function check(res: Resource, t: Target, view: MeshView, ctx: RuleContext): void {
  const raw = res.get(t.path);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !Object.keys(raw).length) return;
  const selector = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  const namespace = res.namespace ?? view.mesh.defaultNamespace;
  const inRoot = namespace === view.mesh.rootNamespace;
  if (inRoot && t.kind === 'PeerAuthentication') return; // MTLS604 says it is ignored altogether
  // Root-namespace request-authentication selectors apply in every namespace.
  const meshWide = inRoot && t.kind === 'RequestAuthentication';
  const pool = meshWide ? view.workloads.all : (view.workloads.byNamespace.get(namespace) ?? []);
  if (!pool.length) return; // the namespace's workloads are not in the workspace
  const selected = meshWide ? pool.filter((w) => matchLabels(selector, w.labels)) : selectWorkloads(view.workloads, namespace, selector);
  if (selected.length) return;

  const near = nearest(selector, pool);
  const where = meshWide ? 'any namespace' : `namespace ${namespace}`;
  let hint = '';
  const edits = [];
  if (near) {
    const [key, want] = near.mismatch;
    if (key in near.workload.labels) {
      hint = ` Did you mean ${key}: ${near.workload.labels[key]} (${near.workload.kind} ${near.workload.name})?`;
      edits.push(fix(`Use ${key}: ${near.workload.labels[key]}`, [replaceValue(res, [...t.path, key], quoteIfNeeded(near.workload.labels[key]))], true));
    } else {
      const k = closest(key, Object.keys(near.workload.labels));
      if (k && near.workload.labels[k] === want) {
        hint = ` Did you mean the label key ${k} (${near.workload.kind} ${near.workload.name})?`;
        edits.push(fix(`Use label key ${k}`, [{ file: res.file, range: res.keyRangeOf([...t.path, key]), newText: k }], true));
      }
    }
  }
  const effect =
    t.kind === 'PeerAuthentication'
      ? 'its mTLS mode applies to nothing and the intended pods keep the namespace/mesh mode'
      : t.kind === 'RequestAuthentication'
        ? 'its JWT rules apply to nothing'
        : 'its egress/ingress settings apply to nothing';
  ctx.report({
    resource: res,
    path: t.path,
    key: true,
    message: `This ${t.kind}'s selector matches no workload in ${where}, so ${effect}.${hint || ` Workloads there are labelled e.g. ${sampleLabels(pool)}.`}`,
    related: near ? [relatedTo(near.workload.resource, 'the closest workload', [...near.workload.templatePath, 'metadata', 'labels'])] : [],
    fixes: fixes(...edits),
  });
}

/** The workload whose labels differ from the selector in exactly one pair, if any. */
function nearest(selector: Record<string, string>, pool: Workload[]): { workload: Workload; mismatch: [string, string] } | undefined {
  for (const w of pool) {
    const misses = Object.entries(selector).filter(([k, v]) => w.labels[k] !== v);
    if (misses.length === 1) return { workload: w, mismatch: misses[0] };
  }
  return undefined;
}

function sampleLabels(pool: Workload[]): string {
  return pool
    .slice(0, 3)
    .map((w) => `${w.name} {${Object.entries(w.labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`)
    .join('; ');
}

function quoteIfNeeded(v: string): string {
  return /^[A-Za-z0-9_.\-/]+$/.test(v) && !/^(true|false|null|yes|no|on|off|[0-9.]+)$/i.test(v) ? v : JSON.stringify(v);
}
