// MTLS607: an AuthorizationPolicy matches on attributes that only exist with mTLS (principals,
// namespaces, source.principal, source.namespace, connection.sni) while a selected workload does not
// require mTLS. Plaintext callers carry no identity: an ALLOW rule then rejects them, and a DENY rule
// silently lets them through. Quick-fix: make the workloads STRICT.
import type { Rule } from '../rule';
import type { Fix, FieldPath } from '../../types';
import { meshView, type MeshView } from '../../mesh/view';
import { authorizationPolicies, workloadsOfPolicy, type AppliedPolicy } from '../../mesh/authz';
import { conditionsOf, sourcesOf } from '../../model/istio';
import { decidingStep, type ClassifiedPa } from '../../mesh/peer-authentication';
import { describeStep } from '../../mesh/tls-pairing';
import { fix, replaceValue } from '../fix';
import { appendDocument, relatedTo, yamlMap } from './util';

const SOURCE_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'];
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
    for (const applied of authorizationPolicies(view)) {
      const attrs = mtlsAttributes(applied);
      if (!attrs.length) continue;
      const weak = workloadsOfPolicy(view, applied.policy.resource)
        .filter((w) => view.meshed(w))
        .map((w) => ({ w, e: view.effective(w) }))
        .filter(({ e }) => e.mode !== 'STRICT' || Object.values(e.ports).some((m) => m !== 'STRICT'));
      if (!weak.length) continue;
      const { w, e } = weak[0];
      const step = decidingStep(e);
      const deny = applied.policy.action === 'DENY';
      const names = weak.map((x) => `${x.w.namespace}/${x.w.name}`);
      const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
      const mode = e.mode !== 'STRICT' ? e.mode : 'not STRICT on some ports';
      const consequence = deny
        ? 'plaintext callers carry no identity, so this DENY rule does not stop them'
        : 'plaintext callers carry no identity, so they never match and are rejected (or let through by other rules)';
      ctx.report({
        resource: applied.policy.resource,
        path: attrs[0].path,
        key: true,
        severity: deny ? 'error' : 'warning',
        message:
          `This ${applied.policy.action} policy matches on ${[...new Set(attrs.map((a) => a.name))].join(', ')}, which only exist with mTLS, ` +
          `but ${shown} ${names.length > 1 ? 'accept' : 'accepts'} plaintext (${mode}, decided by ${describeStep(step)}): ${consequence}. ` +
          'Require mTLS with a STRICT PeerAuthentication for the same workloads.',
        related: [
          ...(step.resource ? [relatedTo(step.resource, `makes ${w.name} ${e.mode}`, ['spec', 'mtls', 'mode'])] : []),
          relatedTo(w.resource, 'a selected workload that accepts plaintext'),
        ],
        fixes: strictFix(view, applied),
      });
    }
  },
};

function mtlsAttributes(applied: AppliedPolicy): { name: string; path: FieldPath }[] {
  const out: { name: string; path: FieldPath }[] = [];
  for (const s of sourcesOf(applied.policy)) {
    for (const f of SOURCE_FIELDS) if (Array.isArray(s.source[f]) && s.source[f].length) out.push({ name: f, path: [...s.path, f] });
  }
  for (const c of conditionsOf(applied.policy)) {
    if (c.key && CONDITION_KEYS.has(c.key)) out.push({ name: c.key, path: [...c.path, 'key'] });
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
