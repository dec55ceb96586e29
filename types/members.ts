/* eslint-disable @typescript-eslint/no-explicit-any -- the signatures mirror @types/node and @types/express */
/**
 * The re-declared members of a response, shared by the node:http and Express state types. A state
 * type is `Omit<original, ManagedMembers>` plus these. Which calls are *refused* in a later state is
 * not decided here but in generated/lifecycle.ts, from the lifecycle model.
 *
 * Transitions are assertion methods (`asserts this is Sent`): a call statement on an annotated
 * `res` narrows it. Assertion signatures return `void`, and a call can only narrow when it is a
 * statement whose callee is a dotted name, so:
 * - each assertion overload is followed by the original signature. Calls never pick it (the
 *   assertion accepts the same arguments and comes first); it keeps the state types assignable to
 *   `http.ServerResponse`, `express.Response` and `NodeJS.WritableStream`;
 * - head mutations return a *chain handle* whose methods are not assertions, so that
 *   `res.status(404).json(x)` compiles (an assertion at the end of a chain is error TS2776). On the
 *   open types each is followed by the original `this`-returning signature, which calls never pick
 *   either. Generic callers like Express's `app.get(path, handler)` infer from `Res` by walking it
 *   against `express.Response` member by member, matching overloads from the last one; ending on
 *   `this` keeps that walk from starting over on `ChainRes`, `ChainSent` and `ChainEnded` on every
 *   call (1000 registered handlers: 2.4× fewer property visits, check time 1.5× → ~1.1× of plain;
 *   docs/types.md, Cost).
 */
import type { OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import type * as core from 'express-serve-static-core';
import type { CookieOptions, Errback } from 'express-serve-static-core';

// Read off the methods rather than imported by name: @types/express-serve-static-core before 4.19
// does not export these two names, and without skipLibCheck the import would be an error there
// (under skipLibCheck, silently `any`). The last overload of each is the one with options.
type SendFileOptions = Parameters<core.Response['sendFile']>[1];
type DownloadOptions = Parameters<core.Response['download']>[2];

export type HeadHeaders = OutgoingHttpHeaders | OutgoingHttpHeader[];
export type HeaderValue = number | string | readonly string[];
export type WriteCallback = (error: Error | null | undefined) => void;
export type RenderCallback = (err: Error, html: string) => void;
type HeaderCollection = Headers | Map<string, HeaderValue>;

/**
 * A key no code can use. The sent and ended types carry it (required), the open types do not: that
 * keeps an open response from being assignable to a later state. Otherwise assertion narrowing
 * would keep the declared type (refusals take `...args`, so a later state is never a *strict*
 * subtype, and the checker then prefers the declared type when it is assignable to the asserted
 * one), and `res.write(x)` would narrow nothing. Required rather than optional on the open type:
 * an optional brand on `Res` made Express's overload inference several times slower.
 */
export declare const lifecycleState: unique symbol;

/** node:http members of an open response. `Chain` is the handle head mutations return. */
export interface NodeOpenMembers<Sent, Ended, Chain> {
  setHeader(name: string, value: HeaderValue): Chain;
  setHeader(name: string, value: HeaderValue): this;
  setHeaders(headers: HeaderCollection): Chain;
  setHeaders(headers: HeaderCollection): this;
  appendHeader(name: string, value: string | readonly string[]): Chain;
  appendHeader(name: string, value: string | readonly string[]): this;
  removeHeader(name: string): void;
  writeHead(statusCode: number, headers?: HeadHeaders): asserts this is Sent;
  writeHead(statusCode: number, statusMessage?: string, headers?: HeadHeaders): asserts this is Sent;
  writeHead(statusCode: number, statusMessage?: string, headers?: HeadHeaders): this;
  writeHead(statusCode: number, headers?: HeadHeaders): this;
  flushHeaders(): asserts this is Sent;
  /** The first write sends the head. Its boolean is available once the head is sent (see docs/types.md). */
  write(chunk: any, callback?: WriteCallback): asserts this is Sent;
  write(chunk: any, encoding: BufferEncoding, callback?: WriteCallback): asserts this is Sent;
  write(chunk: any, callback?: WriteCallback): boolean;
  write(chunk: any, encoding: BufferEncoding, callback?: WriteCallback): boolean;
  end(callback?: () => void): asserts this is Ended;
  end(chunk: any, callback?: () => void): asserts this is Ended;
  end(chunk: any, encoding: BufferEncoding, callback?: () => void): asserts this is Ended;
  end(callback?: () => void): this;
  end(chunk: any, callback?: () => void): this;
  end(chunk: any, encoding: BufferEncoding, callback?: () => void): this;
  destroy(error?: Error): asserts this is Ended;
  destroy(error?: Error): this;
}

/** node:http members once the head is sent: writing goes on, and `write()` returns its boolean again. */
export interface NodeSentWrites {
  write(chunk: any, callback?: WriteCallback): boolean;
  write(chunk: any, encoding: BufferEncoding, callback?: WriteCallback): boolean;
}

/** node:http members of a chain handle: nothing narrows, each call returns the next handle. */
export interface NodeChainMembers<Chain, ChainSent, ChainEnded> {
  setHeader(name: string, value: HeaderValue): Chain;
  setHeaders(headers: HeaderCollection): Chain;
  appendHeader(name: string, value: string | readonly string[]): Chain;
  removeHeader(name: string): void;
  writeHead(statusCode: number, statusMessage?: string, headers?: HeadHeaders): ChainSent;
  writeHead(statusCode: number, headers?: HeadHeaders): ChainSent;
  flushHeaders(): void;
  write(chunk: any, callback?: WriteCallback): boolean;
  write(chunk: any, encoding: BufferEncoding, callback?: WriteCallback): boolean;
  end(callback?: () => void): ChainEnded;
  end(chunk: any, callback?: () => void): ChainEnded;
  end(chunk: any, encoding: BufferEncoding, callback?: () => void): ChainEnded;
  destroy(error?: Error): ChainEnded;
}

/** Express head mutations, returning `Chain`. */
export interface ExpressHeadMembers<Chain> {
  status(code: number): Chain;
  status(code: number): this;
  set(field: any): Chain;
  set(field: string, value?: string | string[]): Chain;
  set(field: any): this;
  set(field: string, value?: string | string[]): this;
  header(field: any): Chain;
  header(field: string, value?: string | string[]): Chain;
  header(field: any): this;
  header(field: string, value?: string | string[]): this;
  append(field: string, value?: string[] | string): Chain;
  append(field: string, value?: string[] | string): this;
  type(type: string): Chain;
  type(type: string): this;
  contentType(type: string): Chain;
  contentType(type: string): this;
  cookie(name: string, val: string, options: CookieOptions): Chain;
  cookie(name: string, val: any, options: CookieOptions): Chain;
  cookie(name: string, val: any): Chain;
  cookie(name: string, val: string, options: CookieOptions): this;
  cookie(name: string, val: any, options: CookieOptions): this;
  cookie(name: string, val: any): this;
  clearCookie(name: string, options?: CookieOptions): Chain;
  clearCookie(name: string, options?: CookieOptions): this;
  location(url: string): Chain;
  location(url: string): this;
  links(links: any): Chain;
  links(links: any): this;
  vary(field: string): Chain;
  vary(field: string): this;
  attachment(filename?: string): Chain;
  attachment(filename?: string): this;
}

/** Express members of an open response: head mutations return `Chain`, finishers assert `Ended`. */
export interface ExpressOpenMembers<Body, Ended, Chain> extends ExpressHeadMembers<Chain> {
  send(body?: Body): asserts this is Ended;
  send(body?: Body): this;
  json(body?: Body): asserts this is Ended;
  json(body?: Body): this;
  jsonp(body?: Body): asserts this is Ended;
  jsonp(body?: Body): this;
  sendStatus(code: number): asserts this is Ended;
  sendStatus(code: number): this;
  redirect(url: string): asserts this is Ended;
  redirect(status: number, url: string): asserts this is Ended;
  sendFile(path: string, fn?: Errback): asserts this is Ended;
  sendFile(path: string, options: SendFileOptions, fn?: Errback): asserts this is Ended;
  download(path: string, fn?: Errback): asserts this is Ended;
  download(path: string, filename: string, fn?: Errback): asserts this is Ended;
  download(path: string, filename: string, options: DownloadOptions, fn?: Errback): asserts this is Ended;
  /** With a callback, the callback must send the HTML itself: no transition (the model's `handOff`). */
  render(view: string, options: object | undefined, callback: RenderCallback): void;
  render(view: string, callback: RenderCallback): void;
  render(view: string, options?: object): asserts this is Ended;
}

/** Express members of a chain handle: head mutations return the handle itself (`Chain`). */
export interface ExpressChainMembers<Body, Chain, ChainEnded> extends ExpressHeadMembers<Chain> {
  send(body?: Body): ChainEnded;
  json(body?: Body): ChainEnded;
  jsonp(body?: Body): ChainEnded;
  sendStatus(code: number): ChainEnded;
  redirect(url: string): void;
  redirect(status: number, url: string): void;
  sendFile(path: string, fn?: Errback): void;
  sendFile(path: string, options: SendFileOptions, fn?: Errback): void;
  download(path: string, fn?: Errback): void;
  download(path: string, filename: string, fn?: Errback): void;
  download(path: string, filename: string, options: DownloadOptions, fn?: Errback): void;
  render(view: string, options?: object, callback?: RenderCallback): void;
  render(view: string, callback?: RenderCallback): void;
}
