/**
 * How a variable is used, syntactically: enough to tell which parameters may be responses before
 * asking the type checker (see ./candidates.ts and `handlerInfo`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberSpec } from '../lifecycle/index.js';

/** The outermost node of `id` through TS wrappers (`res as Response`, `res!`). */
export function throughTs(id: TSESTree.Node): TSESTree.Node {
  let node = id;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      node.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    node = node.parent;
  }
  return node;
}

/**
 * The variable is used the way a response is (`x.json()`, `x.statusCode = …`, `x.headersSent`) or
 * handed to other code as an argument. Only such parameters are worth asking the type checker about.
 */
export function usedLikeResponse(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((ref) => {
    const node = throughTs(ref.identifier as TSESTree.Node);
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const name = propertyName(parent);
      return name !== undefined && memberSpec(name) !== undefined;
    }
    return (
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(node as TSESTree.CallExpressionArgument)
    );
  });
}

/** The name of a member expression's property (`res.json`, `res['json']`). */
export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  return undefined;
}
