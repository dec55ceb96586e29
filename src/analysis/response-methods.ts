/**
 * Response methods: functions whose `this` is a response. Node and Express define their own
 * response methods this way, and so do the libraries and apps that extend them:
 * - `X.prototype.m = function () {…}` where X is `http.ServerResponse` / `http.OutgoingMessage`
 *   (any import spelling) or a class of this file that extends one;
 * - the methods of such a class (`class JsonRes extends ServerResponse { json(x) {…} }`);
 * - `o.m = function () {…}` and `{ m() {…} }` where `o` is a prototype object built on a response:
 *   `Object.create(http.ServerResponse.prototype)`, `{ __proto__: http.ServerResponse.prototype }`
 *   (how Express builds its `res`), or Express's own `express.response`.
 * The caller (./member-responses.ts) turns `this` in them into a response key.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { propertyName, unwrapTs } from '../util/ast.js';
import { moduleOfVariable, requiredModule } from './handlers.js';
import type { Resolver } from './references.js';

const HTTP_MODULES = /^(?:node:)?(?:http|https|http2)$/u;
const RESPONSE_CLASSES = new Set(['ServerResponse', 'OutgoingMessage', 'Http2ServerResponse']);
/** A file that mentions none of these defines no response method (a cheap test before any walk). */
const MENTIONS = /ServerResponse|OutgoingMessage|\.response\b/u;
/** Bounds the walk through `class A extends B`, `const C = A` chains (and cycles in broken code). */
const MAX_DEPTH = 8;

export type MethodFunction = TSESTree.FunctionExpression;

/** The functions of the file whose `this` is a response (see the file comment). */
export function findResponseMethods(sourceCode: Readonly<TSESLint.SourceCode>, resolve: Resolver): Set<MethodFunction> {
  const out = new Set<MethodFunction>();
  if (!MENTIONS.test(sourceCode.text)) return out;
  const prototypes = new ResponsePrototypes(resolve);
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    const fn = scope.block as TSESTree.Node;
    if (scope.type === 'function' && fn.type === AST_NODE_TYPES.FunctionExpression && prototypes.isMethod(fn)) out.add(fn);
  }
  return out;
}

class ResponsePrototypes {
  constructor(private readonly resolve: Resolver) {}

  /** `fn` is a method of a response class or of a prototype object built on a response. */
  isMethod(fn: MethodFunction): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition) {
      return parent.value === fn && !parent.static && this.isResponseClassNode(parent.parent.parent, 0);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      return this.isPrototype(parent.parent, 0);
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn && parent.operator === '=') {
      const left = unwrapTs(parent.left);
      return left.type === AST_NODE_TYPES.MemberExpression && this.isPrototype(left.object, 0);
    }
    return false;
  }

  /** `http.ServerResponse`, `require('http').ServerResponse`, an imported `ServerResponse`, a class extending one. */
  private isResponseClass(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const expr = unwrapTs(node);
    if (expr.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(expr);
      return name !== undefined && RESPONSE_CLASSES.has(name) && this.isModule(expr.object, HTTP_MODULES);
    }
    if (expr.type === AST_NODE_TYPES.ClassExpression) return this.isResponseClassNode(expr, depth + 1);
    if (expr.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.resolve(expr);
    const def = variable?.defs[0];
    if (!def || variable.defs.length > 1) return false;
    if (def.type === 'ClassName') return this.isResponseClassNode(def.node as TSESTree.Node, depth + 1);
    if (def.type === 'ImportBinding') {
      const specifier = def.node as TSESTree.Node;
      return specifier.type === AST_NODE_TYPES.ImportSpecifier && RESPONSE_CLASSES.has(importedName(specifier)) && HTTP_MODULES.test(moduleOfVariable(variable) ?? '');
    }
    if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
    const { id, init } = def.node;
    // `const { ServerResponse } = require('http')`
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      return id.properties.some(
        (p) => p.type === AST_NODE_TYPES.Property && p.value === def.name && RESPONSE_CLASSES.has(propertyKey(p) ?? '') && this.isModule(init, HTTP_MODULES),
      );
    }
    // `const Base = http.ServerResponse`
    return id === def.name && this.isResponseClass(init, depth + 1);
  }

  private isResponseClassNode(node: TSESTree.Node, depth: number): boolean {
    return (
      (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) &&
      node.superClass !== null &&
      this.isResponseClass(node.superClass, depth + 1)
    );
  }

  /**
   * A prototype object of responses: `R.prototype` of a response class R, `express.response`, an
   * object made by `Object.create(proto)` or with `__proto__: proto`, or a variable holding one.
   */
  private isPrototype(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const expr = unwrapTs(node);
    if (expr.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(expr);
      if (name === 'prototype') return this.isResponseClass(expr.object, depth + 1);
      return name === 'response' && this.isModule(expr.object, /^express$/u);
    }
    // `var res = module.exports = { __proto__: … }`
    if (expr.type === AST_NODE_TYPES.AssignmentExpression && expr.operator === '=') return this.isPrototype(expr.right, depth + 1);
    if (expr.type === AST_NODE_TYPES.ObjectExpression) {
      return expr.properties.some(
        (p) => p.type === AST_NODE_TYPES.Property && !p.computed && propertyKey(p) === '__proto__' && this.isPrototype(p.value, depth + 1),
      );
    }
    if (expr.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrapTs(expr.callee);
      const isCreate =
        callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(callee) === 'create' &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'Object';
      return isCreate && expr.arguments[0] !== undefined && this.isPrototype(expr.arguments[0], depth + 1);
    }
    if (expr.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.resolve(expr);
    const def = variable?.defs[0];
    if (!def || variable.defs.length > 1 || def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
    const writes = variable.references.filter((r) => r.isWrite()).length;
    return def.node.id === def.name && def.node.init !== null && writes <= 1 && this.isPrototype(def.node.init, depth + 1);
  }

  /** `http` bound from a module matching `pattern`, or `require('http')` itself. */
  private isModule(node: TSESTree.Node, pattern: RegExp): boolean {
    const expr = unwrapTs(node);
    const source = expr.type === AST_NODE_TYPES.Identifier ? moduleOfVariable(this.resolve(expr)) : requiredModule(expr);
    return source !== undefined && pattern.test(source);
  }
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : undefined;
}
