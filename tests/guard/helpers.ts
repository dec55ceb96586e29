import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Violation } from '../../src/guard/index.js';

/** Start a real server on 127.0.0.1 (port 0) and return its port and a closer. */
export async function start(listener: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Send raw request text on a fresh TCP socket and collect every byte until the server closes it
 * (the last request should say `Connection: close`) or the socket errors.
 */
export function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = (): void => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.write(request);
  });
}

/** A GET (or other method) request text; `close` adds `Connection: close`. */
export function requestText(path: string, { method = 'GET', close = true, headers = '' } = {}): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}${close ? 'Connection: close\r\n' : ''}\r\n`;
}

/** Raw response bytes without the Date header, which differs between runs. */
export function withoutDate(response: string): string {
  return response.replace(/^Date: [^\r]*\r\n/gmu, '');
}

/** A one-shot request with node's http client; resolves with status, body, or the error it got. */
export function get(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status?: number; body: string; error?: string; complete: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), complete: res.complete }));
      res.on('error', (e) =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), error: (e as NodeJS.ErrnoException).code ?? e.message, complete: false }),
      );
    });
    req.on('error', (e) => resolve({ body: Buffer.concat(chunks).toString(), error: (e as NodeJS.ErrnoException).code ?? e.message, complete: false }));
    req.end();
  });
}

/** Collects violations; `settled()` waits for the response's 'close' plus a turn, so late reports arrive. */
export function recorder(): { violations: Violation[]; onViolation: (v: Violation) => void } {
  const violations: Violation[] = [];
  return { violations, onViolation: (v) => violations.push(v) };
}

/** Resolves when `predicate` holds, polling each turn of the event loop (no timed assertion). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

/** Lets pending I/O callbacks and 'close' events run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
