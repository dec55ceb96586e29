/**
 * A response's own method kept aside before it is overridden, the way compression, express-session
 * and on-headers style middleware wrap `res.end` / `res.write` / `res.writeHead`:
 *
 * ```js
 * const end = res.end;                 // also: res.end.bind(res), const { end: origEnd } = res
 * res.end = function (chunk, encoding) { …; return end.call(this, chunk, encoding); };
 * ```
 *
 * Calling the saved method (`end.call(this, …)`, `end.apply(res, arguments)`, `_end(chunk)` when
 * bound) does what the response's method does, so the collector records it as that member on the
 * response: the state rules then see the end inside the override, and `require-end` sees which
 * paths of an override of `end` or `writeHead` hand over to the original and which do not.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { propertyName, unwrapTs } from '../util/ast.js';
import type { Resolver } from './references.js';
import type { ResponseKey } from './state.js';

/** The methods whose saved originals are followed. */
const WRAPPED = new Set(['end', 'write', 'writeHead']);

export interface SavedOriginalCall {
  readonly key: ResponseKey;
  readonly method: string;
  /** The arguments the original receives (`undefined` when passed on as a whole: `apply(this, arguments)`). */
  readonly args: readonly TSESTree.CallExpressionArgument[] | undefined;
}

/** `end.call(this, chunk)`, `end.apply(res, arguments)`, `_end(chunk)`: a call of a saved original. */
export function savedOriginalCall(
  call: TSESTree.CallExpression,
  resolve: Resolver,
  keyOf: (id: TSESTree.Identifier) => ResponseKey | undefined,
): SavedOriginalCall | undefined {
  const callee = unwrapTs(call.callee);
  let holder: TSESTree.Node = callee;
  let args: readonly TSESTree.CallExpressionArgument[] | undefined = call.arguments;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const how = propertyName(callee);
    if (how === 'call') args = call.arguments.slice(1);
    else if (how === 'apply') args = undefined;
    else return undefined;
    holder = unwrapTs(callee.object);
  }
  if (holder.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(holder);
  const saved = variable ? savedFrom(variable, keyOf) : undefined;
  // A bound copy needs no `this`; a plain copy called directly (`end()`) would lose it.
  if (!saved || (callee.type === AST_NODE_TYPES.Identifier && !saved.bound)) return undefined;
  return { key: saved.key, method: saved.method, args };
}

const cache = new WeakMap<TSESLint.Scope.Variable, { key: ResponseKey; method: string; bound: boolean } | null>();

/** What a variable holds when it was initialised from a response's method and never reassigned. */
function savedFrom(
  variable: TSESLint.Scope.Variable,
  keyOf: (id: TSESTree.Identifier) => ResponseKey | undefined,
): { key: ResponseKey; method: string; bound: boolean } | undefined {
  const cached = cache.get(variable);
  if (cached !== undefined) return cached ?? undefined;
  const found = computeSaved(variable, keyOf);
  cache.set(variable, found ?? null);
  return found;
}

function computeSaved(
  variable: TSESLint.Scope.Variable,
  keyOf: (id: TSESTree.Identifier) => ResponseKey | undefined,
): { key: ResponseKey; method: string; bound: boolean } | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
  if (variable.references.filter((ref) => ref.isWrite()).length > 1) return undefined;
  const init = unwrapTs(def.node.init);
  // `const { end: origEnd } = res`
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    if (init.type !== AST_NODE_TYPES.Identifier) return undefined;
    const property = def.node.id.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && unwrapTs(p.value) === def.name,
    );
    const method = property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    const key = keyOf(init);
    return key && method !== undefined && WRAPPED.has(method) ? { key, method, bound: false } : undefined;
  }
  if (def.node.id !== def.name) return undefined;
  // `res.end.bind(res)`
  let member: TSESTree.Node = init;
  let bound = false;
  if (init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(init.callee) === 'bind') {
    member = unwrapTs(init.callee.object);
    bound = true;
  }
  if (member.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(member);
  const object = unwrapTs(member.object);
  if (method === undefined || !WRAPPED.has(method) || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = keyOf(object);
  return key ? { key, method, bound } : undefined;
}
