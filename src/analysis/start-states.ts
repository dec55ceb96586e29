/**
 * Functions that do not start where they were created: code that runs at a point of the
 * response's life the creator cannot see. A nested callback otherwise starts from the state where
 * it was created (./solve.ts); these start (also) with the head maybe sent, or with the response
 * already ended:
 *
 * - an `'error'` listener that receives the response (`proxy.on('error', (err, req, res) => …)`):
 *   the proxy may have sent the upstream head before the upstream failed; maybe sent;
 * - the last callback of `pipeline`/`pump`/`finished`/`eos`/`onFinished` given the response: it
 *   runs once the stream finished or failed, possibly after the head went out; maybe sent;
 * - the callback of `res.sendFile(path, cb)` / `res.download(path, cb)`: it hears how the transfer
 *   went, and an error (a client that aborted) may come after the head went out; maybe sent;
 * - an `'error'` listener of a stream piped into the response (`src.pipe(res)`, registered after
 *   the pipe): data may have flowed before the error; maybe sent, by a pipe that will not end the
 *   response (`brokenPipe`: a `headersSent` guard there is not an answer, ./state.ts `answeredNow`);
 * - an `'end'` listener of such a source, registered after the pipe (which registered its own
 *   `'end'` listener first): it runs after the pipe ended the response; ended;
 * - the body of an override of `res.end` or `res.write` (`res.end = function (…) {…}`): the code
 *   calling it may have written before; maybe sent. An override of `writeHead` starts as its
 *   creator left the response: Node calls `writeHead` (through `_implicitHeader`) only while the
 *   head is not out, so setting headers there is the on-headers idiom, not a slip;
 * - with the `errorHandlersMaybeSent` option, Express error middleware `(err, req, res, next)`:
 *   the handler that called `next(err)` may have sent the head first; maybe sent.
 *
 * The collector (./collect.ts) asks `startFactsOf` when a function's code path starts; the solver
 * applies the facts on top of the inherited state (`applyStartFacts`). Guards (`if
 * (!res.headersSent)`) refine these states like any other.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { declaredVariable, propertyName, throughTs, unwrapTs } from '../util/ast.js';
import { calleeName, handlerInfo, isFunctionNode, type FunctionNode } from './handlers.js';
import { memberSpec } from '../lifecycle/index.js';
import type { Resolver } from './references.js';
import type { ResponseLookup } from './connection-teardown.js';
import { OPEN, withKey, type KeyState, type Origin, type PathState, type ResponseKey, type Tri } from './state.js';

/** What a function knows of a response when it starts, whatever state it was created in. */
export type StartFact =
  /** The head is (maybe) sent, or the response ended, by `origin`. */
  | { readonly kind: 'state'; readonly key: ResponseKey; readonly sent: Tri; readonly ended: Tri; readonly origin: Origin }
  /**
   * A listener of the stream `source`: read off the state where it is created, which says whether
   * (and on which paths) `source.pipe(res)` ran before. `'error'`: maybe sent; `'end'`: ended.
   */
  | { readonly kind: 'afterPipe'; readonly event: 'error' | 'end'; readonly pipedFromSource: (pipe: TSESTree.Node) => boolean };

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Callbacks that hear how a stream into the response finished: the last argument. */
const STREAM_COMPLETION = new Set(['pipeline', 'pump', 'finished', 'eos', 'onFinished']);
/** Of these, the ones whose first argument is the stream they watch (the others take every stream). */
const WATCHES_FIRST = new Set(['finished', 'eos', 'onFinished']);
/** Response methods whose override may run after the head went out. */
const MAYBE_SENT_OVERRIDES = new Set(['end', 'write']);

const REQ_NAME = /^_?(?:req|request)$/u;
const RES_NAME = /^_?(?:res|response|rsp|resp)$/u;

export interface StartLookup extends ResponseLookup {
  readonly errorHandlersMaybeSent: boolean;
}

/**
 * `x.on('error', (err, req, res) => …)`: the index of the response among the listener's
 * parameters (http-proxy's error event), or `undefined`. Read before the traversal, to track it.
 */
export function errorListenerResponseIndex(fn: TSESTree.Node): number | undefined {
  if (!isFunctionNode(fn) || !isListenerOf(fn, 'error')) return undefined;
  const [, req, res] = fn.params;
  return req?.type === AST_NODE_TYPES.Identifier && REQ_NAME.test(req.name) && res?.type === AST_NODE_TYPES.Identifier && RES_NAME.test(res.name)
    ? 2
    : undefined;
}

/** A parameter that is the response of such an error listener. */
export function isErrorListenerResponse(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter' || !isFunctionNode(def.node as TSESTree.Node)) return false;
  const fn = def.node as FunctionNode;
  return fn.params[errorListenerResponseIndex(fn) ?? -1] === def.name;
}

/** The facts `fn` starts with (most functions: none). */
export function startFactsOf(fn: FunctionNode, lookup: StartLookup): StartFact[] {
  const parent = fn.parent;
  const facts: StartFact[] = [];
  const add = (key: ResponseKey | undefined, node: TSESTree.Node, display: string): void => {
    if (key) facts.push({ kind: 'state', key, sent: 1, ended: 0, origin: { node, display, statement: undefined } });
  };
  const maybeSent = (id: TSESTree.Node | undefined, node: TSESTree.Node, display: string): void =>
    add(id?.type === AST_NODE_TYPES.Identifier ? lookup.keyOf(id) : undefined, node, display);
  const ownMaybeSent = (param: TSESTree.Node | undefined, node: TSESTree.Node, display: string): void => {
    const variable = param ? declaredVariable(lookup.ctx.sourceCode, fn, param) : undefined;
    add(variable ? lookup.keyOfVariable(variable) : undefined, node, display);
  };
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = unwrapTs(parent.callee);
    const name = calleeName(callee);
    if (name !== undefined && STREAM_COMPLETION.has(name) && parent.arguments.at(-1) === fn && parent.arguments[0] !== fn) {
      const watched = WATCHES_FIRST.has(name) ? parent.arguments.slice(0, 1) : parent.arguments;
      const display = `${lookup.ctx.sourceCode.getText(callee as never)}()`;
      for (const arg of watched) maybeSent(unwrapTs(arg), parent, display);
    }
    // `res.sendFile(path, (err) => …)`: the error may come after the head went out (a client that aborted mid-file)
    const spec = name === undefined ? undefined : memberSpec(name);
    if (spec?.kind === 'method' && spec.effect === 'finish' && spec.async && !spec.withCallback && parent.arguments.at(-1) === fn && callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapTs(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier) maybeSent(object, parent, `${object.name}.${name}()`);
    }
    const event = listenerEvent(fn);
    if (event !== undefined && callee.type === AST_NODE_TYPES.MemberExpression) {
      const index = event === 'error' ? errorListenerResponseIndex(fn) : undefined;
      const source = unwrapTs(callee.object);
      if (index !== undefined) ownMaybeSent(fn.params[index], parent, lookup.ctx.sourceCode.getText(source as never));
      else if (source.type === AST_NODE_TYPES.Identifier && (event === 'error' || event === 'end')) {
        const stream = streamIdentity(source, lookup.resolve);
        facts.push({ kind: 'afterPipe', event, pipedFromSource: (pipe) => pipeSource(pipe, lookup.resolve) === stream });
      }
    }
  }
  const assigned = throughTs(fn);
  if (assigned.parent?.type === AST_NODE_TYPES.AssignmentExpression && assigned.parent.right === assigned && assigned.parent.operator === '=') {
    const assignment = assigned.parent;
    const target = unwrapTs(assignment.left);
    const method = target.type === AST_NODE_TYPES.MemberExpression ? propertyName(target) : undefined;
    if (target.type === AST_NODE_TYPES.MemberExpression && method !== undefined && MAYBE_SENT_OVERRIDES.has(method)) {
      const object = unwrapTs(target.object);
      // The code that calls the override may have written first: an earlier `res.write()`.
      if (object.type === AST_NODE_TYPES.Identifier) maybeSent(object, assignment, `${object.name}.write()`);
    }
  }
  if (lookup.errorHandlersMaybeSent) {
    const info = handlerInfo(fn, lookup.ctx);
    // The handler that called `next(err)` may have sent the head first.
    if (info?.errorHandler) ownMaybeSent(info.response, fn, 'next(err)');
  }
  return facts;
}

/** The state a function starts in: `inherited` (from where it was created) with its start facts on top. */
export function applyStartFacts(
  inherited: PathState,
  facts: readonly StartFact[] | undefined,
  createdIn: PathState | undefined,
): PathState {
  if (!facts || facts.length === 0) return inherited;
  let out = inherited;
  for (const fact of facts) {
    if (fact.kind === 'state') {
      out = withKey(out, fact.key, startingAt(out.get(fact.key) ?? OPEN, fact.sent, fact.ended, fact.origin));
      continue;
    }
    for (const [key, ks] of createdIn ?? []) {
      // The pipe is an asynchronous finisher: at creation it is pending in `endedBy`.
      const pipe = [...ks.endedBy].find((origin) => origin.async && fact.pipedFromSource(origin.node));
      if (!pipe) continue;
      const origin: Origin = { node: pipe.node, display: pipeDisplay(pipe), statement: undefined, ...(fact.event === 'error' ? { brokenPipe: true as const } : {}) };
      const certain: Tri = ks.ended === 2 && [...ks.endedBy].every((o) => o === pipe) ? 2 : 1;
      out = withKey(out, key, startingAt(out.get(key) ?? OPEN, fact.event === 'end' ? certain : 1, fact.event === 'end' ? certain : 0, origin));
    }
  }
  return out;
}

/** `ks` with the head sent / the response ended at least as certainly as given, by `origin`. */
function startingAt(ks: KeyState, sent: Tri, ended: Tri, origin: Origin): KeyState {
  const more = (a: Tri, b: Tri): Tri => (a >= b ? a : b);
  const by = (set: ReadonlySet<Origin>, was: Tri, now: Tri): ReadonlySet<Origin> => (now > 0 && was !== 2 ? new Set([...set, origin]) : set);
  return {
    ...ks,
    sent: more(ks.sent, sent),
    ended: more(ks.ended, ended),
    sentBy: by(ks.sentBy, ks.sent, sent),
    endedBy: by(ks.endedBy, ks.ended, ended),
  };
}

/** `x.on('error', fn)`: the event `fn` listens to, when it is a literal. */
function listenerEvent(fn: TSESTree.Node): string | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== fn) return undefined;
  const name = calleeName(unwrapTs(call.callee));
  const event = call.arguments[0];
  if (name === undefined || !LISTENER_METHODS.has(name) || unwrapTs(call.callee).type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? event.value : undefined;
}

function isListenerOf(fn: TSESTree.Node, event: string): boolean {
  return listenerEvent(fn) === event;
}

/** `src.pipe(res)` with the names written there (the collector's origin says `stream.pipe(res)`). */
function pipeDisplay(pipe: Origin): string {
  const call = pipe.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return pipe.display;
  const source = unwrapTs(call.callee.object);
  const target = call.arguments[0] ? unwrapTs(call.arguments[0]) : undefined;
  return source.type === AST_NODE_TYPES.Identifier && target?.type === AST_NODE_TYPES.Identifier ? `${source.name}.pipe(${target.name})` : pipe.display;
}

/** What a stream name stands for: its variable, or its name when it is not declared in the file. */
function streamIdentity(id: TSESTree.Identifier, resolve: Resolver): TSESLint.Scope.Variable | string {
  return resolve(id) ?? id.name;
}

/** The stream `src` in `src.pipe(…)`. */
function pipeSource(pipe: TSESTree.Node, resolve: Resolver): TSESLint.Scope.Variable | string | undefined {
  if (pipe.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrapTs(pipe.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'pipe') return undefined;
  const source = unwrapTs(callee.object);
  return source.type === AST_NODE_TYPES.Identifier ? streamIdentity(source, resolve) : undefined;
}
