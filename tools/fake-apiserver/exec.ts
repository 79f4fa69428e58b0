// Exec over WebSocket (v5/v4.channel.k8s.io): decide the answer before the upgrade (404 pod, 400
// container), then stream stdout/stderr on channels 1/2 and a Status on channel 3, then close 1000.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer, WebSocket } from 'ws';
import type { IssuedCert } from './certs.js';
import { envoyCerts, envoyConfigDump } from './envoy.js';
import { hasContainer } from './seed.js';
import { badRequest, notFound, status, type Status } from './status.js';
import type { ResourceInfo } from './kinds.js';
import type { FaultConfig, KubeObject } from './types.js';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type ExecPlan = { ok: true; container: string; command: string[] } | { ok: false; status: Status };

/** Checks the apiserver/kubelet make before upgrading. */
export function planExec(podInfo: ResourceInfo, pod: KubeObject | undefined, name: string, query: URLSearchParams, faults: FaultConfig): ExecPlan {
  if (!pod) return { ok: false, status: notFound(podInfo, name) };
  const reject = faults.exec?.rejectStatus;
  if (reject) return { ok: false, status: status(reject, reject === 404 ? 'NotFound' : reject === 403 ? 'Forbidden' : reject === 500 ? 'InternalError' : 'BadRequest', `fake fault: exec rejected with ${reject}`) };
  const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
  let container = query.get('container') ?? '';
  if (!container) {
    if (containers.length !== 1) return { ok: false, status: badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`) };
    container = containers[0];
  }
  if (!containers.includes(container)) return { ok: false, status: badRequest(`container ${container} is not valid for pod ${name}`) };
  const command = query.getAll('command');
  if (!command.length) return { ok: false, status: badRequest('you must specify at least 1 command') };
  return { ok: true, container, command };
}

/** What the command prints. Only `pilot-agent request GET certs|config_dump[?…]` in istio-proxy does anything useful. */
export function runCommand(pod: KubeObject, container: string, command: string[], svid: IssuedCert | undefined, now: Date): ExecOutcome {
  const [bin, ...args] = command;
  const isProxy = container === 'istio-proxy' && hasContainer(pod, 'istio-proxy');
  if (isProxy && bin === 'pilot-agent') {
    if (args[0] !== 'request' || args.length < 3) {
      return { stdout: '', stderr: 'Error: usage: pilot-agent request <method> <path> [<body>]\n', exitCode: 1 };
    }
    const [, method, rawPath] = args;
    const url = new URL(rawPath.replace(/^\/?/, '/'), 'http://localhost:15000');
    if (method.toUpperCase() !== 'GET' || !svid) {
      return { stdout: '', stderr: `Error: failure sending request: ${method} ${url.pathname} is not served here\n`, exitCode: 1 };
    }
    if (url.pathname === '/certs') return { stdout: envoyCerts(svid, now), stderr: '', exitCode: 0 };
    if (url.pathname === '/config_dump') return { stdout: envoyConfigDump(svid, now, url.searchParams), stderr: '', exitCode: 0 };
    return { stdout: '', stderr: `Error: failure sending request: envoy answered 404 for ${url.pathname}\n`, exitCode: 1 };
  }
  return { stdout: '', stderr: `exec: "${bin}": executable file not found in $PATH\n`, exitCode: 127 };
}

export function exitStatus(command: string[], exitCode: number): object {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command '${command.join(' ')}' exited with ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** Upgrade and stream the outcome in the negotiated channel protocol. */
export function streamExec(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, command: string[], outcome: ExecOutcome): void {
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    const send = (channel: number, data: string) => {
      const bytes = Buffer.from(data);
      let i = 0;
      do {
        ws.send(Buffer.concat([Buffer.from([channel]), bytes.subarray(i, i + 16_384)]));
        i += 16_384;
      } while (i < bytes.length);
    };
    if (outcome.stdout) send(1, outcome.stdout);
    if (outcome.stderr) send(2, outcome.stderr);
    send(3, JSON.stringify(exitStatus(command, outcome.exitCode)));
    ws.close(1000);
  });
}

/** Pick v5, else v4; other channel protocols are not spoken by this fake. */
export function chooseProtocol(offered: Set<string>): string | false {
  return EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false;
}

/** A plain HTTP error on a socket that asked to upgrade. */
export function rejectUpgrade(socket: Duplex, st: Status): void {
  const body = JSON.stringify(st);
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' }[st.code] ?? 'Error';
  socket.end(`HTTP/1.1 ${st.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
