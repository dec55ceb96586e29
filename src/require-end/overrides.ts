/**
 * `require-end` for overrides of a response's `end` or `writeHead` (`res.end = function (…) {…}`,
 * the way compression, express-session and on-headers style middleware wrap them): every call of
 * the response's method now goes through the override, so a path of it that returns without
 * handing over to the saved original (`end.call(this, …)`, `writeHead.apply(res, arguments)`, see
 * ../analysis/saved-originals.ts) never ends the response, or never writes its head, and the
 * client waits. Checked only for an override that hands over on some path: one that never does
 * delegates in a way the analysis cannot follow (a compression stream that ends the response
 * later). Overrides of `write` owe nothing: `end()` still comes.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { FunctionAnalysis, FunctionExit, FunctionNode, ResponseKey } from '../analysis/index.js';
import { propertyName, throughTs, unwrapTs } from '../util/ast.js';

export interface Override {
  readonly key: ResponseKey;
  /** `end` or `writeHead`. */
  readonly method: string;
  /** `res.end`, as written. */
  readonly target: string;
}

const OWED = new Set(['end', 'writeHead']);

/** The response method `fn` overrides, when it is assigned to `res.end` or `res.writeHead` of a response it uses. */
export function overrideOf(fn: FunctionNode, analysis: FunctionAnalysis): Override | undefined {
  const value = throughTs(fn);
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value || assignment.operator !== '=') return undefined;
  const target = unwrapTs(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(target);
  const object = unwrapTs(target.object);
  if (method === undefined || !OWED.has(method) || object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const key = analysis.responses.find((candidate) => candidate.references.some((ref) => ref.identifier === object));
  return key ? { key, method, target: `${object.name}.${method}` } : undefined;
}

/** Whether this exit handed over to the original (or answered otherwise): ended, or for `writeHead`, head sent. */
export function handedOver(analysis: FunctionAnalysis, exit: FunctionExit, override: Override): boolean {
  const state = analysis.exitState(exit, override.key);
  return override.method === 'writeHead' ? state.sent === 'yes' || state.answered === 'yes' : state.ended === 'yes' || state.answered === 'yes';
}

/** The override hands over to the original on some path (else it is not checked). */
export function delegatesSomewhere(analysis: FunctionAnalysis, override: Override): boolean {
  return analysis.exits.some((exit) => {
    const state = analysis.exitState(exit, override.key);
    return override.method === 'writeHead' ? state.sent !== 'no' : state.ended !== 'no';
  });
}

/** What the require-end messages say for an override: who, what it never does, and the fix. */
export function overrideWording(override: Override): { handler: string; unanswered: string; remedy: string } {
  return {
    handler: `This override of \`${override.target}\``,
    unanswered: `calls the original \`${override.method}\``,
    remedy: `Call the original \`${override.method}\` saved before the override (e.g. \`${override.method}.apply(this, arguments)\`)`,
  };
}

