import type { ServerResponse } from 'node:http';
import type { Misuse } from './context.js';
import { ensureState, type ResponseState } from './state.js';

/** Parse a Content-Length header value; `undefined` when absent or not a plain byte count. */
export function parseLength(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/u.test(value)) return Number(value);
  if (Array.isArray(value) && value.length === 1) return parseLength(value[0]);
  return undefined;
}

/** A Content-Length in the header argument of a head commit (`writeHead(200, { 'Content-Length': n })`). */
export function lengthInHeaderArgs(args: ArrayLike<unknown>): number | undefined {
  for (let a = 0; a < args.length; a += 1) {
    const arg = args[a];
    if (arg === null || typeof arg !== 'object') continue;
    if (Array.isArray(arg)) {
      // [[name, value], ...] or the flat [name, value, name, value, ...]
      for (let i = 0; i < arg.length; i += 1) {
        const entry: unknown = arg[i];
        if (Array.isArray(entry) && isContentLength(entry[0])) return parseLength(entry[1]);
        if (i % 2 === 0 && isContentLength(entry)) return parseLength(arg[i + 1]);
      }
    } else {
      for (const [name, value] of Object.entries(arg)) if (isContentLength(name)) return parseLength(value);
    }
  }
  return undefined;
}

function isContentLength(name: unknown): boolean {
  return typeof name === 'string' && name.length === 14 && name.toLowerCase() === 'content-length';
}

/** Node sends no body for HEAD, 1xx, 204 and 304, so a declared length there describes nothing written. */
function bodyAllowed(res: ServerResponse): boolean {
  if (res.req?.method === 'HEAD') return false;
  const status = res.statusCode;
  return !(status === 204 || status === 304 || (status >= 100 && status < 200));
}

/** The declared Content-Length: remembered at the head commit, or still readable from the headers. */
export function declaredLength(res: ServerResponse, st: ResponseState | undefined): number | undefined {
  if (st?.declared !== undefined) return st.declared;
  if (res.headersSent) return undefined;
  return parseLength(contentLengthHeader(res));
}

/**
 * Where Node keeps a response's headers: an own property under a symbol described 'kOutHeaders',
 * `null` or `{ [lower-case name]: [name, value] }`. Looked for once; `null` when this Node keeps them
 * elsewhere (then `getHeader()` is used).
 */
let outHeadersKey: symbol | null | undefined;

/**
 * The Content-Length header as `res.getHeader('content-length')` returns it. Read straight from
 * Node's header store: `getHeader()` validates the name, lower-cases it and looks the new string up,
 * ~700 machine instructions on every `end(data)` (callgrind), 4% of a node:http hello-world request.
 */
export function contentLengthHeader(res: ServerResponse): unknown {
  if (outHeadersKey === undefined) outHeadersKey = findOutHeadersKey(res);
  if (outHeadersKey === null) return res.getHeader('content-length');
  const headers = (res as unknown as Record<symbol, Record<string, readonly [string, unknown] | undefined> | null>)[outHeadersKey];
  return headers?.['content-length']?.[1];
}

/**
 * Whether the response (head not sent yet) has a Content-Length header at all: the guard's fast path
 * asks this on every `end(data)`, and almost always the answer is no, so it neither parses nor
 * calls out (callgrind, node:http hello world: the check went from ~380 to ~210 instructions).
 */
export function hasLengthHeader(res: ServerResponse): boolean {
  if (outHeadersKey === undefined) outHeadersKey = findOutHeadersKey(res);
  if (outHeadersKey === null) return res.hasHeader('content-length');
  const headers = (res as unknown as Record<symbol, Record<string, unknown> | null | undefined>)[outHeadersKey];
  return headers !== null && headers !== undefined && headers['content-length'] !== undefined;
}

function findOutHeadersKey(res: ServerResponse): symbol | null {
  const key = Object.getOwnPropertySymbols(res).find((symbol) => symbol.description === 'kOutHeaders');
  if (key === undefined) return null;
  // Trust it only if it agrees with getHeader() on this response.
  const headers: unknown = (res as unknown as Record<symbol, unknown>)[key];
  if (headers !== null && (typeof headers !== 'object' || Object.getPrototypeOf(headers) !== null)) return null;
  const entry = (headers as Record<string, unknown> | null)?.['content-length'];
  const value = Array.isArray(entry) ? (entry[1] as unknown) : undefined;
  return value === res.getHeader('content-length') ? key : null;
}

function bytesOf(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  return 0;
}

/**
 * Check a `write(chunk)` (`ending` false) or an `end(chunk?)` (`ending` true) against the declared
 * Content-Length, BEFORE the bytes are handed to Node. Counts the bytes when they fit.
 * Returns the misuse, or `undefined` when the bytes agree (or nothing was declared).
 */
export function checkLength(
  res: ServerResponse,
  st: ResponseState | undefined,
  chunk: unknown,
  encoding: unknown,
  ending: boolean,
  operation: string,
): Misuse | undefined {
  const declared = declaredLength(res, st);
  if (declared === undefined || !bodyAllowed(res)) return undefined;
  const hasChunk = typeof chunk !== 'function' && Boolean(chunk);
  const bytes = hasChunk ? bytesOf(chunk, encoding) : 0;
  const written = (st?.written ?? 0) + bytes;
  const chars = (st?.chars ?? 0) + (typeof chunk === 'string' ? chunk.length : 0);
  if (written > declared || (ending && written < declared)) {
    const hint =
      chars === declared && chars !== written
        ? ` (the declared value equals the string's .length, ${chars} UTF-16 code units, not its ${written} bytes)`
        : written > declared
          ? ' (more than declared: they would corrupt the next response on a keep-alive connection)'
          : ' (fewer than declared: the client would wait for the rest)';
    return {
      rule: 'content-length-in-bytes',
      messageId: 'mismatch',
      operation,
      data: { declared, actual: ending ? written : `at least ${written}`, hint },
    };
  }
  if (!ending) {
    const state = st ?? ensureState(res);
    state.declared = declared;
    state.written = written;
    state.chars = chars;
  }
  return undefined;
}
