import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { withoutDate } from '../helpers.js';
import { arrivals } from './kinds.js';

/** What a client saw, comparable between the guarded server and its unguarded twin. */
export type Seen = string;

/** Short texts stay readable in a failure diff; long ones are summarised by length and hash. */
export function summarise(text: string): Seen {
  if (text.length <= 400) return text;
  return `${text.slice(0, 200)}… [${text.length} bytes, sha1 ${createHash('sha1').update(text).digest('hex')}]`;
}

/** A request through a keep-alive Agent: status, headers (minus Date) and body, or the error. */
export function viaAgent(port: number, agent: http.Agent, method: string, path: string): Promise<Seen> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const req = http.request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      const head = Object.entries(res.headers)
        .filter(([name]) => name !== 'date')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join('\n');
      const seen = (end: string): void =>
        resolve(summarise(`${res.statusCode} ${res.statusMessage}\n${head}\n\n${Buffer.concat(chunks).toString('latin1')}${end}`));
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => seen(res.complete ? '' : ' [incomplete]'));
      res.on('error', (e: NodeJS.ErrnoException) => seen(` [error ${e.code ?? e.message}]`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`[error ${e.code ?? e.message}]`));
    req.end();
  });
}

interface RawOptions {
  /** Written only after the server sent `100 Continue` (an `Expect: 100-continue` request). */
  bodyAfterContinue?: string;
  /** Read the response slowly: pause after every chunk, resume on a later turn. */
  slow?: boolean;
  /** Close the socket as soon as the first body bytes arrive. */
  abortAfterHead?: boolean;
  /** Close the socket once the handler announced this request id (see `arrivals`). */
  abandonId?: string;
}

/**
 * Raw request text on a fresh TCP socket; every byte until the server closes it (minus Date headers),
 * or nothing when this client closes first.
 */
export function viaSocket(port: number, text: string, options: RawOptions = {}): Promise<Seen> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let received = '';
    let continued = false;
    if (options.abandonId !== undefined) {
      const id = options.abandonId;
      arrivals.set(id, () => {
        arrivals.delete(id);
        socket.destroy();
      });
    }
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.bodyAfterContinue !== undefined && !continued) {
        received += chunk.toString('latin1');
        if (received.includes('100 Continue\r\n\r\n')) {
          continued = true;
          socket.write(options.bodyAfterContinue);
        }
      }
      if (options.abortAfterHead && Buffer.concat(chunks).includes('\r\n\r\n')) socket.destroy();
      if (options.slow) {
        socket.pause();
        setTimeout(() => socket.resume(), 1);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const mine = options.abortAfterHead === true || options.abandonId !== undefined;
      resolve(mine ? '' : summarise(withoutDate(Buffer.concat(chunks).toString('latin1'))));
    });
    socket.write(text);
  });
}
