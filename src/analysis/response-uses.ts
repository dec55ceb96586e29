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
 * The variable is used the way a response is: a lifecycle method called on it (`x.json()`), a
 * lifecycle property assigned (`x.statusCode = …`) or a state guard read (`x.headersSent`); reads
 * (`x.get()`) and look-alikes (`schema.type`, a property read of a name the model knows as a
 * method) do not count. Only such parameters are worth asking the type checker about: on a
 * contextually typed callback the first question makes the checker resolve the whole call, most
 * of the type-aware analysis' time, and the first question of a lint run creates the checker.
 */
export function usedLikeResponse(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((ref) => {
    const node = throughTs(ref.identifier as TSESTree.Node);
    const member = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return false;
    const name = propertyName(member);
    const spec = name === undefined ? undefined : memberSpec(name);
    if (spec === undefined || spec.effect === 'neutral') return false;
    const use = throughTs(member).parent;
    if (spec.kind === 'method') {
      return spec.effect !== 'read' && use?.type === AST_NODE_TYPES.CallExpression && use.callee === throughTs(member);
    }
    if (spec.effect === 'read') return Object.hasOwn(GUARD_MEANING, name as string);
    return use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === throughTs(member);
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
