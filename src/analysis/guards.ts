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
import { boundValue, stillHolds } from './guard-consts.js';
import { GUARD_MEANING, isStateGuard } from './guard-members.js';
import type { Resolver } from './references.js';

export interface Assumption {
  /** The response expression the property is read from: `res`, `this`, `this.res`, `reply.raw`. */
  readonly object: TSESTree.Identifier | TSESTree.ThisExpression | TSESTree.MemberExpression;
  /** The property read (`headersSent`). */
  readonly property: string;
  readonly meaning: 'sent' | 'ended';
  readonly value: boolean;
  /** The read, for messages ("`res.headersSent` on line 3"): a member expression or a destructured property. */
  readonly node: TSESTree.Node;
}

function guardRead(node: TSESTree.Node): TSESTree.MemberExpression | undefined {
  const expr = unwrapTs(node);
  if (expr.type !== AST_NODE_TYPES.MemberExpression || expr.computed) return undefined;
  if (expr.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = expr.property.name;
  if (!isStateGuard(name)) return undefined;
  return responseExpression(unwrapTs(expr.object)) ? expr : undefined;
}

/** `res`, `this`, or one property of either (`this.res`, `reply.raw`): what can hold a response. */
function responseExpression(node: TSESTree.Node): node is Assumption['object'] {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return false;
  const object = unwrapTs(node.object);
  return object.type === AST_NODE_TYPES.Identifier || object.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The node types a test with assumptions can have (what `assumptionsOf` looks through), as an
 * ESLint selector: the collector listens for their exit only, not for every node's.
 */
export const GUARD_TEST_EXIT = [
  'Identifier', 'MemberExpression', 'UnaryExpression', 'LogicalExpression', 'BinaryExpression', ...TS_WRAPPER_TYPES,
].join(', ') + ':exit'; // ESLint reads `:exit` off the end of the whole selector list

function assumption(object: Assumption['object'], property: string, value: boolean, node: TSESTree.Node): Assumption {
  return { object, property, meaning: GUARD_MEANING[property] ?? 'sent', value, node };
}

/**
 * The facts that hold when `test` evaluates to `truthy`. Conservative: `a && b` being false,
 * or `a || b` being true, says nothing about either side. With `resolve`, a name bound once to a
 * guard (`const sent = res.headersSent`, `const { headersSent } = res`) stands for it (./guard-consts.ts).
 */
export function assumptionsOf(test: TSESTree.Node, truthy: boolean, resolve?: Resolver, at: TSESTree.Node = test): Assumption[] {
  const expr = unwrapTs(test);
  const read = guardRead(expr);
  if (read) {
    return [assumption(unwrapTs(read.object) as Assumption['object'], (read.property as TSESTree.Identifier).name, truthy, read)];
  }
  const recurse = (inner: TSESTree.Node, value: boolean): Assumption[] => assumptionsOf(inner, value, resolve, at);
  if (expr.type === AST_NODE_TYPES.Identifier && resolve) return throughBinding(expr, truthy, resolve, at);
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === '!') return recurse(expr.argument, !truthy);
  if (expr.type === AST_NODE_TYPES.LogicalExpression) {
    if (expr.operator === '&&' && truthy) return [...recurse(expr.left, true), ...recurse(expr.right, true)];
    if (expr.operator === '||' && !truthy) return [...recurse(expr.left, false), ...recurse(expr.right, false)];
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
    return recurse(side, positive === truthy ? literal.value : !literal.value);
  }
  return [];
}

/** `if (canAnswer)` where `const canAnswer = !res.headersSent`: the facts of the initializer, while they still hold at `at`. */
function throughBinding(id: TSESTree.Identifier, truthy: boolean, resolve: Resolver, at: TSESTree.Node): Assumption[] {
  const bound = boundValue(id, resolve);
  if (!bound) return [];
  const found =
    bound.kind === 'destructured'
      ? isStateGuard(bound.property) ? [assumption(bound.object, bound.property, truthy, bound.node)] : []
      : bound.init.range[0] < id.range[0] ? assumptionsOf(bound.init, truthy, resolve, bound.declarator) : [];
  // Only a variable's mentions are followed between the binding and the test.
  return found.filter((fact) => fact.object.type === AST_NODE_TYPES.Identifier && stillHolds(bound.declarator, at, fact.object, resolve));
}

/** The test mentions a guard at all (cheap pre-check before recording a branch). */
export function hasGuard(test: TSESTree.Node, resolve?: Resolver): boolean {
  return assumptionsOf(test, true, resolve).length > 0 || assumptionsOf(test, false, resolve).length > 0;
}
