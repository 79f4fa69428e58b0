// MTLS705 (IST0144): an application running as UID 1337, the sidecar proxy's own user. Istio's iptables
// rules let every packet from UID 1337 leave without passing through the proxy (that is how the proxy
// avoids capturing itself), so this application's outbound calls bypass the sidecar: no mTLS, no policy.
// Mirrors Istio: Pods and Deployments, skipping control-plane objects (label `istio` or release=istio).
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { invisibleToIstio } from './shared';

const PROXY_UID = 1337;
const EXEMPT_CONTAINERS = new Set(['istio-proxy', 'istio-operator']);

export const applicationUid1337: Rule = {
  meta: { id: 'MTLS705', title: 'Application runs as the proxy UID 1337', defaultSeverity: 'warning', istio: 'IST0144', kinds: ['/Pod', 'apps/Deployment'] },
  checkResource(res, ctx) {
    if (invisibleToIstio(res, ctx)) return;
    if (isControlPlane(res)) return;
    const specPath: FieldPath = res.kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
    const spec = res.get(specPath);
    if (!spec || typeof spec !== 'object') return;
    const why =
      'Istio exempts traffic from UID 1337 (the sidecar\'s own user) from redirection, so this application\'s outbound traffic skips the sidecar: it is sent without mTLS and no policy applies to it. Run the application as another user.';
    if (Number(spec.securityContext?.runAsUser) === PROXY_UID && isNumberLike(spec.securityContext?.runAsUser)) {
      ctx.report({
        resource: res,
        path: [...specPath, 'securityContext', 'runAsUser'],
        message: `The pod security context of ${res.kind} ${res.name} sets runAsUser: 1337. ${why}`,
      });
    }
    const containers = Array.isArray(spec.containers) ? spec.containers : [];
    containers.forEach((c: any, i: number) => {
      if (!c || typeof c !== 'object' || EXEMPT_CONTAINERS.has(c.name)) return;
      const uid = c.securityContext?.runAsUser;
      if (Number(uid) !== PROXY_UID || !isNumberLike(uid)) return;
      ctx.report({
        resource: res,
        path: [...specPath, 'containers', i, 'securityContext', 'runAsUser'],
        message: `Container ${String(c.name ?? i)} of ${res.kind} ${res.name} runs as UID 1337. ${why}`,
      });
    });
  },
};

function isControlPlane(res: Resource): boolean {
  const labels = res.labels;
  return 'istio' in labels || labels.release === 'istio';
}

function isNumberLike(x: unknown): boolean {
  return typeof x === 'number' || (typeof x === 'string' && /^\d+$/.test(x));
}
