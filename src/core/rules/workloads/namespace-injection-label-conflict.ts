// MTLS701 (IST0123): a Namespace carrying more than one of istio-injection, istio.io/rev and
// istio.io/dataplane-mode. Only one wins (istio-injection over the revision, sidecars over ambient), so
// the namespace's pods may be injected by a different control plane, or not be in the mode you expect.
import type { Rule } from '../rule';
import { fix, fixes, removePair } from '../fix';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL } from '../../mesh/injection';
import { invisibleToIstio } from './shared';

export const namespaceInjectionLabelConflict: Rule = {
  meta: { id: 'MTLS701', title: 'Namespace has conflicting injection labels', defaultSeverity: 'warning', istio: 'IST0123', kinds: ['/Namespace'] },
  checkResource(ns, ctx) {
    if (invisibleToIstio(ns, ctx)) return;
    if (ns.name === 'istio-system') return;
    const labels = ns.labels;
    const injection = labels[INJECTION_LABEL];
    const found: string[] = [];
    if (injection !== undefined) found.push(INJECTION_LABEL);
    // A disabled istio-injection overrides the others, so they do not conflict with it.
    for (const l of [REVISION_LABEL, DATAPLANE_MODE_LABEL]) if (l in labels && (injection === undefined || injection === 'enabled')) found.push(l);
    if (found.length < 2) return;
    const shown = found.map((l) => `${l}=${labels[l]}`).join(', ');
    const winner = found.includes(INJECTION_LABEL)
      ? `${INJECTION_LABEL}=enabled wins, so pods get the default revision's sidecar`
      : `the ${REVISION_LABEL} revision's sidecar wins over ambient`;
    ctx.report({
      resource: ns,
      path: ['metadata', 'labels', found[1]],
      key: true,
      message: `Namespace ${ns.name} has more than one Istio enrolment label (${shown}). Only one takes effect (${winner}), so its workloads may not be enrolled the way you intend. Keep exactly one.`,
      fixes: fixes(
        ...found.map((keep) =>
          fix(
            `Keep only ${keep}=${labels[keep]}`,
            found.filter((l) => l !== keep).map((l) => removePair(ns, ['metadata', 'labels', l])),
            keep === found[0],
          ),
        ),
      ),
    });
  },
};
