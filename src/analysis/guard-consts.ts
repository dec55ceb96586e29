/**
 * A guard read through a `const`: `const canAnswer = !res.headersSent; if (canAnswer) …`,
 * `const { headersSent } = res; if (!headersSent) …`. The value was read when the binding was
 * made, so it tells the state at the test only when nothing can have changed the response in
 * between: the binding is never reassigned, the test is in the same function, no loop brings the
 * test round again after the binding, and the response is not mentioned between the two in the
 * source (a send there makes the value stale: `const sent = res.headersSent; res.json(x); if (!sent) …`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrapTs } from '../util/ast.js';
import type { Resolver } from './references.js';

/** What a test identifier stands for: an initializer expression, or a property destructured from an object. */
export type BoundValue =
  | { readonly kind: 'expression'; readonly init: TSESTree.Node; readonly declarator: TSESTree.VariableDeclarator }
  | {
      readonly kind: 'destructured';
      readonly object: TSESTree.Identifier;
      readonly property: string;
      readonly node: TSESTree.Property;
      readonly declarator: TSESTree.VariableDeclarator;
    };

const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement,
]);
const FUNCTIONS = new Set<string>([
  AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression,
]);

/** The value a never-reassigned binding holds, when it was bound in a way this file can read. */
export function boundValue(id: TSESTree.Identifier, resolve: Resolver): BoundValue | undefined {
  const variable = resolve(id);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length > 1 || def.type !== 'Variable') return undefined;
  const declarator = def.node;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return undefined;
  if (variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.name)) return undefined;
  if (declarator.id === def.name) return { kind: 'expression', init: declarator.init, declarator };
  const init = unwrapTs(declarator.init);
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || init.type !== AST_NODE_TYPES.Identifier) return undefined;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? undefined : property.value;
    if (value === def.name) return { kind: 'destructured', object: init, property: property.key.name, node: property, declarator };
  }
  return undefined;
}

/** The value read at `declarator` still holds at `test` for the response `object` (see the file comment). */
export function stillHolds(
  declarator: TSESTree.VariableDeclarator,
  test: TSESTree.Node,
  object: TSESTree.Identifier,
  resolve: Resolver,
): boolean {
  const declaredIn = declarator.parent.parent;
  if (!declaredIn || LOOPS.has(declaredIn.type)) return false;
  let node: TSESTree.Node | undefined = test.parent;
  for (; node && node !== declaredIn; node = node.parent) {
    if (FUNCTIONS.has(node.type) || LOOPS.has(node.type)) return false;
  }
  if (!node) return false;
  const variable: TSESLint.Scope.Variable | undefined = resolve(object);
  if (!variable) return false;
  const [from, to] = [declarator.range[1], test.range[0]];
  return !variable.references.some((ref) => ref.identifier.range[0] >= from && ref.identifier.range[0] < to);
}
