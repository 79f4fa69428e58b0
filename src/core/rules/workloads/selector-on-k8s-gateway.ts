// MTLS752 (IST0166): an AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin that uses
// `selector` to pick the pods of a Kubernetes Gateway API gateway. Istio ignores workload selectors for
// such gateways; the policy must name the Gateway with `targetRef(s)`. Until then the authorization or
// JWT check is silently not applied at the gateway. Besides Pods (as Istio does), a Gateway API Gateway
// of class istio counts: Istio labels the pods it deploys for it with its name.
import type { Rule } from '../rule';
import type { Resource } from '../../yaml/resource';
import { fix, fixes, removePair } from '../fix';
import { displayName, invisibleToIstio, namespaceOf } from './shared';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const POLICY_KINDS: [string, string][] = [
  ['security.istio.io', 'AuthorizationPolicy'],
  ['security.istio.io', 'RequestAuthentication'],
  ['telemetry.istio.io', 'Telemetry'],
  ['extensions.istio.io', 'WasmPlugin'],
];

export const selectorOnK8sGateway: Rule = {
  meta: { id: 'MTLS752', title: 'Selector used where a Gateway API gateway needs targetRef', defaultSeverity: 'warning', istio: 'IST0166' },
  checkIndex(index, ctx) {
    const gatewayPods = new Map<string, Record<string, string>[]>();
    const add = (ns: string, labels: Record<string, string>) => gatewayPods.set(ns, [...(gatewayPods.get(ns) ?? []), labels]);
    for (const pod of index.ofKind('', 'Pod')) {
      if (GATEWAY_NAME_LABEL in pod.labels && !invisibleToIstio(pod, ctx)) add(namespaceOf(pod, ctx), pod.labels);
    }
    for (const gw of index.ofKind('gateway.networking.k8s.io', 'Gateway')) {
      if (gw.get(['spec', 'gatewayClassName']) !== 'istio') continue;
      const ns = namespaceOf(gw, ctx);
      if (!(gatewayPods.get(ns) ?? []).some((l) => l[GATEWAY_NAME_LABEL] === gw.name)) add(ns, { [GATEWAY_NAME_LABEL]: gw.name });
    }
    for (const [group, kind] of POLICY_KINDS) {
      for (const policy of index.ofKind(group, kind)) {
        if (invisibleToIstio(policy, ctx) || policy.get(['spec', 'targetRef']) != null) continue;
        const selector = policy.get(['spec', 'selector']);
        if (!selector || typeof selector !== 'object') continue;
        const wanted = selector.matchLabels && typeof selector.matchLabels === 'object' ? selector.matchLabels : {};
        const reported = new Set<string>();
        for (const labels of gatewayPods.get(namespaceOf(policy, ctx)) ?? []) {
          if (!Object.entries(wanted).every(([k, v]) => labels[k] === String(v))) continue;
          const gateway = labels[GATEWAY_NAME_LABEL];
          if (reported.has(gateway)) continue;
          reported.add(gateway);
          ctx.report({
            resource: policy,
            path: ['spec', 'selector'],
            message: `${kind} ${displayName(policy)} selects the pods of Kubernetes Gateway ${gateway} with a workload selector, which Istio ignores for Gateway API gateways, so this ${kind} is not applied there. Attach it with targetRefs (kind: Gateway, name: ${gateway}) instead.`,
            fixes: fixes(fix(`Replace selector with targetRefs to Gateway ${gateway}`, [targetRefEdit(policy, gateway)], true)),
          });
        }
      }
    }
  },
};

function targetRefEdit(policy: Resource, gateway: string) {
  const edit = removePair(policy, ['spec', 'selector']);
  const keyAt = policy.pairOffsetsOf(['spec', 'selector']);
  if (!edit || !keyAt) return undefined;
  const lineStart = policy.source.lastIndexOf('\n', keyAt[0] - 1) + 1;
  const prefix = policy.source.slice(lineStart, keyAt[0]);
  if (!/^ *$/.test(prefix)) return undefined;
  const i = prefix;
  return { ...edit, newText: `${i}targetRefs:\n${i}- kind: Gateway\n${i}  group: gateway.networking.k8s.io\n${i}  name: ${gateway}\n` };
}
