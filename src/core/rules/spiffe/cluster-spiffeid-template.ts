// MTLS510: a ClusterSPIFFEID's spiffeIDTemplate. SPIRE's webhook rejects an empty template and one that
// is not a valid Go text/template; beyond that, the literal text around the template actions must form
// a SPIFFE ID (checked with each action standing for one ordinary character), or every pod's rendered
// ID fails to parse and gets no SVID.
import type { Rule } from '../rule';
import { CLUSTER_SPIFFE_ID_KIND } from '../../model/spire';
import { checkGoTemplate, parseSpiffeId, type TemplatePiece } from '../../spiffe';
import { valueSubRange } from './value-range';

const PATH = ['spec', 'spiffeIDTemplate'];
const REJECTED = "SPIRE's admission webhook rejects the ClusterSPIFFEID, so the selected pods get no SVID and cannot do SPIFFE mTLS";

export const clusterSpiffeIdTemplate: Rule = {
  meta: { id: 'MTLS510', title: 'ClusterSPIFFEID spiffeIDTemplate', defaultSeverity: 'error', kinds: [CLUSTER_SPIFFE_ID_KIND] },
  checkResource(res, ctx) {
    const template = res.get(PATH);
    if (template === undefined || template === null || String(template).trim() === '') {
      ctx.report({ resource: res, path: PATH, message: `spec.spiffeIDTemplate is empty; ${REJECTED}. A usual value: spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}` });
      return;
    }
    const text = String(template);
    const check = checkGoTemplate(text);
    if (check.problem) {
      ctx.report({ resource: res, range: valueSubRange(res, PATH, check.problem.start, check.problem.end), message: `spec.spiffeIDTemplate is not a valid Go template: ${check.problem.message}; ${REJECTED}.` });
      return;
    }
    // The rendered ID depends on the actions; only judge templates whose literal text starts the ID.
    if (check.pieces[0]?.kind !== 'text') return;
    const { skeleton, span } = skeletonOf(check.pieces);
    const r = parseSpiffeId(skeleton);
    if (r.ok) return;
    const [start, end] = span(r.problem.start, r.problem.end);
    const literal = check.pieces.length === 1;
    ctx.report({
      resource: res,
      range: valueSubRange(res, PATH, start, end),
      message: `spec.spiffeIDTemplate ${literal ? 'is' : 'renders'} an invalid SPIFFE ID: ${r.problem.message}. SPIRE cannot parse the rendered ID, so no pod selected by this ClusterSPIFFEID gets an SVID for mTLS.`,
    });
  },
};

/** Replace each action by 'x'; `span` maps a skeleton range back to the template (whole actions). */
function skeletonOf(pieces: TemplatePiece[]): { skeleton: string; span: (a: number, b: number) => [number, number] } {
  let skeleton = '';
  const segs: { at: number; len: number; start: number; end: number; action: boolean }[] = [];
  for (const p of pieces) {
    const len = p.kind === 'text' ? p.text.length : 1;
    const end = p.kind === 'text' ? p.start + p.text.length : p.end;
    segs.push({ at: skeleton.length, len, start: p.start, end, action: p.kind === 'action' });
    skeleton += p.kind === 'text' ? p.text : 'x';
  }
  const segAt = (offset: number) => [...segs].reverse().find((s) => s.at <= offset) ?? segs[0];
  const span = (a: number, b: number): [number, number] => {
    const first = segAt(a);
    const last = segAt(Math.max(a, b - 1));
    const start = first.action ? first.start : first.start + (a - first.at);
    const end = last.action ? last.end : last.start + Math.min(last.len, Math.max(a, b - 1) - last.at + 1);
    return [start, Math.max(end, start + 1)];
  };
  return { skeleton, span };
}
