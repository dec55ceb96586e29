/**
 * Which parameters the collector tracks, decided once per file before the traversal.
 *
 * A parameter matters when it is a response (the response parameter of a handler; with a
 * program, also any parameter used like a response, whose type then decides), or when a response
 * reaches it: passed to a local function (`sendError(res)`), whose summary the caller then reads.
 * Tracking every parameter of every function (`opts.get()`, `cb(err)`) made the analysis solve
 * every function of every file; most files have no response at all and now cost no fixpoint.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { declaredVariable, throughTs, unwrapTs } from '../util/ast.js';
import { handlerInfo, isFunctionNode, type FunctionNode, type HandlerContext } from './handlers.js';
import type { Resolver } from './references.js';
import { errorListenerResponseIndex } from './start-states.js';
import { usedLikeResponse } from './response-uses.js';

export type Candidates = ReadonlySet<TSESLint.Scope.Variable>;

/** The variable of `fn`'s parameter at `index` (a plain or defaulted identifier), if any. */
export function paramVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: TSESTree.Node,
  index: number,
): TSESLint.Scope.Variable | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const param = fn.params[index];
  if (!param) return undefined;
  const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  return declaredVariable(sourceCode, fn, name);
}

/** The local function a variable names: `function f() {}`, or `const f = () => {}` never reassigned. */
/** `function () {…}.bind(this)`: the function itself (binding `this` does not change what it does to a response). */
function unbound(init: TSESTree.Node): TSESTree.Node {
  if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.MemberExpression) return init;
  const { object, property } = init.callee;
  return property.type === AST_NODE_TYPES.Identifier && property.name === 'bind' && isFunctionNode(unwrapTs(object)) ? unwrapTs(object) : init;
}

export function localFunctionOf(variable: TSESLint.Scope.Variable | undefined): TSESTree.Node | undefined {
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length > 1) return undefined;
  if (def.type === 'FunctionName') return def.node as TSESTree.Node;
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const init = unbound(unwrapTs(def.node.init));
    const writes = variable.references.filter((r) => r.isWrite()).length;
    if (isFunctionNode(init) && writes <= 1) return init;
  }
  return undefined;
}

export function findCandidates(ctx: HandlerContext, resolve: Resolver): Candidates {
  const { sourceCode } = ctx;
  const candidates = new Set<TSESLint.Scope.Variable>();
  const queue: TSESLint.Scope.Variable[] = [];
  const visited = new Set<TSESLint.Scope.Variable>();
  const add = (variable: TSESLint.Scope.Variable | undefined, param: boolean): void => {
    if (!variable || visited.has(variable)) return;
    visited.add(variable);
    if (param) candidates.add(variable);
    queue.push(variable);
  };

  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    if (scope.type !== 'function' || !isFunctionNode(scope.block as TSESTree.Node)) continue;
    const fn = scope.block as FunctionNode;
    const info = handlerInfo(fn, ctx);
    if (info) add(paramVariable(sourceCode, fn, info.responseIndex), true);
    // `proxy.on('error', (err, req, res) => …)` (./start-states.ts)
    const listenerResponse = errorListenerResponseIndex(fn);
    if (listenerResponse !== undefined) add(paramVariable(sourceCode, fn, listenerResponse), true);
    if (!ctx.types) continue;
    for (let index = 0; index < fn.params.length; index++) {
      const variable = paramVariable(sourceCode, fn, index);
      if (variable && usedLikeResponse(variable)) add(variable, true);
    }
  }

  // Follow responses into local helpers and `const` aliases.
  for (let variable = queue.pop(); variable; variable = queue.pop()) {
    for (const ref of variable.references) {
      const node = throughTs(ref.identifier as TSESTree.Node);
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
        add(declaredVariable(sourceCode, parent, parent.id), false);
      } else if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const argIndex = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        const callee = unwrapTs(parent.callee);
        if (argIndex < 0 || callee.type !== AST_NODE_TYPES.Identifier) continue;
        const target = localFunctionOf(resolve(callee));
        if (target) add(paramVariable(sourceCode, target, argIndex), true);
      }
    }
  }
  return candidates;
}
