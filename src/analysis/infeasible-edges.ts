/**
 * Code path edges that no execution takes, recorded by the collector and skipped by the solver
 * when it joins the states flowing into a segment.
 *
 * `for (const t of ['json', 'html']) { … }`: ESLint's code path lets a `for…of` leave right after
 * evaluating its iterable, as if it could be empty. Over an array literal with an element that is
 * not a spread (`[a]`, `[1, ...rest]`, even a hole), the body runs at least once, so the edge from
 * the iterable's segment to the segment after the loop is infeasible. Later iterations still may
 * leave (that edge comes from the body).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapTs } from '../util/ast.js';

/** The `for…of` whose iterable is `node`, when that iterable is an array literal that cannot be empty. */
export function loopThatRunsOnce(node: TSESTree.ArrayExpression): TSESTree.ForOfStatement | undefined {
  let outer: TSESTree.Node = node;
  while (outer.parent && unwrapTs(outer.parent) !== outer.parent) outer = outer.parent;
  const loop = outer.parent;
  if (loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.right !== outer) return undefined;
  return node.elements.some((element) => element === null || element.type !== AST_NODE_TYPES.SpreadElement) ? loop : undefined;
}

/** Per segment id: the start nodes of the next segments that cannot follow it. */
export type InfeasibleEdges = Map<string, Set<TSESTree.Node>>;

export function addInfeasible(edges: InfeasibleEdges, from: string, toStart: TSESTree.Node): void {
  let set = edges.get(from);
  if (!set) edges.set(from, (set = new Set()));
  set.add(toStart);
}

export function isInfeasible(edges: InfeasibleEdges, from: string, toStart: TSESTree.Node | undefined): boolean {
  return toStart !== undefined && (edges.get(from)?.has(toStart) ?? false);
}
