// Shared by MTLS405/MTLS406: `networks` entries (cidr + except) as Linkerd's admission checks them.
import type { RuleContext } from '../rule';
import type { Resource } from '../../yaml/resource';
import type { FieldPath } from '../../types';
import { cidrContains, parseCidr } from '../../model/linkerd';
import { REJECTED } from './common';

export function checkNetworks(res: Resource, ctx: RuleContext, path: FieldPath, requireOne: boolean): void {
  const networks = res.get(path);
  if (!Array.isArray(networks) || networks.length === 0) {
    if (requireOne) {
      ctx.report({ resource: res, path, key: res.has(path), message: `At least one network must be listed in ${path.join('.')}; ${REJECTED}. Use 0.0.0.0/0 and ::/0 for every client address.` });
    }
    return;
  }
  networks.forEach((net: any, i: number) => {
    const cidrText = net && typeof net === 'object' ? net.cidr : undefined;
    const cidr = typeof cidrText === 'string' ? parseCidr(cidrText) : undefined;
    if (!cidr) {
      ctx.report({
        resource: res,
        path: [...path, i, 'cidr'],
        message: cidrText === undefined ? `networks[${i}] has no cidr; ${REJECTED}.` : `networks[${i}].cidr "${cidrText}" is not an IP network (e.g. 10.0.0.0/8); ${REJECTED}.`,
      });
      return;
    }
    const except = Array.isArray(net.except) ? net.except : [];
    except.forEach((ex: unknown, j: number) => {
      const exPath = [...path, i, 'except', j];
      const exCidr = typeof ex === 'string' ? parseCidr(ex) : undefined;
      if (!exCidr) {
        ctx.report({ resource: res, path: exPath, message: `except[${j}] "${String(ex)}" is not an IP network; ${REJECTED}.` });
      } else if (cidrContains(exCidr, cidr)) {
        ctx.report({ resource: res, path: exPath, message: `except[${j}] ${ex} covers the whole network ${cidrText}, which would then match nobody; ${REJECTED}. Remove the network or narrow the exception.` });
      } else if (!cidrContains(cidr, exCidr)) {
        ctx.report({ resource: res, path: exPath, message: `except[${j}] ${ex} is not inside the network ${cidrText}; ${REJECTED}. Exceptions must lie within their network.` });
      }
    });
  });
}
