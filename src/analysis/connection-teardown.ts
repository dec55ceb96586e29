/**
 * Tearing down the connection a response is written to: `req.destroy()`, `req.socket.destroy()`,
 * `res.socket.destroy()` (or `.connection`). Node destroys the socket, and the response with it,
 * as `res.destroy()` does: the response is over (the model's `abort`), and the client is not left
 * waiting. `res.destroy()` itself is a response method (../lifecycle); these are the spellings
 * that go through the request or the socket. Read by the collector (./collect.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { declaredVariable, propertyName, unwrapChain } from '../util/ast.js';
import { handlerInfo, isFunctionNode, type HandlerContext } from './handlers.js';
import type { Resolver } from './references.js';
import type { ResponseKey } from './state.js';

const CONNECTION = new Set(['socket', 'connection']);

/** How the collector finds tracked responses. */
export interface ResponseLookup {
  readonly ctx: HandlerContext;
  readonly resolve: Resolver;
  /** The tracked response an identifier refers to, if any. */
  readonly keyOf: (id: TSESTree.Identifier) => ResponseKey | undefined;
  /** The tracked response a variable (a parameter) is, if any. */
  readonly keyOfVariable: (variable: TSESLint.Scope.Variable) => ResponseKey | undefined;
}

/** The response whose connection `destroyed.destroy()` tears down: `destroyed` is the request or a socket. */
export function tornDownResponse(destroyed: TSESTree.Node, lookup: ResponseLookup): ResponseKey | undefined {
  const target = unwrapChain(destroyed);
  if (target.type === AST_NODE_TYPES.Identifier) return requestResponse(target, lookup);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !CONNECTION.has(propertyName(target) ?? '')) return undefined;
  const owner = unwrapChain(target.object);
  if (owner.type !== AST_NODE_TYPES.Identifier) return undefined;
  return lookup.keyOf(owner) ?? requestResponse(owner, lookup);
}

function requestResponse(id: TSESTree.Identifier, lookup: ResponseLookup): ResponseKey | undefined {
  const variable = lookup.resolve(id);
  return variable ? responseOfHandlerParam(variable, 'request', lookup) : undefined;
}

/** `req` or `next` of a handler `(req, res, next)`: the tracked response that handler answers with. */
export function responseOfHandlerParam(variable: TSESLint.Scope.Variable, role: 'request' | 'next', lookup: ResponseLookup): ResponseKey | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter') return undefined;
  const fn = def.node as TSESTree.Node;
  if (!isFunctionNode(fn)) return undefined;
  const info = handlerInfo(fn, lookup.ctx);
  if (!info || info[role] !== def.name) return undefined;
  const response = declaredVariable(lookup.ctx.sourceCode, fn, info.response);
  return response ? lookup.keyOfVariable(response) : undefined;
}
