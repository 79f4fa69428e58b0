// MTLS514 (field practice): a ClusterSPIFFEID whose template does not render the Kubernetes convention
// spiffe://<trust-domain>/ns/<namespace>/sa/<serviceaccount>. Istio principals (`<td>/ns/<ns>/sa/<sa>`)
// and Linkerd identities are derived from exactly that path, so SVIDs with another shape never match an
// AuthorizationPolicy or MeshTLSAuthentication. Info by default: SPIRE-only setups may choose other paths.
import type { Rule } from '../rule';
import { CLUSTER_SPIFFE_ID_KIND } from '../../model/spire';
import { checkGoTemplate } from '../../spiffe';

const PATH = ['spec', 'spiffeIDTemplate'];
const CONVENTIONAL = 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}';

export const clusterSpiffeIdConvention: Rule = {
  meta: { id: 'MTLS514', title: 'ClusterSPIFFEID template without the /ns/<namespace>/sa/<serviceaccount> path', defaultSeverity: 'info', kinds: [CLUSTER_SPIFFE_ID_KIND] },
  checkResource(res, ctx) {
    const template = res.get(PATH);
    if (typeof template !== 'string' || template.trim() === '') return;
    const check = checkGoTemplate(template);
    // Syntax problems are MTLS510's; a template that starts with an action (printf …) is not judged.
    if (check.problem || check.pieces[0]?.kind !== 'text') return;
    const parts: { text: string; action: boolean }[] = check.pieces.map((p) =>
      p.kind === 'text' ? { text: p.text, action: false } : { text: template.slice(p.start, p.end), action: true });
    // Split the rendered shape into path segments, keeping which action each segment comes from.
    const segments: { literal: string; actions: string[] }[] = [{ literal: '', actions: [] }];
    for (const part of parts) {
      if (part.action) {
        segments[segments.length - 1].actions.push(part.text);
        continue;
      }
      const pieces = part.text.split('/');
      pieces.forEach((piece, i) => {
        if (i > 0) segments.push({ literal: '', actions: [] });
        segments[segments.length - 1].literal += piece;
      });
    }
    // spiffe: '' td ns <ns> sa <sa>
    const problem = conventionProblem(segments);
    if (!problem) return;
    ctx.report({
      resource: res,
      path: PATH,
      message: `spec.spiffeIDTemplate ${problem}. Istio principals and Linkerd identities are derived from spiffe://<trust-domain>/ns/<namespace>/sa/<serviceaccount>, so SVIDs of this shape never match their mTLS authorization policies. If a mesh consumes these SVIDs, use ${CONVENTIONAL}.`,
    });
  },
};

function conventionProblem(segments: { literal: string; actions: string[] }[]): string | undefined {
  const shape = segments.map((s) => s.literal + (s.actions.length ? '…' : '')).join('/');
  if (segments.length !== 7 || segments[0].literal !== 'spiffe:' || segments[3].literal !== 'ns' || segments[5].literal !== 'sa' || segments[3].actions.length || segments[5].actions.length) {
    return `renders ${shape}, not the …/ns/<namespace>/sa/<serviceaccount> path`;
  }
  const ns = segments[4];
  const sa = segments[6];
  if (ns.actions.length && !ns.actions.some((a) => a.includes('.PodMeta.Namespace'))) return `puts ${ns.actions.join('')} where the pod's namespace (.PodMeta.Namespace) belongs`;
  if (sa.actions.length && !sa.actions.some((a) => a.includes('.PodSpec.ServiceAccountName'))) return `puts ${sa.actions.join('')} where the pod's service account (.PodSpec.ServiceAccountName) belongs`;
  return undefined;
}
