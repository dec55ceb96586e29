/**
 * Awaits that cannot reject, for the Express 4 rejection check (./express4-rejection.ts): found on
 * the development corpus (bench/real) as the false reports of that check.
 * - an express-validator chain's `run(req)` (`await body('email').isEmail().run(req)`): failed
 *   validations, even a custom validator that throws, are recorded on the request, not rejected;
 * - a call of a local `async` function, or of an `async` method of the same class
 *   (`this.getDevices()`, `Uploader.getFileType(p)`), whose own body has no `await` or `throw`
 *   outside `try`/`catch` (asked of that body in turn, a few calls deep).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { isFunctionNode, unwrapTs, type FunctionNode } from '../analysis/index.js';
import { localFunctionOf } from '../analysis/candidates.js';
import { resolverOf } from '../analysis/references.js';

const VALIDATOR_MODULE = /['"]express-validator['"]/u;
/** express-validator's chain factories. */
const VALIDATION_CHAINS = new Set(['check', 'body', 'param', 'query', 'header', 'cookie', 'checkSchema', 'checkExact', 'oneOf']);
const MAX_DEPTH = 4;

/** Whether the awaited function body has an uncaught rejection point (given by the caller, which owns that walk). */
export type RejectsFn = (fn: FunctionNode, depth: number) => boolean;

export function cannotReject(
  argument: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  rejects: RejectsFn,
  depth: number,
): boolean {
  const call = unwrapTs(argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isValidationRun(call, sourceCode)) return true;
  if (depth >= MAX_DEPTH) return false;
  const target = calledFunction(call, sourceCode);
  return target !== undefined && target.async && !rejects(target, depth + 1);
}

/** `body('email').isEmail().run(req)` in a file that loads express-validator. */
function isValidationRun(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = unwrapTs(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'run') {
    return false;
  }
  let node = unwrapTs(callee.object);
  while (node.type === AST_NODE_TYPES.CallExpression) {
    const inner = unwrapTs(node.callee);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      return VALIDATION_CHAINS.has(inner.name) && VALIDATOR_MODULE.test(sourceCode.text);
    }
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
    node = unwrapTs(inner.object);
  }
  return false;
}

/** The local function (`load()`) or same-class method (`this.load()`, `Store.load()`) a call runs. */
function calledFunction(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | undefined {
  const callee = unwrapTs(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const target = localFunctionOf(resolverOf(sourceCode)(callee));
    return isFunctionNode(target) ? target : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const object = unwrapTs(callee.object);
  const owner = enclosingClass(call);
  if (!owner) return undefined;
  const sameClass =
    object.type === AST_NODE_TYPES.ThisExpression ||
    (object.type === AST_NODE_TYPES.Identifier && owner.id !== null && owner.id.name === object.name);
  if (!sameClass) return undefined;
  const name = callee.property.name;
  for (const member of owner.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.computed || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== name) continue;
    const value = member.value ? unwrapTs(member.value) : undefined;
    return isFunctionNode(value) ? value : undefined;
  }
  return undefined;
}

function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}
