/**
 * Which functions are request handlers, and which of their parameters is the response.
 *
 * Shared by every lifecycle rule (the path analysis, `require-end`, `typed-response-param`).
 * Entry points:
 * - `handlerInfo(fn, ctx)`: the handler facts of a function (its response, request and next
 *   parameters and why it counts as a handler), or `undefined`.
 * - `isRegisteredHandler(fn)`: `fn` is passed to a handler registration (`app.get(...)`,
 *   `router.use(...)`, `route(...).post(...)`, `http.createServer(fn)`, `server.on('request', fn)`).
 * - `responseTypeAnnotation(param, scope)`: what a TS annotation on a parameter says.
 * - `isServerResponseType(type, checker)` (in ./response-types.ts): the typed check.
 *
 * Without type information the response is recognised from the registration, a TS annotation
 * naming a response type, or a conventional shape read from the parameter names
 * (./parameter-shapes.ts: `(req, res[, next])`, `(err, req, res, next)`, `(req, res, next, id)`,
 * helpers `(req, res, …more)`). With type information (a `program` in parser services) the parameter's type decides
 * whenever it is known (not `any`/`unknown`): a fetch `Response` called `res` is never a response.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { TYPE_STATE_TYPES } from '../type-state-names.js';
import { declaredVariable, propertyName, unwrapTs } from '../util/ast.js';
import { typeVerdictOf, type TypeServices } from './response-types.js';
import { conventionalShape, NEXT_NAME, RES_NAME, registeredResponseIndex } from './parameter-shapes.js';
import { usedLikeResponse } from './response-uses.js';

export { unwrapTs };

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/** Why a function counts as a handler. */
export type HandlerKind =
  /** Passed to `app.get(...)`, `router.use(...)`, `route(...).post(...)`, `app.param(...)`. */
  | 'registered'
  /** Passed to `http(s).createServer(fn)` or `server.on('request', fn)`. */
  | 'server'
  /** A parameter annotated with a response type (`Response` from express, `ServerResponse`, `Res`, …). */
  | 'annotated'
  /** With type information: a parameter whose type is or extends `http.ServerResponse`. */
  | 'typed'
  /** Named like `(req, res[, next])`, `(err, req, res, next)` or `(req, res, next, value)`. */
  | 'conventional'
  /** Named like `(req, res, …more)` with other extra parameters: state rules only, no answer owed (./parameter-shapes.ts). */
  | 'helper';

export interface HandlerInfo {
  readonly node: FunctionNode;
  readonly kind: HandlerKind;
  /** Registered with a router or a server: the framework calls it with a fresh response. */
  readonly registered: boolean;
  /** `(err, req, res, next)` in an error-handling position (see ./parameter-shapes.ts). */
  readonly errorHandler: boolean;
  readonly response: TSESTree.Identifier;
  readonly responseIndex: number;
  readonly request: TSESTree.Identifier | undefined;
  readonly next: TSESTree.Identifier | undefined;
}

/** Express router/app methods that register handlers. */
const REGISTRATION_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'use', 'param',
]);
/** Receivers that are an app or a router: `app`, `router`, `apiRouter`, `this.app`, `adminApp`. */
const ROUTER_NAME = /(?:^|[a-z_])(?:app|router|api|routes?)$/iu;
const ROUTER_FACTORY = /^(?:express|Router)$/u;
const SERVER_FACTORIES = new Set(['createServer', 'createSecureServer']);
const SERVER_MODULE_NAME = /^(?:https?|http2|node:https?|node:http2)$/u;
const REQUEST_EVENT_METHODS = new Set(['on', 'once', 'addListener', 'prependListener']);


export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The name of a member expression's property, or of a plain identifier callee. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const node = unwrapTs(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return propertyName(node);
  return undefined;
}

/** `app`, `router`, `this.router`, `express()`, `express.Router()`, `app.route('/x')`, `router.route('/x').get(f)`. */
function isRouterLike(node: TSESTree.Node): boolean {
  const target = unwrapTs(node);
  if (target.type === AST_NODE_TYPES.Identifier) return ROUTER_NAME.test(target.name);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(target);
    return name !== undefined && ROUTER_NAME.test(name);
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(target.callee);
    if (name === undefined) return false;
    if (ROUTER_FACTORY.test(name)) return true;
    const callee = unwrapTs(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    // `x.route('/p')` and chained registrations `router.route('/p').get(a).post(b)`
    if (name === 'route' || REGISTRATION_METHODS.has(name)) return isRouterLike(callee.object);
  }
  return false;
}

/** `http.createServer`, `https.createServer`, `createServer` (imported), `http2.createSecureServer`. */
function isServerFactory(callee: TSESTree.Node): boolean {
  const node = unwrapTs(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return SERVER_FACTORIES.has(node.name);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = propertyName(node);
  if (name === undefined || !SERVER_FACTORIES.has(name)) return false;
  const object = unwrapTs(node.object);
  return object.type === AST_NODE_TYPES.Identifier && SERVER_MODULE_NAME.test(object.name);
}

/** How `fn` is registered, if it is an argument of a handler registration (also a function's name: `app.use(onError)`). */
export function registrationOf(fn: FunctionNode | TSESTree.Identifier): 'registered' | 'server' | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const callee = unwrapTs(call.callee);
  if (isServerFactory(callee)) return 'server';
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined) return undefined;
  if (REQUEST_EVENT_METHODS.has(method)) {
    const event = call.arguments[0];
    return event?.type === AST_NODE_TYPES.Literal && event.value === 'request' && call.arguments[1] === fn
      ? 'server'
      : undefined;
  }
  if (REGISTRATION_METHODS.has(method) && isRouterLike(callee.object)) return 'registered';
  return undefined;
}

export function isRegisteredHandler(fn: FunctionNode): boolean {
  return registrationOf(fn) !== undefined;
}

function identifierParam(param: TSESTree.Parameter | undefined): TSESTree.Identifier | undefined {
  if (param === undefined) return undefined;
  if (param.type === AST_NODE_TYPES.Identifier) return param;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) {
    return param.left;
  }
  return undefined;
}

/** Names of response types that this project and the frameworks export. */
const EXPRESS_RESPONSE_MODULES = /^(?:express|express-serve-static-core)$/u;
const NODE_HTTP_MODULES = /^(?:node:)?(?:http|https|http2)$/u;
const NODE_RESPONSE_TYPES = new Set(['ServerResponse', 'Http2ServerResponse']);
/** Next.js API routes: `NextApiResponse` extends `http.ServerResponse`. */
const NEXT_MODULES = /^next(?:\/types)?$/u;

/**
 * What a TS type annotation says about a parameter: `'response'`, `'other'` (annotated with a
 * type that is not a response, e.g. fetch's global `Response`), or `undefined` (no annotation,
 * or `any`/`unknown`).
 */
export function responseTypeAnnotation(
  param: { readonly typeAnnotation?: TSESTree.TSTypeAnnotation | undefined },
  scope: TSESLint.Scope.Scope,
): 'response' | 'other' | undefined {
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation === undefined) return undefined;
  if (annotation.type === AST_NODE_TYPES.TSAnyKeyword || annotation.type === AST_NODE_TYPES.TSUnknownKeyword) {
    return undefined;
  }
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return 'other';
  const typeName = annotation.typeName;
  if (typeName.type === AST_NODE_TYPES.TSQualifiedName) {
    // `express.Response`, `http.ServerResponse`, `core.Response`
    if (typeName.left.type !== AST_NODE_TYPES.Identifier) return 'other';
    const source = importSourceOf(typeName.left.name, scope);
    const name = typeName.right.name;
    if (name === 'Response' && source !== undefined && EXPRESS_RESPONSE_MODULES.test(source)) return 'response';
    if (NODE_RESPONSE_TYPES.has(name) && source !== undefined && NODE_HTTP_MODULES.test(source)) return 'response';
    if (name === 'Response' && typeName.left.name === 'express') return 'response';
    return 'other';
  }
  if (typeName.type !== AST_NODE_TYPES.Identifier) return 'other';
  const source = importSourceOf(typeName.name, scope);
  const imported = importedNameOf(typeName.name, scope) ?? typeName.name;
  if (source === undefined) {
    // A global (fetch's `Response`, `Array`, …) is not a response; a type declared in this file
    // (`interface ApiResponse extends Response`) says nothing either way.
    return findVariable(typeName.name, scope) ? undefined : 'other';
  }
  if (imported === 'Response' && EXPRESS_RESPONSE_MODULES.test(source)) return 'response';
  if (NODE_RESPONSE_TYPES.has(imported) && NODE_HTTP_MODULES.test(source)) return 'response';
  // This project's type-state typings: recognised when imported (from any module, they are re-exported).
  if (TYPE_STATE_TYPES.has(imported)) return 'response';
  if (imported === 'NextApiResponse' && NEXT_MODULES.test(source)) return 'response';
  // Client responses (fetch implementations, HTTP clients, test agents) are never server responses;
  // a type from any other module (`import { AppResponse } from './types'`) says nothing either way.
  return CLIENT_MODULES.test(source) ? 'other' : undefined;
}

const CLIENT_MODULES = /^(?:undici|node-fetch|cross-fetch|isomorphic-fetch|axios|got|ky|superagent|supertest|light-my-request|@hapi\/shot|needle|request|node:http2?|https?)$/u;

function findVariable(name: string, scope: TSESLint.Scope.Scope): TSESLint.Scope.Variable | undefined {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

function importDeclarationOf(
  name: string,
  scope: TSESLint.Scope.Scope,
): { declaration: TSESTree.ImportDeclaration; specifier: TSESTree.Node } | undefined {
  const variable = findVariable(name, scope);
  const def = variable?.defs[0];
  if (def?.type !== 'ImportBinding') return undefined;
  const declaration = def.parent as TSESTree.Node;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  return { declaration, specifier: def.node as TSESTree.Node };
}

function importSourceOf(name: string, scope: TSESLint.Scope.Scope): string | undefined {
  return moduleOfVariable(findVariable(name, scope));
}

/**
 * The module a variable is bound from: `import x from 'm'`, `import { x } from 'm'`,
 * `import x = require('m')`, `const x = require('m')`, `const { x } = require('m')`.
 */
export function moduleOfVariable(variable: TSESLint.Scope.Variable | undefined): string | undefined {
  const def = variable?.defs[0];
  if (def?.type === 'ImportBinding') {
    const declaration = def.parent as TSESTree.Node | null;
    if (declaration?.type === AST_NODE_TYPES.ImportDeclaration) return declaration.source.value;
    if (def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = def.node.moduleReference;
      if (ref.type === AST_NODE_TYPES.TSExternalModuleReference) return ref.expression.value;
    }
    return undefined;
  }
  if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    return requiredModule(def.node.init);
  }
  return undefined;
}

/** `require('m')`: `'m'`. */
export function requiredModule(node: TSESTree.Node): string | undefined {
  const call = unwrapTs(node);
  if (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.Identifier &&
    call.callee.name === 'require' &&
    call.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof call.arguments[0].value === 'string'
  ) {
    return call.arguments[0].value;
  }
  return undefined;
}

function importedNameOf(name: string, scope: TSESLint.Scope.Scope): string | undefined {
  const found = importDeclarationOf(name, scope);
  if (found?.specifier.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const imported = found.specifier.imported;
  return imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
}

export interface HandlerContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** Type services when the file has a program; `undefined` for plain JS or TS without a project. */
  readonly types: TypeServices | undefined;
}

/** What the parameter's type (or annotation) says: `'response'`, `'other'`, or `undefined` (no information). */
function paramVerdict(
  param: TSESTree.Identifier,
  fn: FunctionNode,
  ctx: HandlerContext,
): 'response' | 'other' | undefined {
  if (ctx.types) {
    const verdict = typeVerdictOf(param, ctx.types);
    if (verdict !== undefined) return verdict;
  }
  return responseTypeAnnotation(param, ctx.sourceCode.getScope(fn));
}

/** Per function node; with and without a program apart (`typed-response-param` asks without types). */
const caches = { typed: new WeakMap<FunctionNode, HandlerInfo | null>(), untyped: new WeakMap<FunctionNode, HandlerInfo | null>() };

/**
 * The handler facts of `fn`, or `undefined` when it is not a handler (no parameter that is a
 * response). Cached per function node.
 */
export function handlerInfo(fn: FunctionNode, ctx: HandlerContext): HandlerInfo | undefined {
  const cache = ctx.types ? caches.typed : caches.untyped;
  const cached = cache.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const info = computeHandlerInfo(fn, ctx);
  cache.set(fn, info ?? null);
  return info;
}

function computeHandlerInfo(fn: FunctionNode, ctx: HandlerContext): HandlerInfo | undefined {
  // Most functions of a file (`() => …` callbacks): no parameter can be a response.
  if (fn.params.length === 0) return undefined;
  const params = fn.params.map((p) => identifierParam(p));
  const names = params.map((p) => p?.name);
  const registration = registrationOf(fn);
  const isParamRegistration =
    registration === 'registered' &&
    fn.parent?.type === AST_NODE_TYPES.CallExpression &&
    calleeName(fn.parent.callee) === 'param';
  const shape = registration === undefined ? conventionalShape(names) : undefined;
  const responseIndex = shape?.responseIndex ?? registeredResponseIndex(names, isParamRegistration);
  const build = (kind: HandlerKind, index: number, errorHandler = index === 2): HandlerInfo | undefined => {
    const response = params[index];
    if (response === undefined) return undefined;
    // A named shape knows where `next` is (`sendPage(req, res, page)` has none); otherwise it follows the response.
    const byShape = shape !== undefined && (kind === 'conventional' || kind === 'helper');
    const next = byShape ? (shape.nextIndex === undefined ? undefined : params[shape.nextIndex]) : params[index + 1];
    return {
      node: fn,
      kind,
      registered: registration !== undefined,
      errorHandler,
      response,
      responseIndex: index,
      request: params[index - 1],
      next,
    };
  };

  // 1. Types and annotations decide when they say something. The checker is asked only about
  //    parameters used like a response: asking about every parameter of every function was most
  //    of the type-aware analysis' time (bench/lint), and an unused response changes no report.
  for (let index = 0; index < params.length; index++) {
    const param = params[index];
    if (param === undefined) continue;
    if (param.typeAnnotation && responseTypeAnnotation(param, ctx.sourceCode.getScope(fn)) === 'response') {
      return build('annotated', index);
    }
    if (ctx.types) {
      const variable = declaredVariable(ctx.sourceCode, fn, param);
      if (variable && usedLikeResponse(variable) && typeVerdictOf(param, ctx.types) === 'response') return build('typed', index);
    }
  }
  const conventional = params[responseIndex];
  // Only the registered and the conventionally named need the verdict (it can veto them).
  const needsVerdict = conventional !== undefined && (registration !== undefined || RES_NAME.test(conventional.name));
  const verdict = needsVerdict ? paramVerdict(conventional, fn, ctx) : undefined;
  if (verdict === 'other') return undefined;

  // 2. Registered with a router or a server.
  if (registration !== undefined && params.length >= 2) return build(registration, responseIndex);

  // 3. The conventional shapes (./parameter-shapes.ts).
  if (shape === undefined) return undefined;
  return build(shape.helper ? 'helper' : 'conventional', shape.responseIndex, shape.errorHandler);
}

/** The `next` parameter's name pattern, for callers that look for `next` outside handlers. */
export function looksLikeNext(name: string): boolean {
  return NEXT_NAME.test(name);
}
