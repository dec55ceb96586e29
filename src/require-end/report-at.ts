/**
 * Where require-end reports and how it names things: at the exit that leaves the request hanging
 * (the `return`, the `catch` the path ends in, the end of the function), because that is where the
 * fix goes; naming the handler, because the exit may be far from the function's head; and offering
 * `next()` only where the handler has one (node:http handlers and Express handlers declared without
 * `next` cannot call it).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import {
  isFunctionNode,
  registrationOf,
  type FileAnalysis,
  type FunctionExit,
  type FunctionNode,
  type ResponseExitState,
  type ResponseKey,
} from '../analysis/index.js';
import { childNodes } from './child-nodes.js';

/** The `data` of the neverResponds / someNotRespond messages. */
export interface HangData extends Record<string, string> {
  /** "The `app.get('/users/:id')` handler", "`show`", "This callback". */
  readonly handler: string;
  /** "finishes the response or calls `next()`", or without `next` where there is none. */
  readonly unanswered: string;
  /** "Send a response (e.g. `res.end()`) or call `next()`", or without `next`. */
  readonly remedy: string;
}

/**
 * What every require-end hang message says about this function and its response. On an exit
 * where the head may be out through a pipe that broke (`exit`'s `afterBrokenPipe`), sending a
 * response is not the fix: the client is owed the end of a body, so end or destroy the response.
 */
export function hangData(
  fn: FunctionNode,
  key: ResponseKey,
  file: FileAnalysis,
  sourceCode: Readonly<TSESLint.SourceCode>,
  exit?: ResponseExitState,
): HangData {
  const next = hasNext(fn, key, file);
  const brokenPipe = exit?.afterBrokenPipe === true;
  return {
    handler: handlerName(fn, sourceCode),
    unanswered: next ? 'finishes the response or calls `next()`' : 'finishes the response',
    remedy: brokenPipe
      ? `Destroy the response (e.g. \`res.destroy(err)\`)${next ? ', end it or call `next(err)`' : ' or end it'}`
      : next
        ? 'Send a response (e.g. `res.end()`) or call `next()`'
        : 'Send a response (e.g. `res.end()`)',
  };
}

/** The location and wording of the exit that leaves the request unanswered. */
export function exitReport(
  fn: FunctionNode,
  exit: FunctionExit,
  key: ResponseKey,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { loc: TSESTree.SourceLocation; exit: string } {
  if (exit.returnNode) return { loc: exit.returnNode.loc, exit: 'returns here' };
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return { loc: fn.body.loc, exit: 'returns this value' };
  const swallowing = swallowingCatchAtEnd(fn.body, key, fn);
  if (swallowing) {
    const head = sourceCode.getFirstToken(swallowing)!;
    const end = swallowing.param ? sourceCode.getTokenAfter(swallowing.param)! : head;
    return { loc: { start: head.loc.start, end: end.loc.end }, exit: 'ends in this `catch`' };
  }
  const closing = sourceCode.getLastToken(fn.body)!;
  return { loc: closing.loc, exit: 'reaches its end' };
}

/**
 * `try { … res.json(x) } catch (err) { log(err) }` as the function's last statement: a path that
 * falls off the end after a failure went through that `catch`, which never touches the response.
 */
function swallowingCatchAtEnd(body: TSESTree.BlockStatement, key: ResponseKey, fn: FunctionNode): TSESTree.CatchClause | undefined {
  const last = body.body[body.body.length - 1];
  if (last?.type !== AST_NODE_TYPES.TryStatement || !last.handler || last.finalizer) return undefined;
  const handler = last.handler;
  if (key.references.some((reference) => within(reference.identifier, handler.body))) return undefined;
  if (nextReferences(fn).some((identifier) => within(identifier, handler.body))) return undefined;
  return endsAbruptly(handler.body) ? undefined : handler;
}

function endsAbruptly(block: TSESTree.BlockStatement): boolean {
  const last = block.body[block.body.length - 1];
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}

function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** Identifiers in `fn`'s own body that call a `next`-like function (`next(err)`). */
function nextReferences(fn: FunctionNode): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  const visit = (node: TSESTree.Node) => {
    if (node !== fn && isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && /^_?next$/u.test(node.callee.name)) {
      found.push(node.callee);
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(fn.body);
  return found;
}

/**
 * Whether the code answering for `key` can call `next`: the handler that received the response
 * (this function or the handler around a callback) has a `next` parameter.
 */
function hasNext(fn: FunctionNode, key: ResponseKey, file: FileAnalysis): boolean {
  const owner = key.defs[0]?.type === 'Parameter' ? key.defs[0].node : fn;
  for (const analysed of file.functions) {
    if (analysed.handler && (analysed.node === owner || analysed.node === fn) && analysed.handler.next) return true;
  }
  return false;
}

/**
 * "The `app.get('/users/:id')` handler" for a registered function (also through one wrapper call:
 * `app.get('/x', asyncHandler(fn))`, `http.createServer(wrap(fn))`), "`show`" for a named one,
 * "This handler" or "This callback" otherwise.
 */
export function handlerName(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const registration = registrationCall(fn);
  if (registration) {
    const callee = sourceCode.getText(registration.callee).replace(/\s+/gu, '');
    const first = registration.arguments[0];
    const path = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? sourceCode.getText(first) : '';
    return `The \`${callee}(${path})\` handler`;
  }
  const name = functionName(fn);
  if (name !== undefined) return `\`${name}\``;
  return isArgument(fn) ? 'This callback' : 'This handler';
}

/** The call that registers `fn`, directly or through one wrapper call around it. */
function registrationCall(fn: FunctionNode): TSESTree.CallExpression | undefined {
  if (!isArgument(fn)) return undefined;
  const call = fn.parent as TSESTree.CallExpression;
  if (registrationOf(fn) !== undefined) return call;
  // registrationOf reads only the argument's place in its parent call, which a wrapper call has too.
  if (isArgument(call) && registrationOf(call as unknown as FunctionNode) !== undefined) return call.parent as TSESTree.CallExpression;
  return undefined;
}

function isArgument(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument);
}

function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) && !parent.computed) {
    if (parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  }
  return undefined;
}
