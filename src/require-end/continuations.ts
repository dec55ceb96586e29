/**
 * Continuations owed an answer: a function passed in `next` position of a handler-shaped call,
 * `serve(req, res, function (err) { … })`, `upload(req, res, (err) => …)`, `auth(req, res, () => …)`.
 * The callee (middleware, a static server, a session helper) calls it instead of answering, so
 * when the code that made the call relies on it (the call is the last thing it does and it owes
 * the answer itself), the continuation must answer, call the outer `next`, or hand the response
 * on, on every path, as a handler must.
 *
 * Not owed (precision): a call followed by more code (`cancel(req, res, function () {}); …;
 * res.redirect(…)`: the creator answers), an empty continuation (`mw(req, res, () => {})`, the
 * callee is known to answer), a local callee that answers on every path itself (`serveFile(req,
 * res, done)` piping into `res`: the continuation only hears that it is done), and a call in a
 * function that owes nothing for that response.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import { localFunctionOf, paramVariable } from '../analysis/candidates.js';
import { isFunctionNode, unwrapTs, type FileAnalysis, type FunctionAnalysis, type FunctionNode, type ResponseKey } from '../analysis/index.js';

export interface Continuation {
  /** The handler-shaped call the continuation is passed to. */
  readonly call: TSESTree.CallExpression;
  /** The response passed along with it, which the continuation answers for. */
  readonly key: ResponseKey;
}

/** Per file analysis: each function node's continuation facts (`null`: not an owed continuation). */
const caches = new WeakMap<FileAnalysis, Map<TSESTree.Node, Continuation | null>>();

/**
 * The call `fn` continues and the response it owes an answer for, when `fn` is passed right after
 * a response (and a request, or what stands for it, before that) as the last argument of a call
 * in tail position of a function that owes that response an answer.
 */
export function owedContinuation(fn: FunctionNode, file: FileAnalysis, sourceCode: Readonly<TSESLint.SourceCode>, isChecked: (fn: FunctionAnalysis, key: ResponseKey) => boolean): Continuation | undefined {
  let cache = caches.get(file);
  if (!cache) caches.set(file, (cache = new Map()));
  const cached = cache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(fn, null); // a cycle owes nothing
  const found = compute(fn, file, sourceCode, isChecked);
  cache.set(fn, found ?? null);
  return found;
}

function compute(fn: FunctionNode, file: FileAnalysis, sourceCode: Readonly<TSESLint.SourceCode>, isChecked: (fn: FunctionAnalysis, key: ResponseKey) => boolean): Continuation | undefined {
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.length === 0) return undefined;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length < 3) return undefined;
  const args = call.arguments;
  if (args[args.length - 1] !== fn) return undefined;
  // The request before it may be rewritten on the way (`middleware({ url: '/index.html' }, res, cb)`).
  const response = unwrapTs(args[args.length - 2] as TSESTree.Node);
  if (response.type !== AST_NODE_TYPES.Identifier) return undefined;
  const creatorNode = enclosingFunction(call);
  if (!creatorNode || !isTailCall(call, creatorNode)) return undefined;
  const creator = file.functions.find((analysed) => analysed.node === creatorNode);
  const key = creator?.responses.find((candidate) => candidate.references.some((ref) => ref.identifier === response));
  if (!creator || !key || calleeAnswers(call, file, sourceCode)) return undefined;
  const owes = isChecked(creator, key) || owedContinuation(creatorNode, file, sourceCode, isChecked)?.key === key;
  return owes ? { call, key } : undefined;
}

/** A local function called with the response that ends it on every path of its own. */
function calleeAnswers(call: TSESTree.CallExpression, file: FileAnalysis, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = unwrapTs(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const helper = localFunctionOf(ASTUtils.findVariable(sourceCode.getScope(callee), callee) ?? undefined);
  const analysed = helper && file.functions.find((candidate) => candidate.node === helper);
  const param = helper && paramVariable(sourceCode, helper, call.arguments.length - 2);
  if (!analysed || !param || analysed.exits.length === 0) return false;
  // Ended, not merely handed on: `function auth(req, res, cb) { passport(req, res, cb) }` still calls `cb`.
  return analysed.exits.every((exit) => analysed.exitState(exit, param).ended === 'yes');
}

/** "The continuation passed to `serve()`": how the require-end messages name it. */
export function continuationName(continuation: Continuation, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const callee = sourceCode.getText(continuation.call.callee).replace(/\s+/gu, '');
  return `The continuation passed to \`${callee.length <= 40 ? callee : '…'}()\``;
}

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/**
 * The call is the last thing its function does: `return serve(…)`, `serve(…)` as the last
 * statement (also inside a trailing `if`/`else`, or followed by a bare `return`), or an arrow's body.
 */
function isTailCall(call: TSESTree.CallExpression, fn: FunctionNode): boolean {
  if (fn.body === call) return true;
  let node: TSESTree.Node = call.parent;
  if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument === call) {
    // a `return` ends the path wherever it stands
    return true;
  }
  if (node.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  for (;;) {
    const parent: TSESTree.Node = node.parent as TSESTree.Node;
    if (parent.type === AST_NODE_TYPES.IfStatement) {
      node = parent;
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.BlockStatement) return false;
    const rest = parent.body.slice(parent.body.indexOf(node as TSESTree.Statement) + 1);
    if (rest.some((statement) => statement.type !== AST_NODE_TYPES.ReturnStatement || statement.argument !== null)) return false;
    // a bare `return` after it, or the end of the function's body: nothing follows the call
    if (rest.length > 0 || parent === fn.body) return true;
    node = parent;
  }
}
