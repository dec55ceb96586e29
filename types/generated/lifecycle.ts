// Generated from src/lifecycle by `npm run generate:types` (scripts/type-model.ts). Do not edit:
// tests/types/generated.test.ts fails when this file no longer matches the model.
/* eslint-disable @typescript-eslint/no-explicit-any -- refused methods accept any arguments */
import type * as http from 'node:http';
import type { ByData } from '../arguments.js';
import type { lifecycleState } from '../members.js';
import type { ChainRes, LocalsObject, SentBase } from '../express.js';
import type { NodeChainRes, NodeSentBase } from '../node.js';

/** Every member the model classifies (src/lifecycle/members.ts), with its framework and effect. */
export interface LifecycleMembers {
  readonly setHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly setHeaders: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly appendHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly removeHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly statusCode: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'mutateHead' };
  readonly statusMessage: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'mutateHead' };
  readonly sendDate: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'mutateHead' };
  readonly writeHead: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'commitHead' };
  readonly writeHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'commitHead' };
  readonly flushHeaders: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'commitHead' };
  readonly writeContinue: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'informational' };
  readonly writeProcessing: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'informational' };
  readonly writeEarlyHints: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'informational' };
  readonly write: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'writeBody' };
  readonly addTrailers: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'trailers' };
  readonly end: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly destroy: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'abort' };
  readonly getHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'read' };
  readonly getHeaders: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'read' };
  readonly getHeaderNames: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'read' };
  readonly getRawHeaderNames: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'read' };
  readonly hasHeader: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'read' };
  readonly headersSent: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableEnded: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableFinished: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly finished: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly errored: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly closed: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableObjectMode: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableLength: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableHighWaterMark: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableCorked: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly writableNeedDrain: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly req: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly socket: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'read' };
  readonly cork: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'neutral' };
  readonly uncork: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'neutral' };
  readonly setTimeout: { readonly framework: 'node'; readonly kind: 'method'; readonly effect: 'neutral' };
  readonly strictContentLength: { readonly framework: 'node'; readonly kind: 'property'; readonly effect: 'neutral' };
  readonly status: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly set: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly header: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly append: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly type: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly contentType: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly cookie: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly clearCookie: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly location: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly links: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly vary: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly attachment: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'mutateHead' };
  readonly get: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'read' };
  readonly locals: { readonly framework: 'express'; readonly kind: 'property'; readonly effect: 'read' };
  readonly app: { readonly framework: 'express'; readonly kind: 'property'; readonly effect: 'read' };
  readonly send: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly json: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly jsonp: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly sendStatus: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly redirect: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly sendFile: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly download: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly render: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'finish' };
  readonly format: { readonly framework: 'express'; readonly kind: 'method'; readonly effect: 'handOff' };
}

/** Members the model classifies that @types/node and @types/express do not declare: left undeclared. */
export type UndeclaredMembers = 'writeHeader' | 'getRawHeaderNames';

/** The members the hand-written state types re-declare: the declared methods with effect mutateHead, commitHead, writeBody, finish, abort. */
export interface ManagedMembersOf {
  readonly node: 'setHeader' | 'setHeaders' | 'appendHeader' | 'removeHeader' | 'writeHead' | 'flushHeaders' | 'write' | 'end' | 'destroy';
  readonly express: 'setHeader' | 'setHeaders' | 'appendHeader' | 'removeHeader' | 'writeHead' | 'flushHeaders' | 'write' | 'end' | 'destroy' | 'status' | 'set' | 'header' | 'append' | 'type' | 'contentType' | 'cookie' | 'clearCookie' | 'location' | 'links' | 'vary' | 'attachment' | 'send' | 'json' | 'jsonp' | 'sendStatus' | 'redirect' | 'sendFile' | 'download' | 'render';
}
export type ManagedMembers<Framework extends keyof ManagedMembersOf> = ManagedMembersOf[Framework];

/** The compile error of each refused call: what went wrong and what to do. */
export interface MisuseMessages {
  readonly setHeader: "no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly setHeaders: "no-header-after-send: `res.setHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly appendHeader: "no-header-after-send: `res.appendHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly removeHeader: "no-header-after-send: `res.removeHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly statusCode: "no-header-after-send: `res.statusCode = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly statusMessage: "no-header-after-send: `res.statusMessage = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly sendDate: "no-header-after-send: `res.sendDate = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly writeHead: "no-header-after-send: `res.writeHead()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly flushHeaders: "no-header-after-send: `res.flushHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly writeContinue: "no-header-after-send: `res.writeContinue()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly writeProcessing: "no-header-after-send: `res.writeProcessing()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly writeEarlyHints: "no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly write: "no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.";
  readonly addTrailers: "no-write-after-end: `res.addTrailers()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.";
  readonly "end(data)": "no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.";
  readonly status: "no-header-after-send: `res.status()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly set: "no-header-after-send: `res.set()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly header: "no-header-after-send: `res.header()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly append: "no-header-after-send: `res.append()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly type: "no-header-after-send: `res.type()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly contentType: "no-header-after-send: `res.contentType()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly cookie: "no-header-after-send: `res.cookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly clearCookie: "no-header-after-send: `res.clearCookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly location: "no-header-after-send: `res.location()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly links: "no-header-after-send: `res.links()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly vary: "no-header-after-send: `res.vary()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly attachment: "no-header-after-send: `res.attachment()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.";
  readonly send: "no-header-after-send, no-double-send: `res.send()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly json: "no-header-after-send, no-double-send: `res.json()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly jsonp: "no-header-after-send, no-double-send: `res.jsonp()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly sendStatus: "no-header-after-send, no-double-send: `res.sendStatus()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly redirect: "no-header-after-send, no-double-send: `res.redirect()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly sendFile: "no-header-after-send, no-double-send: `res.sendFile()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly download: "no-header-after-send, no-double-send: `res.download()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly render: "no-header-after-send, no-double-send: `res.render()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
  readonly format: "no-header-after-send, no-double-send: `res.format()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.";
}

/** Calls refused only for some argument shapes; the hand-written bases declare their overloads. */
export type PartialRefusals = "sent:render";

/** node:http response: sent. */
export interface NodeSentRes extends NodeSentBase {
  readonly [lifecycleState]: 'sent' | 'ended';
  setHeader(this: "no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  setHeaders(this: "no-header-after-send: `res.setHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  appendHeader(this: "no-header-after-send: `res.appendHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  removeHeader(this: "no-header-after-send: `res.removeHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  get statusCode(): http.ServerResponse["statusCode"];
  set statusCode(value: "no-header-after-send: `res.statusCode = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  get statusMessage(): http.ServerResponse["statusMessage"];
  set statusMessage(value: "no-header-after-send: `res.statusMessage = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  get sendDate(): http.ServerResponse["sendDate"];
  set sendDate(value: "no-header-after-send: `res.sendDate = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  writeHead(this: "no-header-after-send: `res.writeHead()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  flushHeaders(this: "no-header-after-send: `res.flushHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeContinue(this: "no-header-after-send: `res.writeContinue()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeProcessing(this: "no-header-after-send: `res.writeProcessing()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeEarlyHints(this: "no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
}

/** node:http response: ended. */
export interface NodeEndedRes extends NodeSentRes {
  readonly [lifecycleState]: 'ended';
  write(this: "no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  addTrailers(this: "no-write-after-end: `res.addTrailers()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, "no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.">, ...args: A): any;
}

/** node:http chain handle: sent. */
export interface NodeChainSent extends NodeChainRes {
  setHeader(this: "no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  setHeaders(this: "no-header-after-send: `res.setHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  appendHeader(this: "no-header-after-send: `res.appendHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  removeHeader(this: "no-header-after-send: `res.removeHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeHead(this: "no-header-after-send: `res.writeHead()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  flushHeaders(this: "no-header-after-send: `res.flushHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeContinue(this: "no-header-after-send: `res.writeContinue()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeProcessing(this: "no-header-after-send: `res.writeProcessing()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeEarlyHints(this: "no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
}

/** node:http chain handle: ended. */
export interface NodeChainEnded extends NodeChainSent {
  write(this: "no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  addTrailers(this: "no-write-after-end: `res.addTrailers()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, "no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.">, ...args: A): any;
}

/** Express response: sent. */
export interface SentRes<Body = any, Locals extends LocalsObject = LocalsObject> extends SentBase<Body, Locals> {
  readonly [lifecycleState]: 'sent' | 'ended';
  setHeader(this: "no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  setHeaders(this: "no-header-after-send: `res.setHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  appendHeader(this: "no-header-after-send: `res.appendHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  removeHeader(this: "no-header-after-send: `res.removeHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  get statusCode(): http.ServerResponse["statusCode"];
  set statusCode(value: "no-header-after-send: `res.statusCode = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  get statusMessage(): http.ServerResponse["statusMessage"];
  set statusMessage(value: "no-header-after-send: `res.statusMessage = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  get sendDate(): http.ServerResponse["sendDate"];
  set sendDate(value: "no-header-after-send: `res.sendDate = ...` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.");
  writeHead(this: "no-header-after-send: `res.writeHead()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  flushHeaders(this: "no-header-after-send: `res.flushHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeContinue(this: "no-header-after-send: `res.writeContinue()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeProcessing(this: "no-header-after-send: `res.writeProcessing()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeEarlyHints(this: "no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  status(this: "no-header-after-send: `res.status()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  set(this: "no-header-after-send: `res.set()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  header(this: "no-header-after-send: `res.header()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  append(this: "no-header-after-send: `res.append()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  type(this: "no-header-after-send: `res.type()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  contentType(this: "no-header-after-send: `res.contentType()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  cookie(this: "no-header-after-send: `res.cookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  clearCookie(this: "no-header-after-send: `res.clearCookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  location(this: "no-header-after-send: `res.location()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  links(this: "no-header-after-send: `res.links()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  vary(this: "no-header-after-send: `res.vary()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  attachment(this: "no-header-after-send: `res.attachment()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  send(this: "no-header-after-send, no-double-send: `res.send()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  json(this: "no-header-after-send, no-double-send: `res.json()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  jsonp(this: "no-header-after-send, no-double-send: `res.jsonp()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  sendStatus(this: "no-header-after-send, no-double-send: `res.sendStatus()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  redirect(this: "no-header-after-send, no-double-send: `res.redirect()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  sendFile(this: "no-header-after-send, no-double-send: `res.sendFile()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  download(this: "no-header-after-send, no-double-send: `res.download()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  format(this: "no-header-after-send, no-double-send: `res.format()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
}

/** Express response: ended. */
export interface EndedRes<Body = any, Locals extends LocalsObject = LocalsObject> extends SentRes<Body, Locals> {
  readonly [lifecycleState]: 'ended';
  write(this: "no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  addTrailers(this: "no-write-after-end: `res.addTrailers()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, "no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.">, ...args: A): any;
  render(this: "no-header-after-send, no-double-send: `res.render()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
}

/** Express chain handle: sent. */
export interface ChainSent<Body = any, Locals extends LocalsObject = LocalsObject> extends ChainRes<Body, Locals> {
  setHeader(this: "no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  setHeaders(this: "no-header-after-send: `res.setHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  appendHeader(this: "no-header-after-send: `res.appendHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  removeHeader(this: "no-header-after-send: `res.removeHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeHead(this: "no-header-after-send: `res.writeHead()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  flushHeaders(this: "no-header-after-send: `res.flushHeaders()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeContinue(this: "no-header-after-send: `res.writeContinue()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeProcessing(this: "no-header-after-send: `res.writeProcessing()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  writeEarlyHints(this: "no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  status(this: "no-header-after-send: `res.status()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  set(this: "no-header-after-send: `res.set()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  header(this: "no-header-after-send: `res.header()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  append(this: "no-header-after-send: `res.append()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  type(this: "no-header-after-send: `res.type()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  contentType(this: "no-header-after-send: `res.contentType()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  cookie(this: "no-header-after-send: `res.cookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  clearCookie(this: "no-header-after-send: `res.clearCookie()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  location(this: "no-header-after-send: `res.location()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  links(this: "no-header-after-send: `res.links()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  vary(this: "no-header-after-send: `res.vary()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  attachment(this: "no-header-after-send: `res.attachment()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.", ...args: any[]): any;
  send(this: "no-header-after-send, no-double-send: `res.send()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  json(this: "no-header-after-send, no-double-send: `res.json()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  jsonp(this: "no-header-after-send, no-double-send: `res.jsonp()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  sendStatus(this: "no-header-after-send, no-double-send: `res.sendStatus()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  redirect(this: "no-header-after-send, no-double-send: `res.redirect()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  sendFile(this: "no-header-after-send, no-double-send: `res.sendFile()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  download(this: "no-header-after-send, no-double-send: `res.download()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
  format(this: "no-header-after-send, no-double-send: `res.format()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
}

/** Express chain handle: ended. */
export interface ChainEnded<Body = any, Locals extends LocalsObject = LocalsObject> extends ChainSent<Body, Locals> {
  write(this: "no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  addTrailers(this: "no-write-after-end: `res.addTrailers()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.", ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, "no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.">, ...args: A): any;
  render(this: "no-header-after-send, no-double-send: `res.render()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT), or finishes a response that was already finished. Set status and headers before the first write or send. Return after the first send (`return res.send(...)`), or check the response's `headersSent` first.", ...args: any[]): any;
}
