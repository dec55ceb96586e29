/**
 * `require-end`'s Express 4 option: Express 4 ignores the promise an `async` handler returns, so
 * a rejection (an `await` that throws, a `throw`) outside `try`/`catch` leaves the request
 * hanging. Express 5 forwards it to the error handler, which is why this is an option.
 * Only the handler's own body counts: nested functions reject their own promises.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeName, isFunctionNode, unwrapTs, type FunctionNode } from '../analysis/index.js';
import { GLOBAL_REJECTION_PATCHES } from '../project/express4-project.js';
import { childNodes } from './child-nodes.js';
import { cannotReject } from './safe-awaits.js';

export interface RejectionPoint {
  readonly node: TSESTree.Node;
  /** `await load()`, `throw` */
  readonly display: string;
}

/**
 * Packages that make Express 4 forward rejections, globally (`import 'express-async-errors'`) or
 * for the apps and routers made with them (`@awaitjs/express`, `express-promise-router`,
 * `express-asyncify`, `express-async-await`): a file that loads one is left alone.
 */
const PATCHING_PACKAGES = new RegExp(
  `['"](?:${[...GLOBAL_REJECTION_PATCHES, '@awaitjs/express', 'express-promise-router', 'express-asyncify', 'express-async-await']
    .map((name) => name.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&'))
    .join('|')})['"]`,
  'u',
);

/**
 * The first `await` or `throw` of an async handler that no `catch` of the same function covers.
 * Not for a handler given to a wrapper (`asyncHandler(async (req, res) => …)`), which catches,
 * nor in a file that loads a package patching Express to do so.
 */
export function uncaughtRejection(
  fn: FunctionNode,
  registered: boolean,
  sourceCode: Readonly<TSESLint.SourceCode>,
): RejectionPoint | undefined {
  if (!fn.async) return undefined;
  if (!registered && fn.parent.type === AST_NODE_TYPES.CallExpression) return undefined;
  if (loadsPatch(sourceCode)) return undefined;
  return firstUncaughtPoint(fn, sourceCode, 0);
}

const patched = new WeakMap<object, boolean>();

/** Whether the file loads a patching package: read once per file, not once per handler. */
function loadsPatch(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let result = patched.get(sourceCode);
  if (result === undefined) patched.set(sourceCode, (result = PATCHING_PACKAGES.test(sourceCode.text)));
  return result;
}

function firstUncaughtPoint(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): RejectionPoint | undefined {
  const rejects = (target: FunctionNode, deeper: number): boolean => target !== fn && firstUncaughtPoint(target, sourceCode, deeper) !== undefined;
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
    if (
      !caught &&
      node.type === AST_NODE_TYPES.AwaitExpression &&
      !isCaughtPromise(node.argument) &&
      !cannotReject(node.argument, sourceCode, rejects, depth)
    ) {
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
