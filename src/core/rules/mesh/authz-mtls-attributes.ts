// MTLS607: an AuthorizationPolicy matches on attributes that only exist with mTLS (principals,
// namespaces, source.principal, source.namespace, connection.sni) while a selected workload does not
// require mTLS. A plaintext caller carries no identity, so a positive match (principals, namespaces,
// `values`) never matches it and a negated match (notPrincipals, notNamespaces, `notValues`) always does.
// Hence: DENY + positive → plaintext slips past the DENY (error); ALLOW + negated → plaintext is let in
// (warning); ALLOW + positive → plaintext callers are rejected (warning). DENY + negated already denies
// plaintext and is not reported. Quick-fix: make the workloads STRICT.
import type { Rule } from '../rule';
import type { Fix, FieldPath } from '../../types';
import { memoReports } from './memo';
import { meshView, type MeshView } from '../../mesh/view';
import { authorizationPolicies, workloadsOfPolicy, type AppliedPolicy } from '../../mesh/authz';
import { conditionsOf, sourcesOf } from '../../model/istio';
import { decidingStep, type ClassifiedPa } from '../../mesh/peer-authentication';
import { describeStep } from '../../mesh/tls-pairing';
import { fix, replaceValue } from '../fix';
import { appendDocument, relatedTo, yamlMap } from './util';

const SOURCE_FIELDS: { field: string; negated: boolean }[] = [
  { field: 'principals', negated: false },
  { field: 'notPrincipals', negated: true },
  { field: 'namespaces', negated: false },
  { field: 'notNamespaces', negated: true },
];

interface MtlsAttribute {
  name: string;
  path: FieldPath;
  /** Negated matches (notPrincipals, notValues, …) succeed for a caller without identity. */
  negated: boolean;
}

/** The attributes that decide what happens to plaintext callers under this action, most telling first. */
function relevantAttributes(action: string, attrs: MtlsAttribute[]): MtlsAttribute[] {
  if (action === 'DENY') return attrs.filter((a) => !a.negated);
  return [...attrs.filter((a) => a.negated), ...attrs.filter((a) => !a.negated)];
}

function consequenceFor(action: string, attr: MtlsAttribute): string {
  if (action === 'DENY') return `plaintext callers carry no identity, so \`${attr.name}\` never matches them and this DENY rule does not stop them`;
  if (attr.negated) return `plaintext callers carry no identity, so \`${attr.name}\` matches them and this ${action} rule lets them in`;
  return `plaintext callers carry no identity, so \`${attr.name}\` never matches them and they are rejected (unless another rule lets them in)`;
}
const CONDITION_KEYS = new Set(['source.principal', 'source.namespace', 'connection.sni']);

export const authzMtlsAttributes: Rule = {
  meta: {
    id: 'MTLS607',
    title: 'AuthorizationPolicy uses mTLS identities but the workload does not require mTLS',
    defaultSeverity: 'warning',
    kiali: 'KIA0105',
  },
  checkIndex(index, ctx) {
    const view = meshView(index, ctx.settings);
    memoReports(index, ctx, 'MTLS607', [index.ofKind('security.istio.io', 'AuthorizationPolicy'), view.pas, view.workloads, view.meshedGeneration, view.mesh], (ctx) => {
      for (const applied of authorizationPolicies(view)) {
        const action = applied.policy.action;
        const attrs = relevantAttributes(action, mtlsAttributes(applied));
        if (!attrs.length) continue;
        const weak = workloadsOfPolicy(view, applied.policy.resource)
          .filter((w) => view.meshed(w))
          .map((w) => ({ w, e: view.effective(w) }))
          .filter(({ e }) => e.mode !== 'STRICT' || Object.values(e.ports).some((m) => m !== 'STRICT'));
        if (!weak.length) continue;
        const { w, e } = weak[0];
        const step = decidingStep(e);
        const deny = action === 'DENY';
        const names = weak.map((x) => `${x.w.namespace}/${x.w.name}`);
        const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
        const mode = e.mode !== 'STRICT' ? e.mode : 'not STRICT on some ports';
        const consequence = consequenceFor(action, attrs[0]);
        ctx.report({
          resource: applied.policy.resource,
          path: attrs[0].path,
          key: true,
          severity: deny ? 'error' : 'warning',
          message:
            `This ${action} policy matches on ${[...new Set(attrs.map((a) => a.name))].join(', ')}, which only exist with mTLS, ` +
            `but ${shown} ${names.length > 1 ? 'accept' : 'accepts'} plaintext (${mode}, decided by ${describeStep(step)}): ${consequence}. ` +
            'Require mTLS with a STRICT PeerAuthentication for the same workloads.',
          related: [
            ...(step.resource ? [relatedTo(step.resource, `makes ${w.name} ${e.mode}`, ['spec', 'mtls', 'mode'])] : []),
            relatedTo(w.resource, 'a selected workload that accepts plaintext'),
          ],
          fixes: strictFix(view, applied),
        });
      }
    });
  },
};

function mtlsAttributes(applied: AppliedPolicy): MtlsAttribute[] {
  const out: MtlsAttribute[] = [];
  for (const s of sourcesOf(applied.policy)) {
    for (const { field, negated } of SOURCE_FIELDS)
      if (Array.isArray(s.source[field]) && s.source[field].length) out.push({ name: field, path: [...s.path, field], negated });
  }
  for (const c of conditionsOf(applied.policy)) {
    if (!c.key || !CONDITION_KEYS.has(c.key)) continue;
    if (c.values?.length) out.push({ name: c.key, path: [...c.path, 'key'], negated: false });
    if (c.notValues?.length) out.push({ name: `${c.key} (notValues)`, path: [...c.path, 'key'], negated: true });
  }
  return out;
}

/** Make the same scope STRICT: edit the existing PeerAuthentication of that scope, or append one. */
function strictFix(view: MeshView, applied: AppliedPolicy): Fix[] {
  const ap = applied.policy;
  const labels = applied.scope === 'workload' ? ap.selector!.labels : undefined;
  let existing: ClassifiedPa | undefined;
  if (applied.scope === 'mesh') existing = view.pas.mesh[0];
  else if (applied.scope === 'namespace') existing = view.pas.namespace.get(ap.namespace)?.items[0];
  else existing = (view.pas.workload.get(ap.namespace) ?? []).find((p) => sameLabels(p.selector, labels));
  if (existing) {
    if (!existing.resource.has(['spec', 'mtls', 'mode'])) return [];
    const f = fix(`Set ${existing.resource.name}'s mTLS mode to STRICT`, [replaceValue(existing.resource, ['spec', 'mtls', 'mode'], 'STRICT')], true);
    return f ? [f] : [];
  }
  if (applied.scope === 'workload' && ap.namespace === view.mesh.rootNamespace) return []; // Istio ignores selector PAs there
  const name = applied.scope === 'workload' ? `${ap.resource.name}-strict` : 'default';
  const doc = [
    'apiVersion: security.istio.io/v1',
    'kind: PeerAuthentication',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ap.namespace}`,
    'spec:',
    ...(labels ? ['  selector:', '    matchLabels:', yamlMap(labels, 6)] : []),
    '  mtls:',
    '    mode: STRICT',
  ].join('\n');
  const f = fix(`Add a STRICT PeerAuthentication for the same ${applied.scope === 'workload' ? 'selector' : applied.scope}`, [appendDocument(ap.resource, doc)], true);
  return f ? [f] : [];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a![k] === b![k]);
}
