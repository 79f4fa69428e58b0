// MTLS404: Linkerd Server admission and schema: accessPolicy one of the known values, exactly one of
// podSelector/externalWorkloadSelector, and a port (a number 1–65535 or a container port name).
import type { Rule } from '../rule';
import { ACCESS_POLICIES, SERVER_KIND } from '../../model/linkerd';
import { fix, fixes, replaceValue } from '../fix';
import { describe, REJECTED } from './common';

export const linkerdServer: Rule = {
  meta: { id: 'MTLS404', title: 'Linkerd Server accessPolicy, selector and port', defaultSeverity: 'error', kinds: [SERVER_KIND] },
  checkResource(res, ctx) {
    const spec = res.get(['spec']) ?? {};
    const policy = spec.accessPolicy;
    if (policy !== undefined && !(ACCESS_POLICIES as readonly string[]).includes(String(policy))) {
      const canonical = ACCESS_POLICIES.find((p) => p === String(policy).toLowerCase().replace(/_/g, '-'));
      ctx.report({
        resource: res,
        path: ['spec', 'accessPolicy'],
        message: `spec.accessPolicy "${policy}" is not one of ${ACCESS_POLICIES.join(', ')}; ${REJECTED}.`,
        fixes: canonical ? fixes(fix(`Write ${canonical}`, [replaceValue(res, ['spec', 'accessPolicy'], canonical)], true)) : undefined,
      });
    }
    const selectors = ['podSelector', 'externalWorkloadSelector'].filter((s) => spec[s] != null);
    if (selectors.length !== 1) {
      ctx.report({
        resource: res,
        path: selectors.length ? ['spec', selectors[1]] : ['spec'],
        key: true,
        message: `${describe(res)} must set exactly one of podSelector or externalWorkloadSelector (it sets ${selectors.length ? 'both' : 'neither'}); the Server does not pass the CRD schema, so the port's mTLS policy is not applied.`,
      });
    }
    const port = spec.port;
    if (port === undefined || port === null || port === '') {
      ctx.report({ resource: res, path: ['spec', 'port'], message: `${describe(res)} has no spec.port; a Server describes one port, and without it the Server is rejected. Set the container port number or name.` });
    } else if (typeof port === 'number' ? !Number.isInteger(port) || port < 1 || port > 65535 : !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(String(port)) || String(port).length > 15) {
      ctx.report({ resource: res, path: ['spec', 'port'], message: `spec.port ${JSON.stringify(port)} is neither a port number (1–65535) nor a container port name (lower-case, at most 15 characters); the Server is rejected.` });
    }
  },
};
