/**
 * Responses the code reaches through `this` or a property rather than a variable: `this` in a
 * response method (./response-methods.ts), `this.res` in a wrapper class, `reply.raw`, `ctx.res`
 * (./response-wrappers.ts). One mechanism for all of them: `keyOf(expression)` gives the
 * response key of an expression proven to hold a response (./member-keys.ts), which the collector
 * treats like a response variable (methods, assignments, guards, arguments, escapes, captures).
 * These functions start from a fresh state and get no `require-end` check (which code calls them,
 * and whether it answers for them, is outside the file).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { childNodes } from '../require-end/child-nodes.js';
import { propertyName, unwrapTs } from '../util/ast.js';
import { isFunctionNode } from './handlers.js';
import { memberKey } from './member-keys.js';
import type { Resolver } from './references.js';
import { findResponseMethods } from './response-methods.js';
import { findWrappers, ownerOf, type Wrappers } from './response-wrappers.js';
import type { ResponseKey } from './state.js';
import { inheritsThis, thisFunction, type ThisFunction } from './this-binding.js';

export class MemberResponses {
  private readonly methods: ReadonlySet<TSESTree.Node>;
  private readonly wrappers: Wrappers;
  private readonly owners = new WeakMap<ThisFunction, TSESTree.Node | null>();
  /** No member of this file holds a response (most files): every question answers `undefined` at once. */
  readonly empty: boolean;

  constructor(
    sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly resolve: Resolver,
    responses: Iterable<TSESLint.Scope.Variable>,
  ) {
    this.methods = findResponseMethods(sourceCode, resolve);
    this.wrappers = findWrappers(sourceCode, resolve, responses);
    this.empty = this.methods.size === 0 && this.wrappers.thisProperties.size === 0 && this.wrappers.variableProperties.size === 0;
  }

  /** The response `node` is: `this` in a response method, `this.res` in a wrapper, `reply.raw`, `ctx.res`. */
  keyOf(node: TSESTree.Node): ResponseKey | undefined {
    if (this.empty) return undefined;
    const expr = unwrapTs(node);
    if (expr.type === AST_NODE_TYPES.ThisExpression) {
      const fn = this.methods.size > 0 ? thisFunction(expr) : undefined;
      return fn && this.methods.has(fn) ? memberKey(fn, undefined) : undefined;
    }
    if (expr.type !== AST_NODE_TYPES.MemberExpression || expr.computed) return undefined;
    const name = propertyName(expr);
    const object = unwrapTs(expr.object);
    if (name === undefined) return undefined;
    if (object.type === AST_NODE_TYPES.ThisExpression && this.wrappers.thisProperties.size > 0) {
      const fn = thisFunction(object);
      const owner = fn ? this.ownerOf(fn) : undefined;
      return fn && owner && this.wrappers.thisProperties.get(owner)?.has(name) ? memberKey(fn, name) : undefined;
    }
    if (object.type === AST_NODE_TYPES.Identifier && this.wrappers.variableProperties.size > 0) {
      const variable = this.resolve(object);
      return variable && this.wrappers.variableProperties.get(variable) === name ? memberKey(variable, name) : undefined;
    }
    return undefined;
  }

  /**
   * The member responses a nested function reaches through the `this` of the function around it
   * (an arrow function, or one bound with `.bind(this)`): `this.end()` in `stream.on('end', () => this.end())`.
   */
  capturedThroughThis(fn: TSESTree.Node): ResponseKey[] {
    if (this.empty || !inheritsThis(fn)) return [];
    // Only inside a response method or a wrapper's method does `this` lead to a response.
    const outer = thisFunction(fn);
    const owner = outer ? this.ownerOf(outer) : undefined;
    if (!outer || (!this.methods.has(outer) && !(owner && this.wrappers.thisProperties.has(owner)))) return [];
    const keys = new Set<ResponseKey>();
    const visit = (node: TSESTree.Node): void => {
      if (node !== fn && isFunctionNode(node) && !inheritsThis(node)) return;
      if (node.type === AST_NODE_TYPES.ThisExpression) {
        const key = this.keyOf(node) ?? (node.parent.type === AST_NODE_TYPES.MemberExpression ? this.keyOf(node.parent) : undefined);
        if (key) keys.add(key);
        return;
      }
      for (const child of childNodes(node)) visit(child);
    };
    visit(fn);
    return [...keys];
  }

  private ownerOf(fn: ThisFunction): TSESTree.Node | undefined {
    let owner = this.owners.get(fn);
    if (owner === undefined) this.owners.set(fn, (owner = ownerOf(fn, this.resolve) ?? null));
    return owner ?? undefined;
  }
}
