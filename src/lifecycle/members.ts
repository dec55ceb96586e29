import type { Effect } from './effects.js';

/** Which API a member belongs to. Express's `res` inherits every `node` member. */
export type Framework = 'node' | 'express';

export interface MemberSpec {
  readonly name: string;
  readonly framework: Framework;
  /** `method`: called; `property`: assigned (`res.statusCode = 404`) or read. */
  readonly kind: 'method' | 'property';
  readonly effect: Effect;
  /**
   * Sets headers before it does its main effect (Express `send`, `json`, … set Content-Type;
   * `format` sets Vary): illegal once the head is sent. Not true of the `withCallback` variant.
   */
  readonly setsHead?: true;
  /** For `end`: when called with a chunk (a first argument that is not a function) it also writes body bytes. */
  readonly writesDataWithArgs?: true;
  /** The effect completes later (file and template I/O); until then the response is already committed to finishing. */
  readonly async?: true;
  /** The effect when the last argument is a callback (`res.render(view, cb)` hands the response to `cb`). */
  readonly withCallback?: Effect;
  /**
   * How the member takes header names and values, for rules that inspect header values:
   * `nameValue`: `(name, value)`; `nameValueOrObject`: that or `({ name: value })` (Express `set`);
   * `afterStatus`: `(status[, statusMessage], headers)` with an object or `[name, value]` pairs;
   * `collection`: `(Headers | Map)`.
   */
  readonly headerArgs?: 'nameValue' | 'nameValueOrObject' | 'afterStatus' | 'collection';
  /** Where Express 4 differs from Express 5. */
  readonly express4?: string;
  readonly note?: string;
  /**
   * An own data property that Node sets on every response in its constructor. Assignments to it
   * cannot be intercepted at the prototype level, so the runtime guard (which stays off per-object
   * patching for speed) does not see them; the lint rules and the typings do.
   */
  readonly ownProperty?: true;
}

const node = (name: string, effect: Effect, extra: Partial<MemberSpec> = {}): MemberSpec => ({
  name,
  framework: 'node',
  kind: 'method',
  effect,
  ...extra,
});
const nodeProp = (name: string, effect: Effect, extra: Partial<MemberSpec> = {}): MemberSpec =>
  node(name, effect, { kind: 'property', ...extra });
const express = (name: string, effect: Effect, extra: Partial<MemberSpec> = {}): MemberSpec => ({
  name,
  framework: 'express',
  kind: 'method',
  effect,
  ...extra,
});

/**
 * Every member of `http.ServerResponse` (with the `OutgoingMessage` members people call on it)
 * and of Express 5's `res`, classified by its effect on the lifecycle. The rules, the typings and
 * the guard read this table; no other file keeps a list of method names.
 */
export const MEMBERS: readonly MemberSpec[] = [
  // node:http: head mutations
  node('setHeader', 'mutateHead', { headerArgs: 'nameValue' }),
  node('setHeaders', 'mutateHead', { headerArgs: 'collection', note: 'Node >= 18.15: a Headers or Map of headers.' }),
  node('appendHeader', 'mutateHead', { headerArgs: 'nameValue', note: 'Node >= 18.3.' }),
  node('removeHeader', 'mutateHead'),
  nodeProp('statusCode', 'mutateHead', { note: 'Assigning after the head is sent is silently ignored by Node.' }),
  nodeProp('statusMessage', 'mutateHead'),
  nodeProp('sendDate', 'mutateHead', { note: 'Controls the automatic Date header.', ownProperty: true }),
  // node:http: head commits, informational responses
  node('writeHead', 'commitHead', { headerArgs: 'afterStatus', note: 'Returns the response, so `res.writeHead(200, h).end(body)` chains.' }),
  node('writeHeader', 'commitHead', { headerArgs: 'afterStatus', note: 'Undocumented legacy alias of writeHead.' }),
  node('flushHeaders', 'commitHead'),
  node('writeContinue', 'informational'),
  node('writeProcessing', 'informational'),
  node('writeEarlyHints', 'informational'),
  // node:http: body
  node('write', 'writeBody', { note: 'The first write sends the head implicitly.' }),
  node('addTrailers', 'trailers'),
  node('end', 'finish', { writesDataWithArgs: true }),
  node('destroy', 'abort'),
  // node:http: reads
  node('getHeader', 'read'),
  node('getHeaders', 'read'),
  node('getHeaderNames', 'read'),
  node('getRawHeaderNames', 'read'),
  node('hasHeader', 'read'),
  nodeProp('headersSent', 'read'),
  nodeProp('writableEnded', 'read'),
  nodeProp('writableFinished', 'read'),
  nodeProp('finished', 'read', { note: 'Deprecated alias of writableEnded.' }),
  nodeProp('errored', 'read'),
  nodeProp('closed', 'read'),
  nodeProp('writableObjectMode', 'read'),
  nodeProp('writableLength', 'read'),
  nodeProp('writableHighWaterMark', 'read'),
  nodeProp('writableCorked', 'read'),
  nodeProp('writableNeedDrain', 'read'),
  nodeProp('req', 'read'),
  nodeProp('socket', 'read'),
  // node:http: stream and socket plumbing
  node('cork', 'neutral'),
  node('uncork', 'neutral'),
  node('setTimeout', 'neutral'),
  nodeProp('strictContentLength', 'neutral', { note: 'Makes Node throw on a Content-Length mismatch.', ownProperty: true }),

  // Express: head mutations
  express('status', 'mutateHead', { express4: 'Express 4 accepts any number; 5 throws on an invalid status code.' }),
  express('set', 'mutateHead', { headerArgs: 'nameValueOrObject' }),
  express('header', 'mutateHead', { headerArgs: 'nameValueOrObject', note: 'Alias of set.' }),
  express('append', 'mutateHead', { headerArgs: 'nameValue' }),
  express('type', 'mutateHead'),
  express('contentType', 'mutateHead', { note: 'Alias of type.' }),
  express('cookie', 'mutateHead'),
  express('clearCookie', 'mutateHead', { express4: 'Express 4 honours maxAge/expires options; 5 ignores them.' }),
  express('location', 'mutateHead'),
  express('links', 'mutateHead'),
  express('vary', 'mutateHead'),
  express('attachment', 'mutateHead'),
  // Express: reads
  express('get', 'read'),
  { name: 'locals', framework: 'express', kind: 'property', effect: 'read' },
  { name: 'app', framework: 'express', kind: 'property', effect: 'read' },
  // Express: finishers (they set Content-Type/Content-Length, so the head must still be open)
  express('send', 'finish', {
    setsHead: true,
    express4: 'Express 4 also accepts send(status, body) and send(status); 5 removed both.',
  }),
  express('json', 'finish', { setsHead: true, express4: 'Express 4 also accepts json(status, body).' }),
  express('jsonp', 'finish', { setsHead: true, express4: 'Express 4 also accepts jsonp(status, body).' }),
  express('sendStatus', 'finish', { setsHead: true }),
  express('redirect', 'finish', { setsHead: true, express4: 'Express 4 also accepts redirect(url, status).' }),
  express('sendFile', 'finish', {
    setsHead: true,
    async: true,
    note: 'Streams the file later; the optional callback receives errors but the response is already committed.',
    express4: 'Express 4 also has the deprecated alias sendfile (removed in 5).',
  }),
  express('download', 'finish', { setsHead: true, async: true }),
  express('render', 'finish', {
    setsHead: true,
    async: true,
    withCallback: 'handOff',
    note: 'With a callback, the callback receives the HTML and must send it itself.',
  }),
  // Express: hand-offs
  express('format', 'handOff', {
    setsHead: true,
    note: 'Sets Vary: Accept, then calls the callback matching Accept; without a match it calls next() with a 406 error.',
  }),
];

/**
 * Operations on a response that are not members of it: the request being passed on, and a
 * stream being piped into it (`src.pipe(res)`, `stream.pipeline(src, res)`).
 */
export const PSEUDO_OPERATIONS = {
  next: { effect: 'passOn', display: 'next()' },
  pipedInto: { effect: 'finish', display: 'stream.pipe(res)', async: true },
} as const satisfies Record<string, { effect: Effect; display: string; async?: true }>;

/**
 * Members that exist at run time but are deliberately not classified, with the reason. The
 * completeness test accepts a member only if it is in MEMBERS or here.
 */
export const IRRELEVANT_MEMBERS: Readonly<Record<string, string>> = {
  constructor: 'not called on a response',
  // EventEmitter: listening to a response does not change its lifecycle
  addListener: 'event plumbing',
  on: 'event plumbing',
  once: 'event plumbing',
  off: 'event plumbing',
  prependListener: 'event plumbing',
  prependOnceListener: 'event plumbing',
  removeListener: 'event plumbing',
  removeAllListeners: 'event plumbing',
  emit: 'event plumbing',
  listeners: 'event plumbing',
  rawListeners: 'event plumbing',
  listenerCount: 'event plumbing',
  eventNames: 'event plumbing',
  setMaxListeners: 'event plumbing',
  getMaxListeners: 'event plumbing',
  // Legacy Stream
  pipe: 'a response is not readable: res.pipe() throws ERR_STREAM_CANNOT_PIPE; piping INTO it is PSEUDO_OPERATIONS.pipedInto',
  // Internals, called by Node itself
  assignSocket: 'internal, called by the HTTP server',
  detachSocket: 'internal, called by the HTTP server',
  _finish: 'internal',
  _implicitHeader: 'internal',
  _renderHeaders: 'internal',
  _send: 'internal',
  _writeRaw: 'internal',
  _storeHeader: 'internal',
  _flush: 'internal',
  _flushOutput: 'internal',
  _headers: 'deprecated internal (DEP0066)',
  _headerNames: 'deprecated internal (DEP0066)',
  connection: 'deprecated alias of socket (DEP0136)',
};

const byName = new Map<string, MemberSpec>();
for (const spec of MEMBERS) byName.set(spec.name, spec);

/** The classification of a member name, or `undefined` when the name is not part of the lifecycle. */
export function memberSpec(name: string): MemberSpec | undefined {
  return byName.get(name);
}

/** All members with a given effect. */
export function membersWithEffect(effect: Effect): readonly MemberSpec[] {
  return MEMBERS.filter((spec) => spec.effect === effect);
}
