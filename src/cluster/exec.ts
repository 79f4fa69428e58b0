// Running one read-only command in a container and collecting its output (client-node's Exec over
// WebSocket). The promise of Exec.exec resolves when the socket opens, so completion is taken from the
// status channel (research pitfall 7), with a timeout and an AbortSignal.
import { Exec } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { ClusterError } from './errors';
import type { LoadedKubeconfig } from './kubeconfig';

const MAX_OUTPUT = 32 * 1024 * 1024;

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export async function execInContainer(
  config: LoadedKubeconfig,
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ExecResult> {
  const where = `${namespace}/${pod} (container ${container})`;
  const out = collector();
  const err = collector();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let socket: { close(): void } | undefined;
  return new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    const finish = (e?: ClusterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      try {
        socket?.close();
      } catch {
        // already closed
      }
      if (e) reject(e);
      else resolve({ stdout: out.text(), stderr: err.text() });
    };
    const timer = setTimeout(() => finish(new ClusterError('timeout', `Running '${command.join(' ')}' in ${where} took longer than ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    const onAbort = () => finish(new ClusterError('cancelled', `Reading certificates from ${where} was cancelled.`));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    new Exec(config.kc)
      .exec(namespace, pod, container, command, out.stream, err.stream, null, false, (status) => {
        if (status?.status === 'Success') return finish();
        const code = status?.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
        const stderr = err.text().trim().split('\n').slice(-3).join(' ').slice(0, 300);
        finish(new ClusterError('exec', `'${command.join(' ')}' failed in ${where}${code ? ` with exit code ${code}` : ''}: ${stderr || status?.message || 'no output'}`));
      })
      .then((ws) => {
        socket = ws;
        if (settled) ws.close();
        // a socket that closes without a status (old servers) counts as done
        ws.on?.('close', () => setTimeout(() => finish(), 50));
      })
      .catch((e: Error) => {
        const m = /Unexpected server response: (\d+)/.exec(e?.message ?? '');
        const status = m ? Number(m[1]) : undefined;
        const why =
          status === 403 ? `not allowed to exec into ${where} (403; needs 'create' on pods/exec)`
          : status === 404 ? `${where} not found (404)`
          : status === 400 ? `the server refused the exec into ${where} (400: wrong container name, or the pod is not running)`
          : status ? `exec into ${where} failed with HTTP ${status}`
          : `exec into ${where} failed: ${e?.message ?? e}`;
        finish(new ClusterError(status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'exec', why, status));
      });
  });
}

function collector(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new Writable({
    write(chunk, _enc, cb) {
      size += chunk.length;
      if (size <= MAX_OUTPUT) chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
