/**
 * `require-end`'s Express 4 option: Express 4 ignores the promise an `async` handler returns, so
 * a rejection (an `await` that throws, a `throw`) outside `try`/`catch` leaves the request
 * hanging. Express 5 forwards it to the error handler, which is why this is an option.
 * Only the handler's own body counts: nested functions reject their own promises.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeName, isFunctionNode, unwrapTs, type FunctionNode } from '../analysis/index.js';
import { childNodes } from './child-nodes.js';

export interface RejectionPoint {
  readonly node: TSESTree.Node;
  /** `await load()`, `throw` */
  readonly display: string;
}

/** Packages that patch Express 4 to forward rejections (`import 'express-async-errors'`). */
const PATCHING_PACKAGES = /['"](?:express-async-errors|@awaitjs\/express|express-promise-router)['"]/u;

/**
 * The first `await` or `throw` of an async handler that no `catch` of the same function covers.
 * Not for a handler given to a wrapper (`asyncHandler(async (req, res) => …)`), which catches,
 * nor in a file that loads a package patching Express to do so.
 */
export function uncaughtRejection(
  fn: FunctionNode,
  registered: boolean,
  sourceCode: { readonly text: string; getText(node: TSESTree.Node): string },
): RejectionPoint | undefined {
  if (!fn.async) return undefined;
  if (!registered && fn.parent.type === AST_NODE_TYPES.CallExpression) return undefined;
  if (PATCHING_PACKAGES.test(sourceCode.text)) return undefined;
  let found: RejectionPoint | undefined;
  const visit = (node: TSESTree.Node, caught: boolean): void => {
    if (found) return;
    if (node !== fn && isFunctionNode(node)) return;
    if (node.type === AST_NODE_TYPES.TryStatement) {
      visit(node.block, caught || node.handler !== null);
      if (node.handler) visit(node.handler, caught);
      if (node.finalizer) visit(node.finalizer, caught);
      return;
    }
    if (!caught && node.type === AST_NODE_TYPES.AwaitExpression && !isCaughtPromise(node.argument)) {
      found = { node, display: shorten(sourceCode.getText(node)) };
      return;
    }
    if (!caught && node.type === AST_NODE_TYPES.ThrowStatement) {
      found = { node, display: 'throw' };
      return;
    }
    if (!caught && node.type === AST_NODE_TYPES.ForOfStatement && node.await) {
      found = { node, display: 'for await' };
      return;
    }
    for (const child of childNodes(node)) visit(child, caught);
  };
  visit(fn.body, false);
  return found;
}

/** `await load().catch(next)`: the rejection is handled on the promise itself. */
function isCaughtPromise(argument: TSESTree.Node): boolean {
  const expr = unwrapTs(argument);
  return expr.type === AST_NODE_TYPES.CallExpression && calleeName(expr.callee) === 'catch';
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/gu, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
