/**
 * Which function's `this` a `this` expression is: the nearest enclosing function that is not an
 * arrow function (arrows inherit it) and not `function () {…}.bind(this)` (bound to the same one).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { propertyName } from '../util/ast.js';

export type ThisFunction = TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** The function whose `this` `node` (a `this`, or a function) sees; `undefined` at the top level or in a class field. */
export function thisFunction(node: TSESTree.Node): ThisFunction | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
    if (current.type === AST_NODE_TYPES.FunctionExpression && !boundToThis(current)) return current;
    // A field initializer's or a static block's `this` is not a method's.
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return undefined;
  }
  return undefined;
}

/** A function whose own `this` is the one around it: an arrow function, or `function () {…}.bind(this)`. */
export function inheritsThis(fn: TSESTree.Node): boolean {
  return fn.type === AST_NODE_TYPES.ArrowFunctionExpression || (fn.type === AST_NODE_TYPES.FunctionExpression && boundToThis(fn));
}

function boundToThis(fn: TSESTree.FunctionExpression): boolean {
  return bindCallOf(fn) !== undefined;
}

/** The call `fn.bind(this)`, when that is how `fn` is used. */
export function bindCallOf(fn: TSESTree.Node): TSESTree.CallExpression | undefined {
  const member = fn.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== fn || propertyName(member) !== 'bind') return undefined;
  const call = member.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments[0]?.type === AST_NODE_TYPES.ThisExpression ? call : undefined;
}
