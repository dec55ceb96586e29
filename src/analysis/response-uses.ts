/**
 * How a variable is used, syntactically: enough to tell which parameters may be responses before
 * asking the type checker (see ./candidates.ts and `handlerInfo`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberSpec } from '../lifecycle/index.js';
import { propertyName, throughTs } from '../util/ast.js';
import { isStateGuard } from './guard-members.js';

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
    if (name === undefined || spec === undefined) return false;
    const whole = throughTs(member);
    const use = whole.parent;
    if (spec.kind === 'method') {
      return spec.effect !== 'read' && spec.effect !== 'neutral' && use?.type === AST_NODE_TYPES.CallExpression && use.callee === whole;
    }
    if (spec.effect === 'read') return isStateGuard(name);
    return spec.effect !== 'neutral' && use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === whole;
  });
}
