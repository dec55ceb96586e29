/**
 * `load().then((x) => res.json(x)).catch((e) => console.error(e))`: the chain answers through its
 * `.then` callbacks, and the error callback at its end swallows the rejection without answering,
 * so a failed `load()` leaves the client waiting. The error callback never touches the response,
 * so the path analysis does not see it as responsible; this check does.
 *
 * Reported: an error callback (`.catch(cb)`, or `.then(ok, cb)`) of a chain in which a `.then`
 * callback finishes or passes on a response, when the callback does not use that response or
 * its `next`, does not throw, is not followed by more `.then`/`.finally` steps, and has a path
 * that returns no result.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import {
  calleeName,
  isFunctionNode,
  unwrapTs,
  type FileAnalysis,
  type FunctionAnalysis,
  type FunctionNode,
  type ResponseKey,
} from '../analysis/index.js';
import { isNoOpCallee } from '../analysis/no-op-callees.js';
import { declaredVariable } from '../util/ast.js';
import { childNodes } from './child-nodes.js';

export interface SwallowedRejection {
  /** The error callback, or the logger given in its place (`.catch(console.error)`). */
  readonly handler: TSESTree.Node;
  /** `catch` or `then` */
  readonly method: string;
}

export function swallowingErrorCallbacks(
  file: FileAnalysis,
  sourceCode: Readonly<TSESLint.SourceCode>,
  returnsResult: (value: TSESTree.Node, key: ResponseKey) => boolean,
): SwallowedRejection[] {
  const byNode = new Map<TSESTree.Node, FunctionAnalysis>(file.functions.map((fn) => [fn.node, fn]));
  const out: SwallowedRejection[] = [...loggersAsErrorHandlers(file, byNode)];
  for (const fn of file.functions) {
    const node = fn.node;
    if (!isFunctionNode(node) || !isErrorCallback(node)) continue;
    const call = node.parent as TSESTree.CallExpression;
    if (continues(call)) continue;
    // `.then(ok, onError)`: `ok` is part of the chain too
    const start = calleeName(call.callee) === 'then' ? call : (call.callee as TSESTree.MemberExpression).object;
    const key = answeredInChain(start, byNode);
    if (!key || uses(node, key, byNode, sourceCode) || throwsInBody(node)) continue;
    const swallows = fn.exits.some((exit) => {
      const value = exit.returnNode ? exit.returnNode.argument : node.expression ? node.body : undefined;
      return !value || !returnsResult(value, key);
    });
    if (swallows) out.push({ handler: node, method: calleeName(call.callee) ?? 'catch' });
  }
  return out;
}

/** `.catch(console.error)` at the end of a chain that answers: a logger is no error handler. */
function loggersAsErrorHandlers(file: FileAnalysis, byNode: ReadonlyMap<TSESTree.Node, FunctionAnalysis>): SwallowedRejection[] {
  const out: SwallowedRejection[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const fn of file.functions) {
    // the `.then` callbacks that answer; walk up to the end of their chain
    const call = fn.node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || calleeName(call.callee) !== 'then' || call.arguments[0] !== fn.node) continue;
    if (!fn.responses.some((key) => fn.ownAnswers.has(key))) continue;
    let end: TSESTree.CallExpression = call;
    while (end.parent?.type === AST_NODE_TYPES.MemberExpression && end.parent.parent?.type === AST_NODE_TYPES.CallExpression && end.parent.parent.callee === end.parent) {
      end = end.parent.parent;
    }
    if (seen.has(end)) continue;
    seen.add(end);
    const name = calleeName(end.callee);
    const handler = name === 'catch' ? end.arguments[0] : undefined;
    if (handler && !isFunctionNode(handler) && isNoOpCallee(handler) && !byNode.has(handler)) out.push({ handler, method: name ?? 'catch' });
  }
  return out;
}

function isErrorCallback(node: FunctionNode): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || unwrapTs(call.callee).type !== AST_NODE_TYPES.MemberExpression) {
    return false;
  }
  const name = calleeName(call.callee);
  return (name === 'catch' && call.arguments[0] === node) || (name === 'then' && call.arguments[1] === node);
}

/** `.catch(recover).then(…)`: the chain goes on after the error callback. */
function continues(call: TSESTree.CallExpression): boolean {
  const member = call.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== call) return false;
  const name = calleeName(member);
  return name === 'then' || name === 'finally';
}

/** A response that a `.then` callback earlier in the chain finishes or passes on. */
function answeredInChain(start: TSESTree.Node, byNode: ReadonlyMap<TSESTree.Node, FunctionAnalysis>): ResponseKey | undefined {
  let current = unwrapTs(start);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrapTs(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    if (calleeName(callee) === 'then') {
      const onFulfilled = current.arguments[0];
      const analysis = onFulfilled ? byNode.get(onFulfilled) : undefined;
      const key = analysis?.responses.find((candidate) => analysis.ownAnswers.has(candidate));
      if (key) return key;
    }
    current = unwrapTs(callee.object);
  }
  return undefined;
}

/** The callback mentions the response or the `next` of its handler. */
function uses(
  node: FunctionNode,
  key: ResponseKey,
  byNode: ReadonlyMap<TSESTree.Node, FunctionAnalysis>,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const inside = (ref: TSESLint.Scope.Reference): boolean =>
    ref.identifier.range[0] >= node.range[0] && ref.identifier.range[1] <= node.range[1];
  if (key.references.some(inside)) return true;
  const handlerNode = key.defs[0]?.node as TSESTree.Node | undefined;
  const next = handlerNode ? byNode.get(handlerNode)?.handler?.next : undefined;
  if (!handlerNode || !next) return false;
  const variable = declaredVariable(sourceCode, handlerNode, next);
  return variable?.references.some(inside) ?? false;
}

/** A `throw` in the callback's own body (not in nested functions) passes the error on. */
function throwsInBody(node: FunctionNode): boolean {
  const visit = (current: TSESTree.Node): boolean => {
    if (current !== node && isFunctionNode(current)) return false;
    if (current.type === AST_NODE_TYPES.ThrowStatement) return true;
    return childNodes(current).some(visit);
  };
  return visit(node.body);
}
