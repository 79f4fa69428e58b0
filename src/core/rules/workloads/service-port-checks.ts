// What IST0118 and IST0150 share: which Services Istio's port-name analyzer looks at, the ports whose
// protocol it cannot derive, and fixes that name a port after a protocol.
import type { Resource } from '../../yaml/resource';
import type { RuleContext } from '../rule';
import type { Fix, Range } from '../../types';
import { fix, fixes, replaceValue } from '../fix';
import { servicePortProtocol } from '../../mesh/service-protocol';
import { invisibleToIstio } from './shared';

const MANAGED_GATEWAY_VALUES = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

export interface FlaggedPort {
  index: number;
  port: Record<string, any>;
  /** Where to point: the name, or the port number when the port has no name. */
  range: Range;
  label: string;
}

/** Ports of `svc` that Istio flags; undefined when Istio skips the whole Service. */
export function flaggedPorts(svc: Resource, ctx: RuleContext, externalName: boolean): FlaggedPort[] | undefined {
  const labels = svc.labels;
  if ('istio' in labels || labels.release === 'istio') return undefined; // control plane
  if (MANAGED_GATEWAY_VALUES.has(labels['gateway.istio.io/managed'] ?? '')) return undefined;
  if (invisibleToIstio(svc, ctx)) return undefined;
  const isExternal = svc.get(['spec', 'type']) === 'ExternalName';
  if (isExternal !== externalName) return [];
  const ports = svc.get(['spec', 'ports']);
  if (!Array.isArray(ports)) return [];
  const out: FlaggedPort[] = [];
  ports.forEach((p: any, index: number) => {
    if (!p || typeof p !== 'object') return;
    const unresolved = servicePortProtocol(p) === 'unsupported';
    if (!unresolved && !(isExternal && p.name === 'tcp')) return;
    const hasName = typeof p.name === 'string' && p.name !== '';
    const range = svc.rangeOf(['spec', 'ports', index, hasName ? 'name' : 'port']);
    const label = hasName ? `"${p.name}" (port ${p.port})` : `${p.port ?? `#${index + 1}`} (unnamed)`;
    out.push({ index, port: p, range, label });
  });
  return out;
}

/** Fixes that give the port a protocol-prefixed name (renaming, or adding `name:`). */
export function namingFixes(svc: Resource, f: FlaggedPort, protocols: string[]): Fix[] {
  const hasName = typeof f.port.name === 'string' && f.port.name !== '';
  const base = hasName ? String(f.port.name) : String(f.port.port ?? 'port');
  return fixes(
    ...protocols.map((proto, i) => {
      const newName = hasName && base.toLowerCase() === 'tcp' ? `${proto}` : `${proto}-${base}`.slice(0, 15).replace(/-+$/, '');
      const edit = hasName ? replaceValue(svc, ['spec', 'ports', f.index, 'name'], newName) : insertPortName(svc, f.index, newName);
      return fix(`Name the port ${newName}`, [edit], i === 0);
    }),
  );
}

/** Adds `name: <newName>` as the last key of a port item written in block style. */
function insertPortName(svc: Resource, index: number, newName: string) {
  const item = svc.get(['spec', 'ports', index]);
  const keys = Object.keys(item ?? {});
  if (!keys.length) return undefined;
  const first = svc.pairOffsetsOf(['spec', 'ports', index, keys[0]]);
  const last = svc.pairOffsetsOf(['spec', 'ports', index, keys[keys.length - 1]]);
  if (!first || !last || typeof item[keys[keys.length - 1]] === 'object') return undefined;
  const firstPos = svc.positionAt(first[0]);
  const lastPos = svc.positionAt(last[1]);
  const lineText = svc.source.slice(svc.source.lastIndexOf('\n', first[0] - 1) + 1, first[0]);
  if (!/^ *(- *)?$/.test(lineText) || svc.source.slice(first[0] - 1, first[0]) === '{') return undefined;
  const indent = ' '.repeat(firstPos.character);
  return { file: svc.file, range: { start: lastPos, end: lastPos }, newText: `\n${indent}name: ${newName}` };
}
