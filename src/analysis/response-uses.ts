/**
 * How a variable is used, syntactically: enough to tell which parameters may be responses before
 * asking the type checker (see ./candidates.ts and `handlerInfo`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberSpec } from '../lifecycle/index.js';
import { GUARD_MEANING } from './guard-members.js';

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
 * The variable is used the way a response is: a lifecycle member that changes or guards the
 * response (`x.json()`, `x.statusCode = …`, `x.headersSent`), not a read such as `x.get()`. Only
 * such parameters are worth asking the type checker about: on a contextually typed callback the
 * first question makes the checker resolve the whole call, most of the type-aware analysis' time.
 */
export function usedLikeResponse(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((ref) => {
    const node = throughTs(ref.identifier as TSESTree.Node);
    const parent = node.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) return false;
    const name = propertyName(parent);
    const spec = name === undefined ? undefined : memberSpec(name);
    return spec !== undefined && (spec.effect === 'read' ? Object.hasOwn(GUARD_MEANING, name as string) : spec.effect !== 'neutral');
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
