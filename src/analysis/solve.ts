/**
 * The solving half: a forward worklist fixpoint over one function's code path segments, run
 * once the whole file has been traversed (so local helpers declared later have frames too).
 *
 * - entry(segment) = join over predecessors of exit(predecessor), refined by guard branches;
 * - a `catch` clause's entry is NOT taken from ESLint's edges (which include the end of the try
 *   block, where the response was already sent): it is the join of the states at the recorded
 *   throw points of its `try` block (each call, `await`, `new`, `throw`, and the block's start);
 * - `process.exit()` kills the path;
 * - callbacks of `forEach`/`map`/… are solved twice, the second time entering with what the
 *   first run left behind (the body can run again).
 * Violations are collected in a final replay with the converged entry states.
 */
import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { violationFor, type LifecycleState, type Operation, type RuleId, type ViolationRow } from '../lifecycle/index.js';
import { isFunctionNode } from './handlers.js';
import type { Branch, Frame, Op } from './ops.js';
import {
  OPEN,
  joinState,
  markEnded,
  markSent,
  sameState,
  withKey,
  type KeyState,
  type Origin,
  type PathState,
  type ResponseKey,
  type Tri,
} from './state.js';
import { EFFECTS } from '../lifecycle/index.js';

export interface Violation {
  readonly rule: RuleId;
  readonly messageId: string;
  /** True on every path that reaches the operation; false when only on some. */
  readonly definite: boolean;
  readonly node: TSESTree.Node;
  readonly operation: string;
  /** The earliest operation that sent/ended the response first on a path that reaches here. */
  readonly first: Origin;
  readonly key: ResponseKey;
  /** The first operation is in the same function and is a statement that falls through. */
  readonly suggestReturnAt: TSESTree.ExpressionStatement | undefined;
}

export interface ExitResult {
  readonly segment: Rule.CodePathSegment;
  /** The `return` that ends this path, or `undefined` when the function falls off its end. */
  readonly returnNode: TSESTree.ReturnStatement | undefined;
  readonly state: PathState;
}

export interface SolvedFunction {
  readonly frame: Frame;
  readonly violations: readonly Violation[];
  readonly exits: readonly ExitResult[];
  /** Every candidate key with an operation in this function. */
  readonly keys: ReadonlySet<ResponseKey>;
}

export interface SolverEnv {
  readonly frames: ReadonlyMap<TSESTree.Node, Frame>;
  readonly isResponse: (key: ResponseKey) => boolean;
  readonly paramVariable: (fn: TSESTree.Node, index: number) => TSESLint.Scope.Variable | undefined;
}

/** What a local helper does to its response parameter, over all its normal exits. */
interface Summary {
  readonly ended: Tri;
  readonly handedOff: boolean;
}

export class Solver {
  private readonly solved = new Map<Frame, SolvedFunction | null>();

  constructor(private readonly env: SolverEnv) {}

  solve(frame: Frame): SolvedFunction {
    const done = this.solved.get(frame);
    if (done) return done;
    this.solved.set(frame, null); // recursion guard: a helper that calls itself has no summary
    let run = this.fixpoint(frame, new Map());
    if (frame.repeated) {
      let again: PathState | undefined = new Map();
      for (const exit of run.exits) again = joinState(again, ownKeysCleared(exit.state, frame, this.env));
      run = this.fixpoint(frame, again ?? new Map());
    }
    const result: SolvedFunction = { frame, ...run };
    this.solved.set(frame, result);
    return result;
  }

  private summary(target: TSESTree.Node, argIndex: number): Summary | undefined {
    const frame = this.env.frames.get(target);
    if (!frame || this.solved.get(frame) === null) return undefined;
    const param = this.env.paramVariable(target, argIndex);
    if (!param) return undefined;
    const solved = this.solve(frame);
    let all = solved.exits.length > 0;
    let some = false;
    let handedOff = false;
    for (const exit of solved.exits) {
      const ks = exit.state.get(param) ?? OPEN;
      if (ks.ended !== 2) all = false;
      if (ks.ended !== 0) some = true;
      if (ks.handedOff !== 0 || ks.next !== 0) handedOff = true;
    }
    return { ended: all ? 2 : some ? 1 : 0, handedOff };
  }

  private fixpoint(frame: Frame, initial: PathState): Omit<SolvedFunction, 'frame'> {
    const codePath = frame.codePath;
    const entry = new Map<string, PathState>();
    const exit = new Map<string, PathState | undefined>();
    const catchIn = new Map<TSESTree.TryStatement, PathState>();
    const catchSegments = new Map<TSESTree.TryStatement, Rule.CodePathSegment[]>();
    const segments = new Map<string, Rule.CodePathSegment>();
    const keys = new Set<ResponseKey>();

    collectSegments(codePath.initialSegment, segments);
    for (const segment of segments.values()) {
      const tryNode = frame.catchEntry.get(segment.id);
      if (tryNode) catchSegments.set(tryNode, [...(catchSegments.get(tryNode) ?? []), segment]);
      for (const op of frame.ops.get(segment.id) ?? []) if ('key' in op) keys.add(op.key);
    }

    const queue: Rule.CodePathSegment[] = [codePath.initialSegment];
    const queued = new Set<string>([codePath.initialSegment.id]);
    const enqueue = (segment: Rule.CodePathSegment): void => {
      if (!queued.has(segment.id)) {
        queued.add(segment.id);
        queue.push(segment);
      }
    };
    const onThrowPoint = (tryNode: TSESTree.TryStatement, state: PathState): void => {
      const before = catchIn.get(tryNode);
      const after = joinState(before, state);
      if (after && !sameState(before, after)) {
        catchIn.set(tryNode, after);
        for (const segment of catchSegments.get(tryNode) ?? []) enqueue(segment);
      }
    };

    const entryOf = (segment: Rule.CodePathSegment): PathState | undefined => {
      if (segment === codePath.initialSegment) return initial;
      const tryNode = frame.catchEntry.get(segment.id);
      if (tryNode) return catchIn.get(tryNode);
      let state: PathState | undefined;
      for (const prev of segment.prevSegments) {
        if (!exit.has(prev.id)) continue; // not computed yet: the fixpoint comes back
        const out = exit.get(prev.id);
        if (out === undefined) continue;
        state = joinState(state, refine(out, frame.branches.get(prev.id), frame.segmentStart.get(segment.id)));
      }
      return state;
    };

    let guard = 0;
    while (queue.length > 0 && guard++ < 100_000) {
      const segment = queue.shift() as Rule.CodePathSegment;
      queued.delete(segment.id);
      const input = entryOf(segment);
      if (input === undefined) continue;
      if (entry.has(segment.id) && sameState(entry.get(segment.id), input)) continue;
      entry.set(segment.id, input);
      const output = this.run(frame, segment, input, onThrowPoint, undefined);
      const changed = !exit.has(segment.id) || !sameState(exit.get(segment.id), output);
      exit.set(segment.id, output);
      if (changed) for (const next of segment.nextSegments) enqueue(next);
    }

    // Replay with the converged states to collect violations, once per operation.
    const violations: Violation[] = [];
    const reported = new Set<TSESTree.Node>();
    for (const segment of segments.values()) {
      const input = entry.get(segment.id);
      if (input === undefined) continue;
      this.run(frame, segment, input, () => {}, (violation) => {
        if (reported.has(violation.node)) return;
        reported.add(violation.node);
        violations.push(violation);
      });
    }
    const exits: ExitResult[] = [];
    for (const segment of codePath.returnedSegments) {
      const state = exit.get(segment.id);
      if (state === undefined) continue;
      exits.push({ segment, returnNode: frame.returns.get(segment.id), state });
    }
    return { violations: outermostInChain(violations), exits, keys };
  }

  /** Apply one segment's operations; `report` is given only in the final replay. */
  private run(
    frame: Frame,
    segment: Rule.CodePathSegment,
    input: PathState,
    onThrowPoint: (tryNode: TSESTree.TryStatement, state: PathState) => void,
    report: ((violation: Violation) => void) | undefined,
  ): PathState | undefined {
    let state = input;
    for (const op of frame.ops.get(segment.id) ?? []) {
      const next = this.apply(frame, op, state, onThrowPoint, report);
      if (next === undefined) return undefined;
      state = next;
    }
    return state;
  }

  private apply(
    frame: Frame,
    op: Op,
    state: PathState,
    onThrowPoint: (tryNode: TSESTree.TryStatement, state: PathState) => void,
    report: ((violation: Violation) => void) | undefined,
  ): PathState | undefined {
    switch (op.kind) {
      case 'exit':
        return undefined;
      case 'throwPoint':
        onThrowPoint(op.tryNode, state);
        return state;
      case 'escape': {
        const ks = state.get(op.key) ?? OPEN;
        return ks.handedOff === 2 ? state : withKey(state, op.key, { ...ks, handedOff: 2 });
      }
      case 'next': {
        const ks = state.get(op.key) ?? OPEN;
        const operation: Operation = { effect: 'passOn' };
        throwInto(op.tryNode, ks, operation, state, onThrowPoint);
        if (report) this.check(frame, op.key, ks, operation, op.origin, true, report);
        return withKey(state, op.key, { ...ks, next: 2 });
      }
      case 'member': {
        const ks = state.get(op.key) ?? OPEN;
        throwInto(op.tryNode, ks, op.operation, state, onThrowPoint);
        if (report) this.check(frame, op.key, ks, op.operation, op.origin, true, report);
        return withKey(state, op.key, applyEffect(ks, op.operation, op.origin));
      }
      case 'call': {
        const ks = state.get(op.key) ?? OPEN;
        throwInto(op.tryNode, ks, FINISH, state, onThrowPoint);
        if (op.finishing) {
          if (report) this.check(frame, op.key, ks, FINISH, op.origin, true, report);
          return withKey(state, op.key, markEnded(ks, op.origin, true));
        }
        const summary = op.target ? this.summary(op.target, op.argIndex) : undefined;
        if (!summary) return withKey(state, op.key, { ...ks, handedOff: 2 });
        let after = ks;
        if (summary.ended !== 0) {
          if (report) this.check(frame, op.key, ks, FINISH, op.origin, summary.ended === 2, report);
          after = markEnded(ks, op.origin, summary.ended === 2);
        }
        if (summary.handedOff) after = { ...after, handedOff: after.handedOff === 2 ? 2 : 1 };
        return withKey(state, op.key, after);
      }
    }
  }

  private check(
    frame: Frame,
    key: ResponseKey,
    ks: KeyState,
    operation: Operation,
    origin: Origin,
    certainOp: boolean,
    report: (violation: Violation) => void,
  ): void {
    if (!this.env.isResponse(key)) return;
    const found = violationIn(ks, operation);
    if (!found) return;
    const first = earliest(found.origins);
    if (!first) return;
    const definite = found.definite && certainOp;
    // `return` after the earlier operation only helps when that operation finished the response
    // (after `res.writeHead(200)` it would leave the response open).
    const sameFunction =
      found.afterEnd && first.statement !== undefined && enclosingFunction(first.node) === frame.node;
    report({
      rule: found.row.rule,
      messageId: String(definite ? found.row.definite : found.row.maybe),
      definite,
      node: origin.node,
      operation: origin.display,
      first,
      key,
      suggestReturnAt: sameFunction && first.node !== origin.node && isFunctionNode(frame.node) ? first.statement : undefined,
    });
  }
}

const FINISH: Operation = { effect: 'finish' };

/**
 * A lifecycle call inside a `try` may throw before it takes effect, so the catch can see the state
 * before it, unless the call is itself a violation: the error it raises is that bug, already
 * reported, and the catch's own send would only repeat it.
 */
function throwInto(
  tryNode: TSESTree.TryStatement | undefined,
  ks: KeyState,
  operation: Operation,
  state: PathState,
  onThrowPoint: (tryNode: TSESTree.TryStatement, state: PathState) => void,
): void {
  if (tryNode && !violationIn(ks, operation)) onThrowPoint(tryNode, state);
}

function applyEffect(ks: KeyState, operation: Operation, origin: Origin): KeyState {
  if (operation.effect === 'handOff') return { ...ks, handedOff: 2 };
  if (operation.effect === 'passOn') return { ...ks, next: 2 };
  const to: LifecycleState | undefined = EFFECTS[operation.effect].to;
  if (to === 'sent') return markSent(ks, origin);
  if (to === 'ended') return markEnded(ks, origin, true);
  return ks;
}

/** The violation an operation commits given what may have happened before. Ended is checked first. */
function violationIn(
  ks: KeyState,
  operation: Operation,
): { row: ViolationRow; definite: boolean; origins: ReadonlySet<Origin>; afterEnd: boolean } | undefined {
  if (ks.ended !== 0) {
    const row = violationFor('ended', operation);
    if (row) return { row, definite: ks.ended === 2, origins: ks.endedBy, afterEnd: true };
  }
  if (ks.sent !== 0) {
    const row = violationFor('sent', operation);
    if (row) return { row, definite: ks.sent === 2, origins: ks.sentBy, afterEnd: false };
  }
  return undefined;
}

/**
 * One report per chain: in `res.status(500).json(e)` after a send, the finish is the misuse
 * (`status()` is part of it), so violations inside another violation's call are dropped.
 */
function outermostInChain(violations: readonly Violation[]): Violation[] {
  return violations.filter(
    (inner) =>
      !violations.some(
        (outer) =>
          outer !== inner &&
          outer.key === inner.key &&
          outer.node.range[0] <= inner.node.range[0] &&
          inner.node.range[1] < outer.node.range[1] &&
          isInCalleeChain(inner.node, outer.node),
      ),
  );
}

function isInCalleeChain(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  for (let node: TSESTree.Node | undefined = inner; node && node !== outer; node = node.parent) {
    const parent = node.parent;
    if (!parent) return false;
    const chained =
      (parent.type === 'MemberExpression' && parent.object === node) ||
      (parent.type === 'CallExpression' && parent.callee === node) ||
      parent.type === 'ChainExpression' ||
      parent.type === 'TSNonNullExpression';
    if (!chained) return false;
  }
  return true;
}

function earliest(origins: ReadonlySet<Origin>): Origin | undefined {
  let best: Origin | undefined;
  for (const origin of origins) if (!best || origin.node.range[0] < best.node.range[0]) best = origin;
  return best;
}

function enclosingFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) || current.type === 'Program') return current;
  }
  return undefined;
}

/** Apply the guard facts of the branch edge `prev → next`; `undefined` when the edge is infeasible. */
function refine(state: PathState, branches: readonly Branch[] | undefined, nextStart: TSESTree.Node | undefined): PathState | undefined {
  if (!branches) return state;
  let out: PathState | undefined = state;
  for (const branch of branches) {
    const facts = nextStart === branch.matchStart ? branch.onMatch : branch.otherwise;
    for (const fact of facts) {
      if (out === undefined) return undefined;
      const ks: KeyState = out.get(fact.key) ?? OPEN;
      let refined: KeyState | undefined;
      if (fact.value) {
        refined = fact.meaning === 'ended' ? markEnded(ks, fact.origin, true) : markSent(ks, fact.origin);
      } else if (fact.meaning === 'sent') {
        refined = ks.sent === 2 ? undefined : { ...ks, sent: 0, ended: 0, sentBy: new Set(), endedBy: new Set() };
      } else {
        refined = ks.ended === 2 ? undefined : { ...ks, ended: 0, endedBy: new Set() };
      }
      out = refined === undefined ? undefined : withKey(out, fact.key, refined);
    }
  }
  return out;
}

function collectSegments(initial: Rule.CodePathSegment, into: Map<string, Rule.CodePathSegment>): void {
  const stack = [initial];
  while (stack.length > 0) {
    const segment = stack.pop() as Rule.CodePathSegment;
    if (into.has(segment.id)) continue;
    into.set(segment.id, segment);
    for (const next of segment.nextSegments) stack.push(next);
  }
}

/** For a repeated callback's second run: keep only what happened to responses from outside. */
function ownKeysCleared(state: PathState, frame: Frame, env: SolverEnv): PathState {
  const out = new Map(state);
  if (!isFunctionNode(frame.node)) return out;
  for (let index = 0; index < frame.node.params.length; index++) {
    const param = env.paramVariable(frame.node, index);
    if (param) out.delete(param);
  }
  return out;
}
