// MTLS740 (IST0175): RequestAuthentications exist but the istiod Deployment does not set
// BLOCKED_CIDRS_IN_JWKS_URIS. istiod fetches every jwksUri itself, so whoever may write a
// RequestAuthentication can make the control plane request internal addresses (cloud metadata, admin
// endpoints): a server-side request forgery path into the component that holds the mesh CA.
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import { fix, fixes, insertLineBefore } from '../fix';
import { displayName, invisibleToIstio, relatedTo } from './shared';

const ENV = 'BLOCKED_CIDRS_IN_JWKS_URIS';
const SUGGESTED_CIDRS = '169.254.0.0/16,127.0.0.0/8';

export const jwksFetchUnrestricted: Rule = {
  meta: { id: 'MTLS740', title: 'istiod fetches JWKS URIs without blocked CIDRs', defaultSeverity: 'warning', istio: 'IST0175' },
  checkIndex(index, ctx) {
    const ras = index.ofKind('security.istio.io', 'RequestAuthentication').filter((r) => !invisibleToIstio(r, ctx));
    if (!ras.length) return;
    const names = ras.map(displayName);
    const shown = names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, and ${names.length - 5} more`;
    for (const dep of index.ofKind('apps', 'Deployment')) {
      if (dep.labels.app !== 'istiod' || invisibleToIstio(dep, ctx)) continue;
      const containers = dep.get(['spec', 'template', 'spec', 'containers']);
      const list = Array.isArray(containers) ? containers : [];
      const configured = list.some((c: any) => Array.isArray(c?.env) && c.env.some((e: any) => e?.name === ENV && typeof e.value === 'string' && e.value !== ''));
      if (configured) continue;
      ctx.report({
        resource: dep,
        path: ['metadata', 'name'],
        message: `istiod fetches the jwksUri of ${ras.length} RequestAuthentication${ras.length > 1 ? 's' : ''} (${shown}) with no ${ENV} set, so a RequestAuthentication can make the control plane (which holds the mesh CA key) request any internal address, e.g. cloud metadata. Set ${ENV} on the discovery container to the ranges it must never fetch from.`,
        related: ras.slice(0, 5).map((r) => relatedTo(r, `RequestAuthentication ${displayName(r)} has istiod fetch its JWKS`)),
        fixes: fixes(fix(`Set ${ENV}=${SUGGESTED_CIDRS}`, [addEnvEdit(dep, list)], true)),
      });
    }
  },
};

/** Adds the env entry to the discovery container (or the first one) when its `env:` is a block list. */
function addEnvEdit(dep: Resource, containers: any[]) {
  let i = containers.findIndex((c) => c?.name === 'discovery');
  if (i < 0) i = 0;
  const env = containers[i]?.env;
  if (!Array.isArray(env) || env.length === 0) return undefined;
  const first = dep.offsetsOf(['spec', 'template', 'spec', 'containers', i, 'env', 0]);
  if (!first) return undefined;
  const lineStart = dep.source.lastIndexOf('\n', first[0] - 1) + 1;
  const prefix = dep.source.slice(lineStart, first[0]);
  if (!/^ *- *$/.test(prefix)) return undefined;
  const dash = prefix.indexOf('-');
  const pad = ' '.repeat(dash);
  const inner = ' '.repeat(prefix.length);
  return insertLineBefore(dep, first[0], `${pad}- name: ${ENV}\n${inner}value: "${SUGGESTED_CIDRS}"\n`);
}
