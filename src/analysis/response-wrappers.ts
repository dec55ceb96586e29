/**
 * Response wrappers: properties proven to hold a server response.
 * - `this.P` in the methods of a class or constructor function that assigns a response to it
 *   (`constructor(req, res) { this.res = res }`, or `function View(req, res) { this.res = res }`
 *   with `View.prototype.render = function () { this.res.render(…) }`), or declares it with a
 *   response type (`private res: ServerResponse`, `constructor(private res: Response)`);
 * - Fastify's `reply.raw` in a handler `(request, reply)` or where `reply` is typed `FastifyReply`;
 * - Koa's `ctx.res` in middleware `(ctx, next)` or where `ctx` is typed with Koa's context.
 * Anywhere else `x.res` is as likely an HTTP client's response, and is left alone.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { propertyName, throughTs, unwrapTs } from '../util/ast.js';
import { isFunctionNode, looksLikeNext, moduleOfVariable, responseTypeAnnotation } from './handlers.js';
import type { Resolver } from './references.js';
import { thisFunction } from './this-binding.js';

export interface Wrappers {
  /** Per class or constructor function: the properties of `this` that hold a response. */
  readonly thisProperties: ReadonlyMap<TSESTree.Node, ReadonlySet<string>>;
  /** `reply` → `raw`, `ctx` → `res`. */
  readonly variableProperties: ReadonlyMap<TSESLint.Scope.Variable, string>;
}

const FASTIFY_REQUEST = /^_?(?:req|request)$/u;
const FASTIFY_REPLY = /^_?reply$/u;
const KOA_CONTEXT = /^_?(?:ctx|context)$/u;
const KOA_MODULES = /^(?:koa|@koa\/router|koa-router)$/u;
const KOA_CONTEXT_TYPES = new Set(['Context', 'ParameterizedContext', 'DefaultContext', 'ExtendableContext', 'RouterContext']);
/** Hono names its context `c` but a `(ctx, next)` middleware there is not unheard of; its `ctx.res` is a fetch `Response`. */
const FETCH_FRAMEWORKS = /^hono(?:\/|$)/u;
/** A file that mentions neither `.raw` nor `.res` has no Fastify or Koa wrapper to find. */
const MENTIONS = /\.(?:raw|res)\b/u;

/**
 * The wrappers of the file. `responses` are the variables known to hold a response (handler
 * parameters); `this.P = res` with one of them on the right makes `this.P` a response.
 */
export function findWrappers(
  sourceCode: Readonly<TSESLint.SourceCode>,
  resolve: Resolver,
  responses: Iterable<TSESLint.Scope.Variable>,
): Wrappers {
  const thisProperties = new Map<TSESTree.Node, Set<string>>();
  const add = (owner: TSESTree.Node | undefined, name: string | undefined): void => {
    if (!owner || name === undefined) return;
    let names = thisProperties.get(owner);
    if (!names) thisProperties.set(owner, (names = new Set()));
    names.add(name);
  };
  for (const variable of responses) {
    for (const ref of variable.references) {
      const value = throughTs(ref.identifier as TSESTree.Node);
      const assignment = value.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value || assignment.operator !== '=') continue;
      const left = unwrapTs(assignment.left);
      if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed) continue;
      const fn = thisFunction(left.object);
      add(fn && ownerOf(fn, resolve), propertyName(left));
    }
  }
  const scopes = sourceCode.scopeManager?.scopes ?? [];
  for (const scope of scopes) {
    if (scope.type !== 'class') continue;
    const cls = scope.block as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
    for (const member of cls.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && responseTypeAnnotation(member, scope) === 'response') {
        add(cls, member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined);
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty || param.parameter.type !== AST_NODE_TYPES.Identifier) continue;
          if (responseTypeAnnotation(param.parameter, scope) === 'response') add(cls, param.parameter.name);
        }
      }
    }
  }
  const variableProperties = new Map<TSESLint.Scope.Variable, string>();
  if (MENTIONS.test(sourceCode.text)) {
    let fetchFramework: boolean | undefined;
    for (const scope of scopes) {
      const fn = scope.block as TSESTree.Node;
      if (scope.type !== 'function' || !isFunctionNode(fn) || fn.params.length === 0) continue;
      const [first, second] = fn.params as TSESTree.Parameter[];
      if (second?.type === AST_NODE_TYPES.Identifier && isFastifyReply(first, second, resolve)) {
        const variable = scope.set.get(second.name);
        if (variable) variableProperties.set(variable, 'raw');
      } else if (first?.type === AST_NODE_TYPES.Identifier && isKoaContext(first, fn.params, resolve, () => (fetchFramework ??= importsFetchFramework(sourceCode)))) {
        const variable = scope.set.get(first.name);
        if (variable) variableProperties.set(variable, 'res');
      }
    }
  }
  return { thisProperties, variableProperties };
}

/**
 * What a method belongs to, for `this.P` lookups: the class of a class method, `X` of
 * `X.prototype.m = function`, or else the function itself (a constructor function).
 */
export function ownerOf(fn: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration, resolve: Resolver): TSESTree.Node | undefined {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) return parent.static ? undefined : parent.parent.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const left = unwrapTs(parent.left);
    const proto = left.type === AST_NODE_TYPES.MemberExpression ? unwrapTs(left.object) : undefined;
    if (proto?.type === AST_NODE_TYPES.MemberExpression && propertyName(proto) === 'prototype') {
      const ctor = unwrapTs(proto.object);
      return ctor.type === AST_NODE_TYPES.Identifier ? definitionOf(ctor, resolve) : undefined;
    }
  }
  return fn;
}

/** The class or function a name is declared as (`function View`, `class View`, `const View = function`). */
function definitionOf(id: TSESTree.Identifier, resolve: Resolver): TSESTree.Node | undefined {
  const variable = resolve(id);
  const def = variable?.defs[0];
  if (!def || variable.defs.length > 1) return undefined;
  if (def.type === 'FunctionName' || def.type === 'ClassName') return def.node as TSESTree.Node;
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unwrapTs(def.node.init);
    const isDefinition = init.type === AST_NODE_TYPES.FunctionExpression || init.type === AST_NODE_TYPES.ClassExpression;
    return isDefinition ? init : undefined;
  }
  return undefined;
}

/** `(request, reply)` or `reply: FastifyReply`. */
function isFastifyReply(first: TSESTree.Parameter | undefined, reply: TSESTree.Identifier, resolve: Resolver): boolean {
  const named = FASTIFY_REPLY.test(reply.name) && first?.type === AST_NODE_TYPES.Identifier && FASTIFY_REQUEST.test(first.name);
  return named || annotatedName(reply, resolve)?.name === 'FastifyReply';
}

/** `(ctx, next)` (outside a Hono file) or `ctx: Koa.Context` / `ctx: ParameterizedContext` from Koa. */
function isKoaContext(ctx: TSESTree.Identifier, params: readonly TSESTree.Parameter[], resolve: Resolver, fetchFramework: () => boolean): boolean {
  const annotated = annotatedName(ctx, resolve);
  if (annotated) return KOA_CONTEXT_TYPES.has(annotated.name) && KOA_MODULES.test(annotated.module ?? '');
  const next = params[1];
  return params.length === 2 && KOA_CONTEXT.test(ctx.name) && next?.type === AST_NODE_TYPES.Identifier && looksLikeNext(next.name) && !fetchFramework();
}

/** The type a parameter is annotated with, `T` or `ns.T`, and the module it comes from. */
function annotatedName(param: TSESTree.Identifier, resolve: Resolver): { name: string; module: string | undefined } | undefined {
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  if (typeName.type === AST_NODE_TYPES.Identifier) return { name: typeName.name, module: moduleOfVariable(resolve(typeName)) };
  if (typeName.type === AST_NODE_TYPES.TSQualifiedName && typeName.left.type === AST_NODE_TYPES.Identifier) {
    return { name: typeName.right.name, module: moduleOfVariable(resolve(typeName.left)) };
  }
  return undefined;
}

function importsFetchFramework(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && FETCH_FRAMEWORKS.test(statement.source.value));
}
