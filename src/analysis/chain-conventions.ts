/**
 * How frameworks other than Express pass a request on, or stop it, with `next`-like calls:
 * - restify's `next(false)` stops the handler chain: nothing runs after it, so it is neither a
 *   pass-on after an answer (`res.send(403); return next(false)` is the documented way to end
 *   there) nor an answer of its own (without a send before it, the request hangs);
 * - union's `res.emit('next')` passes the request on to the next layer, like `next()`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapTs } from '../util/ast.js';

/** `next(false)`: the chain stops here (restify). */
export function stopsChain(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  return call.arguments.length === 1 && first !== undefined && isLiteral(first, false);
}

/** `res.emit('next')`: the response's owner passes the request on (union). */
export function passesOnByEvent(call: TSESTree.CallExpression, method: string | undefined): boolean {
  const first = call.arguments[0];
  return method === 'emit' && call.arguments.length === 1 && first !== undefined && isLiteral(first, 'next');
}

function isLiteral(node: TSESTree.Node, value: string | boolean): boolean {
  const expr = unwrapTs(node);
  return expr.type === AST_NODE_TYPES.Literal && expr.value === value;
}
