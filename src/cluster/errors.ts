// Every way talking to a cluster can fail, each with its own message that says what to do. Messages
// name the context/server but never echo credentials.

export type ClusterErrorKind =
  | 'config' // no kubeconfig, unreadable kubeconfig, unknown context
  | 'untrusted' // exec plugin / auth provider refused in an untrusted workspace
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'expired' // 410 (continue token / resourceVersion too old)
  | 'server' // 5xx
  | 'unreachable' // DNS, connection refused, TLS failure
  | 'timeout'
  | 'cancelled'
  | 'exec' // exec into a container failed
  | 'other';

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    /** HTTP status when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

export interface Target {
  /** What was being read, e.g. "secrets" or "peerauthentications.security.istio.io". */
  what: string;
  /** The API server URL. */
  server?: string;
  context?: string;
}

/** Turns an HTTP status and the Status body (if any) into a ClusterError with an actionable message. */
export function errorFromStatus(status: number, body: string, t: Target): ClusterError {
  const statusMessage = statusMessageOf(body);
  const detail = statusMessage ? ` The server said: ${statusMessage}` : '';
  switch (status) {
    case 401:
      return new ClusterError('unauthorized',
        `The API server${at(t)} rejected the credentials (401 Unauthorized). Log in again or refresh the token/certificate for context ${t.context ?? '(current)'}.${detail}`, 401);
    case 403:
      return new ClusterError('forbidden',
        `Not allowed to read ${t.what} (403 Forbidden); that part is left out. Ask for 'list'/'get' on ${t.what} (kubectl auth can-i list ${t.what}).${detail}`, 403);
    case 404:
      return new ClusterError('not-found', `${t.what} not found (404): the API or object does not exist on this cluster.${detail}`, 404);
    case 410:
      return new ClusterError('expired', `The list of ${t.what} changed too much while paging (410 Expired); reading it again.${detail}`, 410);
    default:
      if (status >= 500)
        return new ClusterError('server', `The API server${at(t)} failed while reading ${t.what} (${status}). Try again; if it persists, check the API server's health.${detail}`, status);
      return new ClusterError('other', `Reading ${t.what} failed with HTTP ${status}.${detail}`, status);
  }
}

/** Network-level failures (no HTTP status): unreachable, timeout, cancelled. */
export function errorFromException(e: unknown, t: Target, timeoutMs?: number): ClusterError {
  if (e instanceof ClusterError) return e;
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const name = err?.name ?? '';
  const code = err?.cause?.code ?? err?.code ?? '';
  if (name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT')
    return new ClusterError('timeout', `The API server${at(t)} did not answer within ${timeoutMs ? `${Math.round(timeoutMs / 1000)} s` : 'the time limit'} while reading ${t.what}. Check the network/VPN, or raise the timeout.`);
  if (name === 'AbortError') return new ClusterError('cancelled', `Reading ${t.what} was cancelled.`);
  const reason = err?.cause?.message ?? err?.message ?? String(e);
  if (err?.message === 'fetch failed' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|UND_ERR_SOCKET|CERT|certificate|self.signed|SSL|TLS/i.test(`${code} ${reason}`))
    return new ClusterError('unreachable', `Cannot reach the API server${at(t)}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}. Check that the cluster is running, the kubeconfig's server address, and the network/VPN.`);
  return new ClusterError('other', `Reading ${t.what} failed: ${reason}`);
}

function at(t: Target): string {
  return t.server ? ` at ${t.server}` : '';
}

function statusMessageOf(body: string): string | undefined {
  if (!body) return undefined;
  try {
    const s = JSON.parse(body);
    if (s && typeof s.message === 'string') return s.message.slice(0, 300);
  } catch {
    // not a Status object
  }
  return undefined;
}
