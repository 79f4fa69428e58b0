// MTLS700 (IST0102 / IST0148): a Namespace with neither `istio-injection` nor `istio.io/rev`. Pods created
// there get no sidecar (IST0102), unless the injector injects unlabelled namespaces by default (IST0148),
// in which case the namespace is meshed only implicitly. Mirrors Istio's injection analyzer: the
// istio-system namespace and ambient namespaces are skipped.
import type { Rule } from '../rule';
import { fix, fixes } from '../fix';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL, enableNamespacesByDefault } from '../../mesh/injection';
import { addMapEntryEdit, usesIstio, invisibleToIstio } from './shared';

export const namespaceNotInjected: Rule = {
  meta: { id: 'MTLS700', title: 'Namespace not labelled for sidecar injection', defaultSeverity: 'info', istio: 'IST0102' },
  checkIndex(index, ctx) {
    if (!usesIstio(index)) return;
    const byDefault = enableNamespacesByDefault(index);
    for (const ns of index.ofKind('', 'Namespace')) {
      if (ns.name === 'istio-system' || invisibleToIstio(ns, ctx)) continue;
      const labels = ns.labels;
      if (labels[DATAPLANE_MODE_LABEL] === 'ambient') continue;
      // Linkerd-meshed namespaces are not Istio's business.
      if ('linkerd.io/inject' in ns.annotations) continue;
      if ((labels[INJECTION_LABEL] ?? '') !== '' || REVISION_LABEL in labels) continue;
      const addLabel = fixes(fix(`Label namespace ${ns.name} ${INJECTION_LABEL}=enabled`, [addMapEntryEdit(ns, ['metadata'], 'labels', INJECTION_LABEL, 'enabled')], true));
      if (byDefault) {
        ctx.report({
          resource: ns,
          path: ['metadata', 'name'],
          istio: 'IST0148',
          message: `Namespace ${ns.name} has no ${INJECTION_LABEL} or ${REVISION_LABEL} label; its pods get sidecars (and mTLS) only because the injector injects unlabelled namespaces by default (enableNamespacesByDefault). Label it explicitly so enrolment does not depend on that setting.`,
          fixes: addLabel,
        });
      } else {
        ctx.report({
          resource: ns,
          path: ['metadata', 'name'],
          message: `Namespace ${ns.name} is not labelled for sidecar injection (${INJECTION_LABEL}=enabled or ${REVISION_LABEL}=<revision>), so its pods run without an Istio proxy and neither send nor accept mTLS. Add the label if these workloads belong in the mesh.`,
          fixes: addLabel,
        });
      }
    }
  },
};
