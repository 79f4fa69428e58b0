// MTLS803: a SPIRE ClusterSPIFFEID whose spiffeIDTemplate does not render the ns/<namespace>/sa/<account>
// path. Istio principals (td/ns/<ns>/sa/<sa>) and Linkerd identities are derived from exactly that shape,
// so SVIDs with any other path never match an AuthorizationPolicy principal or a Linkerd identity: mTLS
// works, authorization silently does not. Checked only when the workspace uses Istio or Linkerd.
import type { Rule } from '../rule';
import type { ResourceIndex } from '../../index';
import { usesIstio } from './shared';

const NAMESPACE = /\{\{-?\s*\.PodMeta\.Namespace\s*-?\}\}/;
const ACCOUNT = /\{\{-?\s*\.PodSpec\.ServiceAccountName\s*-?\}\}/;
const SHAPE = /\/ns\/\{\{-?\s*\.PodMeta\.Namespace\s*-?\}\}\/sa\/\{\{-?\s*\.PodSpec\.ServiceAccountName\s*-?\}\}$/;
const SUGGESTED = 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}';

function usesLinkerd(index: ResourceIndex): boolean {
  if (index.ofKind('policy.linkerd.io', 'MeshTLSAuthentication').length || index.ofKind('policy.linkerd.io', 'Server').length) return true;
  for (const r of index.all()) if ('linkerd.io/inject' in r.annotations) return true;
  return false;
}

export const spiffeTemplateK8sPath: Rule = {
  meta: { id: 'MTLS803', title: 'ClusterSPIFFEID template does not produce ns/<ns>/sa/<sa> IDs', defaultSeverity: 'warning' },
  checkIndex(index, ctx) {
    const ids = index.ofKind('spire.spiffe.io', 'ClusterSPIFFEID');
    if (!ids.length) return;
    const mesh = usesIstio(index) ? 'Istio' : usesLinkerd(index) ? 'Linkerd' : undefined;
    if (!mesh) return;
    for (const res of ids) {
      const template = res.get(['spec', 'spiffeIDTemplate']);
      if (typeof template !== 'string' || template.trim() === '' || SHAPE.test(template.trim())) continue;
      const missing = [!NAMESPACE.test(template) ? '.PodMeta.Namespace' : '', !ACCOUNT.test(template) ? '.PodSpec.ServiceAccountName' : ''].filter(Boolean);
      const detail = missing.length ? `it does not use ${missing.join(' or ')}` : 'it does not end in /ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}';
      ctx.report({
        resource: res,
        path: ['spec', 'spiffeIDTemplate'],
        message: `The spiffeIDTemplate of ClusterSPIFFEID ${res.name} does not render the ns/<namespace>/sa/<service account> path (${detail}). ${mesh} derives workload identities from that path, so these SVIDs match no ${mesh === 'Istio' ? 'AuthorizationPolicy principal' : 'MeshTLSAuthentication identity'}: mTLS connects but authorization denies or ignores the caller. Use ${SUGGESTED}.`,
      });
    }
  },
};
