/**
 * The "move this statement before the first send / before end()" suggestion of no-header-after-send
 * and no-write-after-end. Returning after the earlier send (what no-double-send suggests) would make
 * the late header or chunk unreachable: the bug disappears from every tool and so does the header.
 * Moving the late statement up keeps what the code meant to do. It is offered only when the move
 * cannot change anything else: both statements sit in the same block, the late statement is exactly
 * the reported operation, and nothing in between touches the response, jumps away, or shares a
 * variable with the late statement where one of the two writes it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberSpec, type MemberSpec } from '../lifecycle/index.js';
import { childNodes } from '../require-end/child-nodes.js';
import { propertyName, unwrapTs } from '../util/ast.js';
import { isFunctionNode } from './handlers.js';
import { isMemberKey } from './member-keys.js';
import type { Violation } from './solve.js';

/** The fix that moves the late statement above the earlier one, or `undefined` when it is not safe. */
export function moveBeforeFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  violation: Violation,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  // Whether the statements in between mention the response is read from a variable's references.
  if (isMemberKey(violation.key)) return undefined;
  const late = statementConsistingOf(violation.node);
  const early = violation.first.statement;
  if (!late || !early || !movable(violation, early)) return undefined;
  const block = siblingsOf(late);
  if (!block || block !== siblingsOf(early)) return undefined;
  const from = block.indexOf(early);
  const to = block.indexOf(late);
  if (from < 0 || to <= from) return undefined;
  const between = block.slice(from + 1, to);
  if (between.some((statement) => jumpsAway(statement) || mentions(statement, violation.key))) return undefined;
  if (sharesState(sourceCode, late, [early.range[0], late.range[0]])) return undefined;
  if (violation.rule === 'no-header-after-send' && headSentBefore(violation.key, early)) return undefined;

  return (fixer) => {
    const text = sourceCode.getText(late);
    const lineStart = early.range[0] - early.loc.start.column;
    const before = sourceCode.text.slice(lineStart, early.range[0]);
    const separator = /^\s*$/u.test(before) ? `\n${before}` : ' ';
    const previous = sourceCode.getTokenBefore(late, { includeComments: true });
    return [
      fixer.insertTextBefore(early, text + separator),
      fixer.removeRange([previous ? previous.range[1] : late.range[0], late.range[1]]),
    ];
  };
}

/**
 * `res.write('a'); res.end('b'); res.set(…)`: the head already went out with the write, so moving
 * the header above `end()` would not help. Any write or head commit on the response earlier in the
 * function rules the move out.
 */
function headSentBefore(response: TSESLint.Scope.Variable, early: TSESTree.Node): boolean {
  const fn = enclosingFunction(early);
  return response.references.some((ref) => {
    const id = ref.identifier as TSESTree.Node;
    if (id.range[0] >= early.range[0] || enclosingFunction(id) !== fn) return false;
    const member = id.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id || member.parent?.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = propertyName(member);
    const effect = name === undefined ? undefined : memberSpec(name)?.effect;
    return effect === 'writeBody' || effect === 'commitHead';
  });
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** The expression statement whose expression is the operation itself (`res.set(…);`, `res.statusCode = 1;`). */
function statementConsistingOf(node: TSESTree.Node): TSESTree.ExpressionStatement | undefined {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement && parent.expression === node ? parent : undefined;
}

/**
 * After the move the late operation runs first, then the earlier one: both must be legal in that
 * order. A late header may go before any send, but a late `writeHead` only before a write or a
 * plain `end()` (a second head, `flushHeaders` and Express's senders set the head themselves); a
 * late write or trailer only before a plain `end()` without a chunk (before `res.status(200).end()`
 * the write would send the head ahead of that status; before `end('b')` it would reorder the body).
 * Finishers never move: they would end the response early.
 */
function movable(violation: Violation, early: TSESTree.ExpressionStatement): boolean {
  const late = effectOf(violation.node);
  const first = effectOf(violation.first.node);
  if (!late || !first) return false;
  const plainEnd =
    first.effect === 'finish' && !first.setsHead && unwrapped(early.expression) === violation.first.node && !isChained(violation.first.node);
  if (violation.rule === 'no-header-after-send') {
    if (late.effect === 'mutateHead' || late.effect === 'informational') return true;
    return late.effect === 'commitHead' && (first.effect === 'writeBody' || plainEnd);
  }
  return (late.effect === 'writeBody' || late.effect === 'trailers') && plainEnd && !writesChunk(violation.first.node);
}

/** `res.status(204).end()`: the call's receiver is itself a call. */
function isChained(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapped(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && unwrapped(callee.object).type === AST_NODE_TYPES.CallExpression;
}

/** `end(chunk)`: a first argument that is not a callback. */
function writesChunk(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const [first] = node.arguments;
  return first !== undefined && !isFunctionNode(first);
}

/** What the operation `node` (`res.set(…)`, `res.statusCode = …`) is, by the lifecycle model. */
function effectOf(node: TSESTree.Node): MemberSpec | undefined {
  const target =
    node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.CallExpression ? node.callee : undefined;
  const member = target && unwrapped(target);
  if (member?.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(member);
  return name === undefined ? undefined : memberSpec(name);
}

/** The expression inside `await`, `?.` chains and TS wrappers. */
function unwrapped(node: TSESTree.Node): TSESTree.Node {
  let current = unwrapTs(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = unwrapTs(current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression);
  }
  return current;
}

/** The statement list `node` is an element of: a block's, a program's or a `case`'s. */
function siblingsOf(node: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
    return (parent.body as readonly TSESTree.Node[]).includes(node) ? parent.body : undefined;
  }
  if (parent.type === AST_NODE_TYPES.SwitchCase) return parent.consequent.includes(node as TSESTree.Statement) ? parent.consequent : undefined;
  return undefined;
}

/** A `return`, `throw`, `break` or `continue` of this function (not of a nested one): the late statement might not have run. */
function jumpsAway(statement: TSESTree.Node): boolean {
  return someNode(statement, (node) =>
    node.type === AST_NODE_TYPES.ReturnStatement ||
    node.type === AST_NODE_TYPES.ThrowStatement ||
    node.type === AST_NODE_TYPES.BreakStatement ||
    node.type === AST_NODE_TYPES.ContinueStatement,
  );
}

/** `statement` refers to the response (reads its headers, hands it on, …). */
function mentions(statement: TSESTree.Node, response: TSESLint.Scope.Variable): boolean {
  return response.references.some((reference) => within(reference.identifier, statement.range));
}

/**
 * The late statement uses a variable that the code from the earlier statement up to it declares or
 * writes, or writes one that code reads: moving it would change what it or that code sees.
 */
function sharesState(sourceCode: Readonly<TSESLint.SourceCode>, late: TSESTree.Node, span: TSESTree.Range): boolean {
  const variables = new Set<TSESLint.Scope.Variable>();
  let lateWrites = false;
  for (const reference of referencesWithin(sourceCode, late)) {
    if (reference.resolved) variables.add(reference.resolved);
    if (reference.isWrite()) lateWrites = true;
  }
  for (const variable of variables) {
    if (variable.defs.some((def) => within(def.name, span))) return true;
    for (const reference of variable.references) {
      if (!within(reference.identifier, span)) continue;
      if (reference.isWrite() || lateWrites) return true;
    }
  }
  return false;
}

/** Every reference whose identifier lies inside `node`, from the scope around it and the scopes inside it. */
function referencesWithin(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESLint.Scope.Reference[] {
  const found: TSESLint.Scope.Reference[] = [];
  const visit = (scope: TSESLint.Scope.Scope) => {
    for (const reference of scope.references) if (within(reference.identifier, node.range)) found.push(reference);
    for (const child of scope.childScopes) if (overlaps(child.block.range, node.range)) visit(child);
  };
  visit(sourceCode.getScope(node));
  return found;
}

function within(node: TSESTree.Node, range: TSESTree.Range): boolean {
  return node.range[0] >= range[0] && node.range[1] <= range[1];
}

function overlaps(a: TSESTree.Range, b: TSESTree.Range): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Depth-first search of `root` that does not enter nested functions. */
function someNode(root: TSESTree.Node, test: (node: TSESTree.Node) => boolean): boolean {
  return test(root) || childNodes(root).some((child) => !isFunctionNode(child) && someNode(child, test));
}
