/**
 * Guards: conditions that test a response's state (`res.headersSent`, `res.writableEnded`,
 * `res.finished`, `res.writableFinished`). A branch taken when such a test is true or false
 * refines the state on that edge, so `if (!res.headersSent) res.send()` and
 * `if (res.headersSent) return next(err)` are understood. Which properties are state reads is
 * read from the lifecycle model (`read` members); which of them mean "sent" or "ended" is
 * the one fact this file adds.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { TS_WRAPPER_TYPES, unwrapTs } from '../util/ast.js';
import { GUARD_MEANING, isStateGuard } from './guard-members.js';

export interface Assumption {
  /** The response expression the property is read from. */
  readonly object: TSESTree.Identifier;
  readonly meaning: 'sent' | 'ended';
  readonly value: boolean;
  /** The test, for messages ("`res.headersSent` on line 3"). */
  readonly node: TSESTree.MemberExpression;
}

function guardRead(node: TSESTree.Node): TSESTree.MemberExpression | undefined {
  const expr = unwrapTs(node);
  if (expr.type !== AST_NODE_TYPES.MemberExpression || expr.computed) return undefined;
  if (expr.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = expr.property.name;
  if (!isStateGuard(name)) return undefined;
  return unwrapTs(expr.object).type === AST_NODE_TYPES.Identifier ? expr : undefined;
}

/**
 * The node types a test with assumptions can have (what `assumptionsOf` looks through), as an
 * ESLint selector: the collector listens for their exit only, not for every node's.
 */
export const GUARD_TEST_EXIT = [
  'MemberExpression', 'UnaryExpression', 'LogicalExpression', 'BinaryExpression', ...TS_WRAPPER_TYPES,
].join(', ') + ':exit'; // ESLint reads `:exit` off the end of the whole selector list

/**
 * The facts that hold when `test` evaluates to `truthy`. Conservative: `a && b` being false,
 * or `a || b` being true, says nothing about either side.
 */
export function assumptionsOf(test: TSESTree.Node, truthy: boolean): Assumption[] {
  const expr = unwrapTs(test);
  const read = guardRead(expr);
  if (read) {
    return [
      {
        object: unwrapTs(read.object) as TSESTree.Identifier,
        meaning: GUARD_MEANING[(read.property as TSESTree.Identifier).name] ?? 'sent',
        value: truthy,
        node: read,
      },
    ];
  }
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === '!') return assumptionsOf(expr.argument, !truthy);
  if (expr.type === AST_NODE_TYPES.LogicalExpression) {
    if (expr.operator === '&&' && truthy) return [...assumptionsOf(expr.left, true), ...assumptionsOf(expr.right, true)];
    if (expr.operator === '||' && !truthy) return [...assumptionsOf(expr.left, false), ...assumptionsOf(expr.right, false)];
    return [];
  }
  if (
    expr.type === AST_NODE_TYPES.BinaryExpression &&
    (expr.operator === '===' || expr.operator === '==' || expr.operator === '!==' || expr.operator === '!=')
  ) {
    const [side, literal] =
      expr.right.type === AST_NODE_TYPES.Literal ? [expr.left, expr.right] : [expr.right, expr.left];
    if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'boolean') return [];
    const positive = expr.operator === '===' || expr.operator === '==';
    return assumptionsOf(side, positive === truthy ? literal.value : !literal.value);
  }
  return [];
}

/** The test mentions a guard at all (cheap pre-check before recording a branch). */
export function hasGuard(test: TSESTree.Node): boolean {
  return assumptionsOf(test, true).length > 0 || assumptionsOf(test, false).length > 0;
}
