/**
 * Plain conditions the paths agree on, so the analysis does not walk paths that cannot run:
 * - the same side-effect-free test twice (`if (data) res.json(data); … if (!data) res.end();`):
 *   after the first branch, the second one's opposite edge is infeasible;
 * - a `const` bound to a literal (`const failed = false; if (failed) …`);
 * - a handler's `next` parameter (`if (next) next()`, `next && next()`): the router always passes
 *   one, unless the parameter is declared optional (`next?: NextFunction`, `next = noop`), which
 *   says the function also runs without a router.
 *
 * A tested atom is an identifier written once (a `const`, a parameter never reassigned), or a
 * non-computed member chain rooted in one (`req.prerender.content`). Facts on identifiers hold for
 * the whole function; facts on member chains are forgotten at every call, `await`, `yield` and
 * assignment (other code may change the object), see the `forget` op.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapTs } from '../util/ast.js';
import type { Resolver } from './references.js';

/** A tested value, the same object for every test of it in a file. */
export interface Atom {
  /** Orders atoms in a path's signature (./variants.ts). */
  readonly id: number;
  readonly variable: TSESLint.Scope.Variable;
  /** `.prerender.content` for `req.prerender.content`; '' for the identifier itself. */
  readonly path: string;
}

/** A test as far as plain conditions go: atoms, `!`, `&&`, `||`, constants; anything else is opaque. */
export type Condition =
  | { readonly kind: 'atom'; readonly atom: Atom }
  | { readonly kind: 'not'; readonly argument: Condition }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'opaque' };

const OPAQUE: Condition = { kind: 'opaque' };

/** How the atoms of a test are recognised; `isRouterNext` says whether an identifier is a handler's `next`. */
export interface ConditionContext {
  readonly resolve: Resolver;
  readonly isRouterNext: (id: TSESTree.Identifier) => boolean;
}

const atoms = new WeakMap<TSESLint.Scope.Variable, Map<string, Atom>>();
const allAtoms = new WeakSet<object>();
let nextId = 0;

function atomOf(variable: TSESLint.Scope.Variable, path: string): Atom {
  let byPath = atoms.get(variable);
  if (!byPath) atoms.set(variable, (byPath = new Map()));
  let atom = byPath.get(path);
  if (!atom) {
    atom = { id: nextId++, variable, path };
    allAtoms.add(atom);
    byPath.set(path, atom);
  }
  return atom;
}

/**
 * Path states keep what is known of an atom under the atom itself as a key (never a response):
 * `sent: 2` = known truthy, `ended: 2` = known falsy, absent or joined = unknown.
 */
export function isConditionKey(key: object): boolean {
  return allAtoms.has(key);
}

/** The condition a test expresses. */
export function conditionOf(test: TSESTree.Node, ctx: ConditionContext): Condition {
  const expr = unwrapTs(test);
  if (expr.type === AST_NODE_TYPES.UnaryExpression && expr.operator === '!') {
    const argument = conditionOf(expr.argument, ctx);
    return argument.kind === 'opaque' ? OPAQUE : { kind: 'not', argument };
  }
  if (expr.type === AST_NODE_TYPES.LogicalExpression && expr.operator !== '??') {
    const left = conditionOf(expr.left, ctx);
    const right = conditionOf(expr.right, ctx);
    if (left.kind === 'opaque' && right.kind === 'opaque') return OPAQUE;
    return { kind: expr.operator === '&&' ? 'and' : 'or', left, right };
  }
  if (expr.type === AST_NODE_TYPES.Identifier) {
    if (ctx.isRouterNext(expr)) return { kind: 'const', value: true };
    const variable = writtenOnce(expr, ctx.resolve);
    if (!variable) return OPAQUE;
    const literal = literalConst(variable);
    if (literal !== undefined) return { kind: 'const', value: Boolean(literal.value) };
    return { kind: 'atom', atom: atomOf(variable, '') };
  }
  if (expr.type === AST_NODE_TYPES.MemberExpression) {
    const chain = memberChain(expr, ctx.resolve);
    return chain ? { kind: 'atom', atom: atomOf(chain.variable, chain.path) } : OPAQUE;
  }
  return OPAQUE;
}

/** The atoms a condition mentions. */
export function atomsOf(condition: Condition): Atom[] {
  switch (condition.kind) {
    case 'atom':
      return [condition.atom];
    case 'not':
      return atomsOf(condition.argument);
    case 'and':
    case 'or':
      return [...atomsOf(condition.left), ...atomsOf(condition.right)];
    default:
      return [];
  }
}

/** What is known of an atom on a path: true, false, or undefined (unknown). */
export type Known = (atom: Atom) => boolean | undefined;

/** The value of a condition under what is known (undefined when it depends on the unknown). */
export function evaluate(condition: Condition, known: Known): boolean | undefined {
  switch (condition.kind) {
    case 'const':
      return condition.value;
    case 'atom':
      return known(condition.atom);
    case 'not': {
      const value = evaluate(condition.argument, known);
      return value === undefined ? undefined : !value;
    }
    case 'and': {
      const left = evaluate(condition.left, known);
      const right = evaluate(condition.right, known);
      if (left === false || right === false) return false;
      return left === true && right === true ? true : undefined;
    }
    case 'or': {
      const left = evaluate(condition.left, known);
      const right = evaluate(condition.right, known);
      if (left === true || right === true) return true;
      return left === false && right === false ? false : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The atom values that follow from `condition` having `value`, given what is known:
 * `!a && b` false with `a` known false gives `b` false. `undefined` when it contradicts.
 */
export function implied(condition: Condition, value: boolean, known: Known): Map<Atom, boolean> | undefined {
  const out = new Map<Atom, boolean>();
  const now: Known = (atom) => out.get(atom) ?? known(atom);
  const require = (c: Condition, v: boolean): boolean => {
    const current = evaluate(c, now);
    if (current !== undefined) return current === v;
    switch (c.kind) {
      case 'atom':
        out.set(c.atom, v);
        return true;
      case 'not':
        return require(c.argument, !v);
      case 'and':
      case 'or': {
        // `and` true / `or` false: both sides; otherwise one side is forced once the other is known.
        const both = c.kind === 'and' ? v : !v;
        if (both) return require(c.left, v) && require(c.right, v);
        // `and` false / `or` true: one side with value `v` is enough; once one side is known not
        // to have it, the other must.
        const left = evaluate(c.left, now);
        const right = evaluate(c.right, now);
        if (left === v || right === v) return true;
        if (left === !v) return require(c.right, v);
        if (right === !v) return require(c.left, v);
        return true;
      }
      default:
        return true;
    }
  };
  return require(condition, value) ? out : undefined;
}

/** Whether the fact is about a member chain (forgotten when other code may run). */
export function isMemberAtom(atom: Atom): boolean {
  return atom.path !== '';
}

function memberChain(expr: TSESTree.MemberExpression, resolve: Resolver): { variable: TSESLint.Scope.Variable; path: string } | undefined {
  let path = '';
  let node: TSESTree.Node = expr;
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier || node.optional) return undefined;
    path = `.${node.property.name}${path}`;
    node = unwrapTs(node.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = writtenOnce(node, resolve);
  return variable ? { variable, path } : undefined;
}

/** The variable of `id` when it is written at most once (its declaration or the call's argument). */
function writtenOnce(id: TSESTree.Identifier, resolve: Resolver): TSESLint.Scope.Variable | undefined {
  const variable = resolve(id);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  const writes = variable.references.filter((ref) => ref.isWrite()).length;
  if (def?.type === 'Parameter') return writes === 0 ? variable : undefined;
  if (def?.type === 'Variable') return writes <= 1 ? variable : undefined;
  return undefined;
}

function literalConst(variable: TSESLint.Scope.Variable): TSESTree.Literal | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Variable' || def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'const') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const init = declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init ? unwrapTs(declarator.init) : undefined;
  return init?.type === AST_NODE_TYPES.Literal && !('regex' in init && init.regex) ? init : undefined;
}
