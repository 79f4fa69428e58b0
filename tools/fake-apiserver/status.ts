// metav1.Status bodies with the messages and reasons the real apiserver uses.
import type { ResourceInfo } from './kinds.js';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: Record<string, unknown>;
  code: number;
}

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** `pods` or `peerauthentications.security.istio.io`, as the apiserver names resources in messages. */
const qualified = (info: ResourceInfo) => (info.group ? `${info.plural}.${info.group}` : info.plural);

export const unauthorized = () => status(401, 'Unauthorized', 'Unauthorized');

export function notFound(info: ResourceInfo, name: string): Status {
  return status(404, 'NotFound', `${qualified(info)} "${name}" not found`, {
    name,
    ...(info.group ? { group: info.group } : {}),
    kind: info.plural,
  });
}

export const resourceNotFound = () => status(404, 'NotFound', 'the server could not find the requested resource', {});

export function forbidden(user: string, verb: string, info: ResourceInfo, namespace?: string, name?: string, sub?: string): Status {
  const resource = sub ? `${info.plural}/${sub}` : info.plural;
  const target = name ? `${qualified(info)} "${name}"` : qualified(info);
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return status(403, 'Forbidden', `${target} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${info.group}" ${scope}`, {
    ...(name ? { name } : {}),
    ...(info.group ? { group: info.group } : {}),
    kind: info.plural,
  });
}

export const methodNotAllowed = () => status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

export const expiredContinue = () =>
  status(410, 'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');

export const expiredWatch = (rv: string | number) => status(410, 'Expired', `too old resource version: ${rv}`);

export function internalError(cause: string): Status {
  return status(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

export const badRequest = (message: string) => status(400, 'BadRequest', message);
