/**
 * Small ESTree helpers shared by the path analysis and content-length-in-bytes.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/** The TypeScript wrappers around an expression that change nothing at run time: `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export const TS_WRAPPER_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

type TsWrapper = TSESTree.TSAsExpression | TSESTree.TSNonNullExpression | TSESTree.TSSatisfiesExpression | TSESTree.TSTypeAssertion;

function isTsWrapper(node: TSESTree.Node): node is TsWrapper {
  return TS_WRAPPER_TYPES.has(node.type);
}

/** The expression inside TS wrappers (downwards). */
export function unwrapTs(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTsWrapper(current)) current = current.expression;
  return current;
}

/** The expression inside TS wrappers and an optional chain: `res?.socket` → `res.socket`. */
export function unwrapChain(node: TSESTree.Node): TSESTree.Node {
  const inner = unwrapTs(node);
  return inner.type === AST_NODE_TYPES.ChainExpression ? unwrapTs(inner.expression) : inner;
}

/** The outermost TS wrapper around `node` (upwards): `res` in `(res as Response).json()` → `res as Response`. */
export function throughTs(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && isTsWrapper(current.parent)) current = current.parent;
  return current;
}

/** The name of a member expression's property (`res.json`, `res['json']`). */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  return undefined;
}

/** The variable `declaration` (a function, a declarator) declares with the identifier `name`. */
export function declaredVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declaration: TSESTree.Node,
  name: TSESTree.Node,
): TSESLint.Scope.Variable | undefined {
  return sourceCode.getDeclaredVariables(declaration).find((variable) => variable.defs[0]?.name === name);
}
