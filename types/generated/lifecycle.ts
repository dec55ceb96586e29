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
  readonly setHeader: "res.setHeader(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly setHeaders: "res.setHeaders(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly appendHeader: "res.appendHeader(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly removeHeader: "res.removeHeader(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly statusCode: "res.statusCode = ...: the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly statusMessage: "res.statusMessage = ...: the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly sendDate: "res.sendDate = ...: the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly writeHead: "res.writeHead(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly flushHeaders: "res.flushHeaders(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly writeContinue: "res.writeContinue(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly writeProcessing: "res.writeProcessing(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly writeEarlyHints: "res.writeEarlyHints(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly write: "res.write(): the response already ended (ERR_STREAM_WRITE_AFTER_END) - write every chunk before end()";
  readonly addTrailers: "res.addTrailers(): the response already ended (ERR_STREAM_WRITE_AFTER_END) - write every chunk before end()";
  readonly "end(data)": "res.end(data): the response already ended (ERR_STREAM_WRITE_AFTER_END) - write every chunk before end()";
  readonly status: "res.status(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly set: "res.set(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly header: "res.header(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly append: "res.append(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly type: "res.type(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly contentType: "res.contentType(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly cookie: "res.cookie(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly clearCookie: "res.clearCookie(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly location: "res.location(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly links: "res.links(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly vary: "res.vary(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly attachment: "res.attachment(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send";
  readonly send: "res.send(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly json: "res.json(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly jsonp: "res.jsonp(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly sendStatus: "res.sendStatus(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly redirect: "res.redirect(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly sendFile: "res.sendFile(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly download: "res.download(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly render: "res.render(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
  readonly format: "res.format(): the head was already sent (ERR_HTTP_HEADERS_SENT) or the response was already finished - set status and headers before the first write or send; return after the first send (`return res.send(...)`)";
}

/** Calls refused only for some argument shapes; the hand-written bases declare their overloads. */
export type PartialRefusals = "sent:render";

/** node:http response: sent. */
export interface NodeSentRes extends NodeSentBase {
  readonly [lifecycleState]: 'sent' | 'ended';
  setHeader(this: MisuseMessages["setHeader"], ...args: any[]): any;
  setHeaders(this: MisuseMessages["setHeaders"], ...args: any[]): any;
  appendHeader(this: MisuseMessages["appendHeader"], ...args: any[]): any;
  removeHeader(this: MisuseMessages["removeHeader"], ...args: any[]): any;
  get statusCode(): http.ServerResponse["statusCode"];
  set statusCode(value: MisuseMessages["statusCode"]);
  get statusMessage(): http.ServerResponse["statusMessage"];
  set statusMessage(value: MisuseMessages["statusMessage"]);
  get sendDate(): http.ServerResponse["sendDate"];
  set sendDate(value: MisuseMessages["sendDate"]);
  writeHead(this: MisuseMessages["writeHead"], ...args: any[]): any;
  flushHeaders(this: MisuseMessages["flushHeaders"], ...args: any[]): any;
  writeContinue(this: MisuseMessages["writeContinue"], ...args: any[]): any;
  writeProcessing(this: MisuseMessages["writeProcessing"], ...args: any[]): any;
  writeEarlyHints(this: MisuseMessages["writeEarlyHints"], ...args: any[]): any;
}

/** node:http response: ended. */
export interface NodeEndedRes extends NodeSentRes {
  readonly [lifecycleState]: 'ended';
  write(this: MisuseMessages["write"], ...args: any[]): any;
  addTrailers(this: MisuseMessages["addTrailers"], ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, MisuseMessages["end(data)"]>, ...args: A): any;
}

/** node:http chain handle: sent. */
export interface NodeChainSent extends NodeChainRes {
  setHeader(this: MisuseMessages["setHeader"], ...args: any[]): any;
  setHeaders(this: MisuseMessages["setHeaders"], ...args: any[]): any;
  appendHeader(this: MisuseMessages["appendHeader"], ...args: any[]): any;
  removeHeader(this: MisuseMessages["removeHeader"], ...args: any[]): any;
  writeHead(this: MisuseMessages["writeHead"], ...args: any[]): any;
  flushHeaders(this: MisuseMessages["flushHeaders"], ...args: any[]): any;
  writeContinue(this: MisuseMessages["writeContinue"], ...args: any[]): any;
  writeProcessing(this: MisuseMessages["writeProcessing"], ...args: any[]): any;
  writeEarlyHints(this: MisuseMessages["writeEarlyHints"], ...args: any[]): any;
}

/** node:http chain handle: ended. */
export interface NodeChainEnded extends NodeChainSent {
  write(this: MisuseMessages["write"], ...args: any[]): any;
  addTrailers(this: MisuseMessages["addTrailers"], ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, MisuseMessages["end(data)"]>, ...args: A): any;
}

/** Express response: sent. */
export interface SentRes<Body = any, Locals extends LocalsObject = LocalsObject> extends SentBase<Body, Locals> {
  readonly [lifecycleState]: 'sent' | 'ended';
  setHeader(this: MisuseMessages["setHeader"], ...args: any[]): any;
  setHeaders(this: MisuseMessages["setHeaders"], ...args: any[]): any;
  appendHeader(this: MisuseMessages["appendHeader"], ...args: any[]): any;
  removeHeader(this: MisuseMessages["removeHeader"], ...args: any[]): any;
  get statusCode(): http.ServerResponse["statusCode"];
  set statusCode(value: MisuseMessages["statusCode"]);
  get statusMessage(): http.ServerResponse["statusMessage"];
  set statusMessage(value: MisuseMessages["statusMessage"]);
  get sendDate(): http.ServerResponse["sendDate"];
  set sendDate(value: MisuseMessages["sendDate"]);
  writeHead(this: MisuseMessages["writeHead"], ...args: any[]): any;
  flushHeaders(this: MisuseMessages["flushHeaders"], ...args: any[]): any;
  writeContinue(this: MisuseMessages["writeContinue"], ...args: any[]): any;
  writeProcessing(this: MisuseMessages["writeProcessing"], ...args: any[]): any;
  writeEarlyHints(this: MisuseMessages["writeEarlyHints"], ...args: any[]): any;
  status(this: MisuseMessages["status"], ...args: any[]): any;
  set(this: MisuseMessages["set"], ...args: any[]): any;
  header(this: MisuseMessages["header"], ...args: any[]): any;
  append(this: MisuseMessages["append"], ...args: any[]): any;
  type(this: MisuseMessages["type"], ...args: any[]): any;
  contentType(this: MisuseMessages["contentType"], ...args: any[]): any;
  cookie(this: MisuseMessages["cookie"], ...args: any[]): any;
  clearCookie(this: MisuseMessages["clearCookie"], ...args: any[]): any;
  location(this: MisuseMessages["location"], ...args: any[]): any;
  links(this: MisuseMessages["links"], ...args: any[]): any;
  vary(this: MisuseMessages["vary"], ...args: any[]): any;
  attachment(this: MisuseMessages["attachment"], ...args: any[]): any;
  send(this: MisuseMessages["send"], ...args: any[]): any;
  json(this: MisuseMessages["json"], ...args: any[]): any;
  jsonp(this: MisuseMessages["jsonp"], ...args: any[]): any;
  sendStatus(this: MisuseMessages["sendStatus"], ...args: any[]): any;
  redirect(this: MisuseMessages["redirect"], ...args: any[]): any;
  sendFile(this: MisuseMessages["sendFile"], ...args: any[]): any;
  download(this: MisuseMessages["download"], ...args: any[]): any;
  format(this: MisuseMessages["format"], ...args: any[]): any;
}

/** Express response: ended. */
export interface EndedRes<Body = any, Locals extends LocalsObject = LocalsObject> extends SentRes<Body, Locals> {
  readonly [lifecycleState]: 'ended';
  write(this: MisuseMessages["write"], ...args: any[]): any;
  addTrailers(this: MisuseMessages["addTrailers"], ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, MisuseMessages["end(data)"]>, ...args: A): any;
  render(this: MisuseMessages["render"], ...args: any[]): any;
}

/** Express chain handle: sent. */
export interface ChainSent<Body = any, Locals extends LocalsObject = LocalsObject> extends ChainRes<Body, Locals> {
  setHeader(this: MisuseMessages["setHeader"], ...args: any[]): any;
  setHeaders(this: MisuseMessages["setHeaders"], ...args: any[]): any;
  appendHeader(this: MisuseMessages["appendHeader"], ...args: any[]): any;
  removeHeader(this: MisuseMessages["removeHeader"], ...args: any[]): any;
  writeHead(this: MisuseMessages["writeHead"], ...args: any[]): any;
  flushHeaders(this: MisuseMessages["flushHeaders"], ...args: any[]): any;
  writeContinue(this: MisuseMessages["writeContinue"], ...args: any[]): any;
  writeProcessing(this: MisuseMessages["writeProcessing"], ...args: any[]): any;
  writeEarlyHints(this: MisuseMessages["writeEarlyHints"], ...args: any[]): any;
  status(this: MisuseMessages["status"], ...args: any[]): any;
  set(this: MisuseMessages["set"], ...args: any[]): any;
  header(this: MisuseMessages["header"], ...args: any[]): any;
  append(this: MisuseMessages["append"], ...args: any[]): any;
  type(this: MisuseMessages["type"], ...args: any[]): any;
  contentType(this: MisuseMessages["contentType"], ...args: any[]): any;
  cookie(this: MisuseMessages["cookie"], ...args: any[]): any;
  clearCookie(this: MisuseMessages["clearCookie"], ...args: any[]): any;
  location(this: MisuseMessages["location"], ...args: any[]): any;
  links(this: MisuseMessages["links"], ...args: any[]): any;
  vary(this: MisuseMessages["vary"], ...args: any[]): any;
  attachment(this: MisuseMessages["attachment"], ...args: any[]): any;
  send(this: MisuseMessages["send"], ...args: any[]): any;
  json(this: MisuseMessages["json"], ...args: any[]): any;
  jsonp(this: MisuseMessages["jsonp"], ...args: any[]): any;
  sendStatus(this: MisuseMessages["sendStatus"], ...args: any[]): any;
  redirect(this: MisuseMessages["redirect"], ...args: any[]): any;
  sendFile(this: MisuseMessages["sendFile"], ...args: any[]): any;
  download(this: MisuseMessages["download"], ...args: any[]): any;
  format(this: MisuseMessages["format"], ...args: any[]): any;
}

/** Express chain handle: ended. */
export interface ChainEnded<Body = any, Locals extends LocalsObject = LocalsObject> extends ChainSent<Body, Locals> {
  write(this: MisuseMessages["write"], ...args: any[]): any;
  addTrailers(this: MisuseMessages["addTrailers"], ...args: any[]): any;
  end<A extends any[]>(this: ByData<A, unknown, MisuseMessages["end(data)"]>, ...args: A): any;
  render(this: MisuseMessages["render"], ...args: any[]): any;
}
