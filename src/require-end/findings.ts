/**
 * `require-end`: which functions must answer the request on every path that returns normally,
 * read from the shared analysis' exits (./../analysis/index.ts). A path is answered when the
 * analysis says so (ended, `next` called or passed on, the response handed to other code, or a
 * guard saw it sent, except in a piped source's `'error'` listener where the pipe that sent it
 * broke: ../analysis/state.ts) or when it returns a value the caller may act on (a promise, a result).
 *
 * Checked:
 * - registered handlers and middleware (`app.get('/', fn)`, `http.createServer(fn)`): always;
 * - any other function that finishes a response or calls `next` itself on some path (a handler
 *   declared apart from its registration, a database callback, a `.then` callback), except a
 *   helper given the request and response with more parameters (`sendPage(req, res, page)`).
 * Skipped on purpose (precision first): Koa-style `(ctx, next)` and client callbacks
 * (`api.get(url, (err, res) => …)`) that the registration heuristic mistakes for handlers;
 * callbacks of array iteration, timers and stream events other than `end`/`error`, which answer
 * for a part of the work while other code answers for the rest.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import {
  calleeName,
  isFunctionNode,
  registrationOf,
  unwrapTs,
  type FileAnalysis,
  type FunctionAnalysis,
  type FunctionExit,
  type FunctionNode,
  type HandlerInfo,
  type ResponseKey,
} from '../analysis/index.js';
import { isNoOpCallee } from '../analysis/no-op-callees.js';
import { isErrorListenerResponse } from '../analysis/start-states.js';
import { memberSpec } from '../lifecycle/index.js';
import { childNodes } from './child-nodes.js';
import { owedContinuation, type Continuation } from './continuations.js';
import { delegatesSomewhere, handedOver, overrideOf, type Override } from './overrides.js';

export interface MissingEnd {
  readonly fn: FunctionNode;
  readonly messageId: 'neverResponds' | 'someNotRespond';
  /** The response left unanswered. */
  readonly key: ResponseKey;
  /** For `someNotRespond`: the first exit (in source order) that leaves the request unanswered. */
  readonly exit: FunctionExit | undefined;
  /** Set when `fn` is a continuation owed the answer (`serve(req, res, (err) => …)`). */
  readonly continuation?: Continuation;
  /** Set when `fn` overrides the response's `end` or `writeHead` (./overrides.ts). */
  readonly override?: Override;
}

/** Callbacks that run for part of the work while other code answers the request. */
const PARTIAL_CALLBACK_METHODS = new Set([
  'forEach', 'map', 'flatMap', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every',
  'reduce', 'reduceRight', 'sort', 'setTimeout', 'setInterval', 'setImmediate',
]);
const STREAM_COMPLETION = new Set(['pipeline', 'pump', 'finished', 'eos', 'onFinished']);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Stream events after which nothing else will answer: these listeners must. */
const FINAL_EVENTS = new Set(['end', 'error']);
const KOA_CONTEXT = /^_?(?:ctx|context)$/u;
const NEXT_LIKE = /^_?next$/u;
const ERROR_LIKE = /^_?(?:err|error|e|ex)$/u;

export function findMissingEnds(file: FileAnalysis, sourceCode: Readonly<TSESLint.SourceCode>): MissingEnd[] {
  const out: MissingEnd[] = [];
  const context: CheckContext = { file, sourceText: sourceCode.text, sourceCode };
  for (const fn of file.functions) {
    if (!isFunctionNode(fn.node)) continue;
    const found = missingEndIn(fn, fn.node, context);
    if (found) out.push(found);
  }
  return out;
}

interface CheckContext {
  readonly file: FileAnalysis;
  readonly sourceText: string;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
}

/** `function onError(err, req, res, next) {…}` … `app.use(onError)`: registered by its name. */
function registeredByName(node: FunctionNode, context: CheckContext): boolean {
  const declaration: TSESTree.Node | undefined =
    node.type === AST_NODE_TYPES.FunctionDeclaration
      ? node
      : node.parent?.type === AST_NODE_TYPES.VariableDeclarator && node.parent.init === node
        ? node.parent
        : undefined;
  const name = declaration?.type === AST_NODE_TYPES.FunctionDeclaration ? declaration.id?.name : declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.id.type === AST_NODE_TYPES.Identifier ? declaration.id.name : undefined;
  if (!declaration || name === undefined) return false;
  const variable = context.sourceCode.getDeclaredVariables(declaration).find((v) => v.name === name);
  return variable?.references.some((ref) => registrationOf(ref.identifier as TSESTree.Identifier) !== undefined) ?? false;
}

function missingEndIn(fn: FunctionAnalysis, node: FunctionNode, context: CheckContext): MissingEnd | undefined {
  const { file } = context;
  const handler = fn.handler;
  const handlerKey = handler && !isMistakenHandler(handler) ? file.responseOf(handler) : undefined;
  if (handlerKey && handler && (handler.registered || registeredByName(node, context)) && !(handlerKey.references.length === 0 && (isExtraRequestListener(node) || isDeliberate(node, handler)))) {
    return check(fn, node, handlerKey, !fn.ownAnswers.has(handlerKey), context);
  }
  const override = overrideOf(node, fn);
  if (override) {
    if (!delegatesSomewhere(fn, override)) return undefined;
    const found = check(fn, node, override.key, false, context, override);
    return found && { ...found, override };
  }
  if (isPartialCallback(node) || continuesInChain(node)) return undefined;
  // `pipeline(src, res, cb)` above: a stream's completion callback, not a continuation.
  const continuation = owedContinuation(node, file, context.sourceCode, (creator, key) => owesAnswer(creator, key, file));
  if (continuation) {
    const found = check(fn, node, continuation.key, !fn.ownAnswers.has(continuation.key), context);
    return found && { ...found, continuation };
  }
  // A helper `sendPage(req, res, page)` owes no answer of its own: its caller may answer after it.
  const owed = handler?.kind === 'helper' ? undefined : handlerKey;
  // Middleware declared apart from its registration, `(req, res, next)`, that answers on some path
  // (if only through a callback: `if (token) jwt.verify(token, key, (e, u) => …)`).
  if (owed && handler?.next && fn.exits.some((exit) => fn.exitState(exit, owed).answered !== 'no')) {
    const found = check(fn, node, owed, false, context);
    if (found) return found;
  }
  for (const key of fn.responses) {
    // `proxy.on('error', (err, req, res) => …)`: checked for late headers only. For an upgrade the
    // third argument is the raw socket, and the code that emitted the error may still answer.
    if (!fn.ownAnswers.has(key) || isErrorListenerResponse(key)) continue;
    if (handler && key !== owed && key === file.responseOf(handler)) continue; // a mistaken handler, or a helper's
    const found = check(fn, node, key, false, context);
    if (found) return found;
  }
  return undefined;
}

/**
 * The function must answer for `key`: a handler of that response, or a function that answers it
 * itself somewhere; not a mistaken handler's or a helper's own parameter (`sendPage(req, res, page)`).
 */
function owesAnswer(fn: FunctionAnalysis, key: ResponseKey, file: FileAnalysis): boolean {
  const handler = fn.handler;
  if (handler && key === file.responseOf(handler)) return !isMistakenHandler(handler) && handler.kind !== 'helper';
  return fn.ownAnswers.has(key);
}

function check(
  fn: FunctionAnalysis,
  node: FunctionNode,
  key: ResponseKey,
  mayNever: boolean,
  context: CheckContext,
  override?: Override,
): MissingEnd | undefined {
  let relaxed: boolean | undefined;
  const unanswered = fn.exits.filter(
    (exit) =>
      !(override && handedOver(fn, exit, override)) &&
      !answers(fn, node, exit, key) &&
      !(fn.exitState(exit, key).answered === 'maybe' && (relaxed ??= hasFinally(node) || testsGone(node))) &&
      !isOnceGuard(exit.returnNode, context.sourceText) &&
      !isGoneGuard(exit.returnNode),
  );
  if (unanswered.length === 0) return undefined;
  if (mayNever && unanswered.length === fn.exits.length) return { fn: node, messageId: 'neverResponds', key, exit: undefined };
  const first = unanswered.reduce((a, b) => (position(a) <= position(b) ? a : b));
  return { fn: node, messageId: 'someNotRespond', key, exit: first };
}

/**
 * ESLint's code paths leave a `finally` block through one segment for `return` and `throw` alike,
 * so the exit after it also carries the paths that threw (and did not answer, rightly). In a
 * function with a `finally`, only an exit that answers on no path is reported.
 */
function hasFinally(node: FunctionNode): boolean {
  const visit = (current: TSESTree.Node): boolean => {
    if (current !== node && isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer) return true;
    return childNodes(current).some(visit);
  };
  return visit(node.body);
}

/** The `if` whose consequent is just this `return` (with or without braces). */
function guardingIf(returnNode: TSESTree.ReturnStatement): TSESTree.IfStatement | undefined {
  let parent = returnNode.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1) parent = parent.parent;
  return parent.type === AST_NODE_TYPES.IfStatement && parent.alternate !== returnNode ? parent : undefined;
}

/**
 * Client gone or already answered by a timeout: `if (req.aborted) return`,
 * `if (res.destroyed || res.closed) return`, `if (req.socket.destroyed) return`,
 * `if (res.socket?.destroyed) return`, connect-timeout's `if (!req.timedout) next()`, and a stream
 * error that says the other side closed first: `if (err.code === 'ERR_STREAM_PREMATURE_CLOSE') return`.
 * Nothing can be answered there.
 */
const GONE = new Set(['aborted', 'destroyed', 'closed', 'timedout']);
const GONE_CODES = new Set(['ERR_STREAM_PREMATURE_CLOSE']);
const SOCKET = new Set(['socket', 'connection']);

function mentionsGone(node: TSESTree.Node): boolean {
  let expr = unwrapTs(node);
  if (expr.type === AST_NODE_TYPES.ChainExpression) expr = unwrapTs(expr.expression);
  if (expr.type === AST_NODE_TYPES.LogicalExpression) return mentionsGone(expr.left) || mentionsGone(expr.right);
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === '!') return mentionsGone(expr.argument);
  if (expr.type === AST_NODE_TYPES.BinaryExpression && (expr.operator === '===' || expr.operator === '==')) {
    return isGoneCode(expr.left) || isGoneCode(expr.right);
  }
  if (expr.type !== AST_NODE_TYPES.MemberExpression || expr.computed) return false;
  return expr.property.type === AST_NODE_TYPES.Identifier && GONE.has(expr.property.name) && isConnectionEnd(expr.object);
}

/** `req`, `res` (any name), or their `socket`/`connection`: not data such as `req.query.closed`. */
function isConnectionEnd(node: TSESTree.Node): boolean {
  const expr = unwrapTs(node);
  if (expr.type === AST_NODE_TYPES.Identifier) return true;
  return (
    expr.type === AST_NODE_TYPES.MemberExpression &&
    !expr.computed &&
    expr.property.type === AST_NODE_TYPES.Identifier &&
    SOCKET.has(expr.property.name) &&
    unwrapTs(expr.object).type === AST_NODE_TYPES.Identifier
  );
}

function isGoneCode(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && GONE_CODES.has(node.value);
}

/** `if (res.destroyed) { log('gone'); return; }`: the `if` whose consequent ends with this bare `return`. */
function isGoneGuard(returnNode: TSESTree.ReturnStatement | undefined): boolean {
  if (!returnNode || returnNode.argument) return false;
  let parent = returnNode.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body[parent.body.length - 1] === returnNode) parent = parent.parent;
  return parent.type === AST_NODE_TYPES.IfStatement && parent.alternate !== returnNode && mentionsGone(parent.test);
}

/** A branch on a gone/timed-out test in the function's own body: its unanswered side is deliberate. */
function testsGone(node: FunctionNode): boolean {
  const visit = (current: TSESTree.Node): boolean => {
    if (current !== node && isFunctionNode(current)) return false;
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && mentionsGone(current.test)) return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && mentionsGone(current.left)) return true;
    return childNodes(current).some(visit);
  };
  return visit(node.body);
}

/**
 * `app.get('/hang', (req, res) => {})`, `(req, _res) => { seen.push(req) }`: a stub, or a test
 * server that does not answer on purpose.
 */
function isDeliberate(node: FunctionNode, handler: HandlerInfo): boolean {
  if (handler.response.name.startsWith('_')) return true;
  return node.body.type === AST_NODE_TYPES.BlockStatement && node.body.body.length === 0;
}

/**
 * `if (called) return; called = true; next(err)`: a callback that may run twice answers once;
 * the early return is the second run, after the first one answered.
 */
function isOnceGuard(returnNode: TSESTree.ReturnStatement | undefined, sourceText: string): boolean {
  // `if (ended) return false;`: an override of `res.end` called twice says so to its caller
  if (!returnNode || (returnNode.argument && returnNode.argument.type !== AST_NODE_TYPES.Literal)) return false;
  const guard = guardingIf(returnNode);
  if (!guard) return false;
  const test = unwrapTs(guard.test);
  let flag: string | undefined;
  if (test.type === AST_NODE_TYPES.Identifier) flag = test.name;
  else if (test.type === AST_NODE_TYPES.MemberExpression && !test.computed && test.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrapTs(test.object);
    if (object.type === AST_NODE_TYPES.Identifier) flag = `${object.name}.${test.property.name}`;
    else if (object.type === AST_NODE_TYPES.ThisExpression) flag = `this.${test.property.name}`;
  }
  if (flag === undefined) return false;
  const escaped = flag.replace(/[.$]/gu, (c) => `\\${c}`);
  return new RegExp(`(?<![\\w.$])${escaped}\\s*=\\s*(?:true|1)\\b`, 'u').test(sourceText);
}

function position(exit: FunctionExit): number {
  return exit.returnNode ? exit.returnNode.range[0] : Number.POSITIVE_INFINITY;
}

function answeredState(fn: FunctionAnalysis, exit: FunctionExit, key: ResponseKey): boolean {
  const state = fn.exitState(exit, key);
  return state.answered === 'yes' || state.ended === 'yes';
}

function answers(fn: FunctionAnalysis, node: FunctionNode, exit: FunctionExit, key: ResponseKey): boolean {
  if (answeredState(fn, exit, key)) return true;
  const value = exit.returnNode
    ? exit.returnNode.argument
    : node.type === AST_NODE_TYPES.ArrowFunctionExpression && node.expression
      ? node.body
      : undefined;
  if (value === undefined || value === null) return false;
  // `function validate(req, res) { …; return false; } … return true;`: a helper given the response
  // tells its caller, which answers for the rest.
  if (isOwnParameter(key, node) && !registeredHere(node) && isPlainLiteral(value)) return true;
  return returnsResult(value, key);
}

function isOwnParameter(key: ResponseKey, node: FunctionNode): boolean {
  const def = key.defs[0];
  return def?.type === 'Parameter' && def.node === node;
}

function registeredHere(node: FunctionNode): boolean {
  return registrationOf(node) !== undefined;
}

function isPlainLiteral(value: TSESTree.Node): boolean {
  return unwrapTs(value).type === AST_NODE_TYPES.Literal;
}

/**
 * `return load(id)`, `return Promise.reject(e)`, `return data` (Fastify sends it): the caller gets
 * something to act on. Not `return`, `return null`/`false`, or `return res.status(404)` (a chain on
 * the response that never finishes it).
 */
export function returnsResult(value: TSESTree.Node, key: ResponseKey): boolean {
  const expr = unwrapTs(value);
  if (expr.type === AST_NODE_TYPES.Literal) return false;
  if (expr.type === AST_NODE_TYPES.Identifier && expr.name === 'undefined') return false;
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === 'void') return false;
  // `return console.error(err)`: logs and leaves, the classic hang
  if (expr.type === AST_NODE_TYPES.CallExpression && isNoOpCallee(expr.callee)) return false;
  if (expr.type === AST_NODE_TYPES.SequenceExpression) {
    const last = expr.expressions[expr.expressions.length - 1];
    return last !== undefined && returnsResult(last, key);
  }
  return !rootedIn(expr, key);
}

function rootedIn(expr: TSESTree.Node, key: ResponseKey): boolean {
  let node = unwrapTs(expr);
  for (;;) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrapTs(node.argument);
    else if (node.type === AST_NODE_TYPES.ChainExpression) node = unwrapTs(node.expression);
    else if (node.type === AST_NODE_TYPES.CallExpression) node = unwrapTs(node.callee);
    else if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrapTs(node.object);
    else break;
  }
  return node.type === AST_NODE_TYPES.Identifier && key.references.some((ref) => ref.identifier === node);
}

/** Koa's `(ctx, next)` and client callbacks `(err, res)` passed to `api.get(url, …)`. */
export function isMistakenHandler(handler: HandlerInfo): boolean {
  const { node, request, response } = handler;
  if (NEXT_LIKE.test(response.name)) return true;
  if (request && (KOA_CONTEXT.test(request.name) || (!handler.errorHandler && ERROR_LIKE.test(request.name)))) return true;
  const first = node.params[0];
  return first?.type === AST_NODE_TYPES.Identifier && KOA_CONTEXT.test(first.name);
}

/**
 * `server.on('request', (req, res) => …)` next to the server's own handler (tests, metrics):
 * one that never touches `res` is an observer, not the handler.
 */
function isExtraRequestListener(node: FunctionNode): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(call.callee);
  return name !== undefined && LISTENER_METHODS.has(name);
}

/**
 * `find().then((u) => { if (!u) return res.sendStatus(404); audit(u); }).then(() => res.json(ok))`:
 * a `.then` callback followed by another `.then` hands the rest of the work to the next step.
 */
function continuesInChain(node: FunctionNode): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || calleeName(call.callee) !== 'then') return false;
  const member = call.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== call) return false;
  const next = calleeName(member);
  return next === 'then' || next === 'finally';
}

function isPartialCallback(node: FunctionNode): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(node as TSESTree.CallExpressionArgument)) {
    return false;
  }
  const name = calleeName(call.callee);
  if (name === undefined) return false;
  // `res.download(file, (err) => { if (!err) return; … })`: the method finishes the response; its
  // callback only reports how that went (unlike `res.render(view, cb)`, which hands it to `cb`).
  const spec = memberSpec(name);
  if (spec?.kind === 'method' && spec.effect === 'finish' && spec.withCallback === undefined) return true;
  // `items.find(cb)`, but not Mongoose's `Post.find({}, cb)`: iteration callbacks come first
  if (PARTIAL_CALLBACK_METHODS.has(name)) return call.arguments[0] === node;
  // `pipeline(src, res, (err) => …)`, `pump(…)`, `finished(res, cb)`: the stream ended or destroyed
  // the response; the callback only hears how that went and owes no answer.
  if (STREAM_COMPLETION.has(name)) return call.arguments[call.arguments.length - 1] === node;
  if (!LISTENER_METHODS.has(name)) return false;
  const event = call.arguments[0];
  return !(event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && FINAL_EVENTS.has(event.value));
}
