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
import { implied, isConditionKey, isMemberAtom, type Atom, type Condition } from './conditions.js';
import { isFunctionNode } from './handlers.js';
import { isInfeasible } from './infeasible-edges.js';
import { joinAll, mergeVariants, sameVariants, type Variants } from './variants.js';
import type { Branch, Frame, Op } from './ops.js';
import { Worklist, reversePostorder } from './worklist.js';
import { applyStartFacts } from './start-states.js';
import {
  OPEN,
  joinState,
  afterKey,
  afterKeysOf,
  isAfterKey,
  joinKey,
  markEnded,
  markNext,
  markSent,
  sameState,
  setKey,
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
  /** Every earlier operation behind this one on some path (`first` among them), each with its `suggestReturnAt`. */
  readonly origins: readonly ViolationOrigin[];
}

export interface ViolationOrigin {
  readonly origin: Origin;
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
  /** The frame of the code path that encloses this one. */
  readonly parentOf: (frame: Frame) => Frame | undefined;
  readonly isResponse: (key: ResponseKey) => boolean;
  readonly paramVariable: (fn: TSESTree.Node, index: number) => TSESLint.Scope.Variable | undefined;
}

/** What a local helper does to a response, over all its normal exits. */
interface Summary {
  readonly ended: Tri;
  /**
   * 2: every exit answers (ends it, passes it on, or hands it to a callback or other code), so the
   * caller owes nothing more (`save(req, res)` that answers inside `fs.readFile`'s callback);
   * 1: some exit hands it off; 0: none.
   */
  readonly handedOff: Tri;
}

type Run = Omit<SolvedFunction, 'frame'>;

/**
 * Solves frames on demand, each at most twice: a "fresh" run from an open state (what summaries
 * of local helpers are built from) and the reported run, which for a nested callback starts from
 * the state where the callback was created (`res.send(err)` then `db.save(x, () => res.json(x))`
 * is a double send). Most frames have no inherited state, and then both runs are the same.
 */
export class Solver {
  private readonly solved = new Map<Frame, SolvedFunction | null>();
  private readonly fresh = new Map<Frame, Run | null>();
  /** The state (joined over paths) where each nested function is created, from its parent's reported run. */
  private readonly captureStates = new Map<TSESTree.Node, PathState>();
  private readonly inherits = new Set<TSESTree.Node>();
  /** What the creator did to each response after creating an asynchronous callback, joined over its exits. */
  private readonly afterStates = new Map<TSESTree.Node, Map<ResponseKey, KeyState>>();
  private readonly keys = new Map<Frame, ReadonlySet<ResponseKey>>();

  constructor(private readonly env: SolverEnv) {}

  solve(frame: Frame): SolvedFunction {
    const done = this.solved.get(frame);
    if (done) return done;
    if (done === null) return { frame, ...this.freshRun(frame) }; // cycle: fall back to the fresh run
    this.solved.set(frame, null);
    const initial = this.initialStateOf(frame);
    let run = this.fixpoint(frame, initial, true);
    if (initial.size === 0 && !this.fresh.has(frame)) this.fresh.set(frame, run);
    if (frame.repeated) {
      let again: PathState | undefined = initial;
      for (const exit of run.exits) again = joinState(again, ownKeysCleared(exit.state, frame, this.env));
      run = this.fixpoint(frame, again ?? new Map(), true);
    }
    const result: SolvedFunction = { frame, ...run };
    this.solved.set(frame, result);
    return result;
  }

  /** The run from an open state; what summaries read. */
  private freshRun(frame: Frame): Run {
    const done = this.fresh.get(frame);
    if (done) return done;
    if (done === null) return { violations: [], exits: [], keys: new Set() };
    this.fresh.set(frame, null);
    const run = this.fixpoint(frame, new Map(), false);
    this.fresh.set(frame, run);
    return run;
  }

  /**
   * A nested callback starts from the state where it was created (responses it captures only);
   * an asynchronous one also from what its creator did afterwards (`afterKey`); and some start
   * with the head maybe sent or the response ended whatever their creator did (./start-states.ts).
   */
  private initialStateOf(frame: Frame): PathState {
    const inherited = this.inheritedStateOf(frame);
    if (!frame.startFacts) return inherited;
    // Facts read off the creation state (`src.pipe(res)` before a listener of `src`) need the parent solved.
    const parent = this.env.parentOf(frame);
    if (parent && frame.startFacts.some((fact) => fact.kind === 'afterPipe')) this.solve(parent);
    return applyStartFacts(inherited, frame.startFacts, this.captureStates.get(frame.node));
  }

  private inheritedStateOf(frame: Frame): PathState {
    const parent = this.env.parentOf(frame);
    if (!parent || !this.inheritsState(frame, parent)) return new Map();
    this.solve(parent);
    const created = this.captureStates.get(frame.node);
    if (!created) return new Map();
    const later = this.laterThan(frame);
    const out = new Map<ResponseKey, KeyState>();
    const atCreationState = ownKeysCleared(created, frame, this.env);
    const keys = new Set([...atCreationState.keys(), ...(later?.keys() ?? [])]);
    for (const key of keys) {
      if (isAfterKey(key) || !atCreationState.has(key) && isOwnParam(key, frame, this.env)) continue;
      const atCreation = atCreationState.get(key) ?? OPEN;
      const ks = later?.has(key) ? sequence(atCreation, later.get(key) as KeyState) : atCreation;
      const sentByNow = [...ks.sentBy].filter((origin) => !origin.async);
      const endedByNow = [...ks.endedBy].filter((origin) => !origin.async);
      const inherited: KeyState = {
        ...OPEN,
        // An effect that completes later (`sendFile`, `pipe`) is not known to have happened.
        sent: sentByNow.length === 0 ? 0 : ks.sent,
        ended: endedByNow.length === 0 ? 0 : ks.ended,
        next: ks.next,
        sentBy: new Set(sentByNow),
        endedBy: new Set(endedByNow),
        nextBy: ks.nextBy,
      };
      if (inherited.sent !== 0 || inherited.ended !== 0 || inherited.next !== 0) out.set(key, inherited);
    }
    return out;
  }

  /**
   * What happens between the creation of this callback and its first run: the rest of its creator
   * (asynchronous callbacks), and in `p.then(a).then(b)` the callback `a`, which runs before `b`.
   */
  private laterThan(frame: Frame): ReadonlyMap<ResponseKey, KeyState> | undefined {
    const afterCreator = this.afterStates.get(frame.node);
    const previous = previousThenCallback(frame.node);
    const previousFrame = previous ? this.env.frames.get(previous) : undefined;
    if (!previousFrame || this.solved.get(previousFrame) === null) return afterCreator;
    let atExit: PathState | undefined;
    for (const exit of this.solve(previousFrame).exits) atExit = joinState(atExit, exit.state);
    if (!atExit) return afterCreator;
    const out = new Map(afterCreator ?? []);
    for (const [key, ks] of atExit) {
      if (isAfterKey(key)) continue;
      const before = out.get(key);
      out.set(key, before ? sequence(ks, before) : ks);
    }
    return out;
  }

  private inheritsState(frame: Frame, parent: Frame): boolean {
    if (this.inherits.has(frame.node)) return true;
    // Known after the parent's ops were collected: its capture op for this function says.
    for (const ops of parent.ops.values()) {
      for (const op of ops) {
        if (op.kind === 'capture' && op.fn === frame.node) {
          const inherits = op.inherits && !(op.argumentOf && this.env.isResponse(op.argumentOf));
          if (inherits) this.inherits.add(frame.node);
          return inherits;
        }
      }
    }
    return false;
  }

  /** Join the after-keys over the normal exits of the paths that created their callbacks. */
  private recordAfterStates(exits: readonly ExitResult[]): void {
    for (const { state } of exits) {
      for (const [key, ks] of state) {
        if (!isAfterKey(key)) continue;
        const { afterCallback, of } = key as unknown as { afterCallback: TSESTree.Node; of: ResponseKey };
        let byKey = this.afterStates.get(afterCallback);
        if (!byKey) this.afterStates.set(afterCallback, (byKey = new Map()));
        const before = byKey.get(of);
        byKey.set(of, before ? joinKey(before, ks) : ks);
      }
    }
  }

  private summary(target: TSESTree.Node, argIndex: number): Summary | undefined {
    const frame = this.env.frames.get(target);
    if (!frame || this.fresh.get(frame) === null) return undefined;
    const param = this.env.paramVariable(target, argIndex);
    if (!param) return undefined;
    return summarize(this.freshRun(frame), param);
  }

  /** The operations of a function's own run that ended `key` (for messages). */
  private ownFinishOrigins(fn: TSESTree.Node, key: ResponseKey): ReadonlySet<Origin> {
    const frame = this.env.frames.get(fn);
    if (!frame) return new Set();
    const out = new Set<Origin>();
    for (const exit of this.freshRun(frame).exits) for (const origin of (exit.state.get(key) ?? OPEN).endedBy) out.add(origin);
    return out;
  }

  /** What calling a local closure does to the responses it captures (not its own parameters). */
  private closureSummaries(target: TSESTree.Node): Map<ResponseKey, Summary> {
    const out = new Map<ResponseKey, Summary>();
    const frame = this.env.frames.get(target);
    if (!frame || this.fresh.get(frame) === null) return out;
    const run = this.freshRun(frame);
    const own = ownKeysCleared(new Map([...run.keys].map((key) => [key, OPEN])), frame, this.env);
    for (const key of own.keys()) {
      const summary = summarize(run, key);
      if (summary.ended !== 0 || summary.handedOff !== 0) out.set(key, summary);
    }
    return out;
  }

  /**
   * Every candidate key with an operation on a path from the function's start (dead code after a
   * `return` aside), without solving: what `FunctionAnalysis.responses` lists.
   */
  keysOf(frame: Frame): ReadonlySet<ResponseKey> {
    const known = this.keys.get(frame);
    if (known) return known;
    const keys = new Set<ResponseKey>();
    if (frame.ops.size > 0) {
      for (const segment of graphOf(frame.codePath).segments.values()) {
        for (const op of frame.ops.get(segment.id) ?? []) {
          if ('key' in op) keys.add(op.key);
          // A callback created here that uses a response answers for this function too.
          else if (op.kind === 'capture') for (const key of op.keys) keys.add(key);
        }
      }
    }
    this.keys.set(frame, keys);
    return keys;
  }

  private fixpoint(frame: Frame, initial: PathState, recordCaptures: boolean): Run {
    const codePath = frame.codePath;
    // Nothing happens to a response here (most functions of most files): every normal exit is
    // reached with the empty state, no fixpoint needed.
    if (initial.size === 0 && frame.ops.size === 0 && frame.branches.size === 0) {
      const exits = returnedSegments(codePath)
        .filter((segment) => segment.reachable)
        .map((segment) => ({ segment, returnNode: frame.returns.get(segment.id), state: initial }));
      return { violations: [], exits, keys: new Set() };
    }
    const entry = new Map<string, Variants>();
    const exit = new Map<string, Variants | undefined>();
    const catchIn = new Map<TSESTree.TryStatement, PathState>();
    const catchSegments = new Map<TSESTree.TryStatement, Rule.CodePathSegment[]>();
    const { segments, position } = graphOf(codePath);
    const keys = this.keysOf(frame);

    for (const segment of segments.values()) {
      const tryNode = frame.catchEntry.get(segment.id);
      if (tryNode) catchSegments.set(tryNode, [...(catchSegments.get(tryNode) ?? []), segment]);
    }

    const queue = new Worklist(position);
    queue.push(codePath.initialSegment);
    const enqueue = (segment: Rule.CodePathSegment): void => queue.push(segment);
    const onThrowPoint = (tryNode: TSESTree.TryStatement, state: PathState): void => {
      const before = catchIn.get(tryNode);
      const after = joinState(before, state);
      if (after && !sameState(before, after)) {
        catchIn.set(tryNode, after);
        for (const segment of catchSegments.get(tryNode) ?? []) enqueue(segment);
      }
    };

    const entryOf = (segment: Rule.CodePathSegment): Variants | undefined => {
      if (segment === codePath.initialSegment) return [initial];
      const tryNode = frame.catchEntry.get(segment.id);
      if (tryNode) {
        const state = catchIn.get(tryNode);
        return state ? [state] : undefined;
      }
      const reaching: PathState[] = [];
      for (const prev of segment.prevSegments) {
        if (!exit.has(prev.id)) continue; // not computed yet: the fixpoint comes back
        if (isInfeasible(frame.infeasible, prev.id, frame.segmentStart.get(segment.id))) continue;
        for (const out of exit.get(prev.id) ?? []) {
          const refined = refine(out, frame.branches.get(prev.id), frame.segmentStart.get(segment.id), frame.atomTests);
          if (refined) reaching.push(refined);
        }
      }
      return mergeVariants(reaching);
    };

    // A safety net against a non-terminating join, scaled by the function's size: a fixed cap
    // silently stopped the fixpoint in very long handlers (bench/lint growth, 20000 units).
    let guard = 0;
    while (queue.size > 0 && guard++ < 100_000 + 100 * segments.size) {
      const segment = queue.pop() as Rule.CodePathSegment;
      const input = entryOf(segment);
      if (input === undefined) continue;
      if (entry.has(segment.id) && sameVariants(entry.get(segment.id), input)) continue;
      entry.set(segment.id, input);
      const outputs: PathState[] = [];
      for (const variant of input) {
        const out = this.run(frame, segment, variant, { onThrowPoint });
        if (out) outputs.push(out);
      }
      const output = mergeVariants(outputs);
      const changed = !exit.has(segment.id) || !sameVariants(exit.get(segment.id), output);
      exit.set(segment.id, output);
      if (changed) for (const next of segment.nextSegments) enqueue(next);
    }

    // Replay with the converged states to collect violations, once per operation. A fresh run
    // (`recordCaptures` false) is read for its exits only (summaries of local helpers), so it
    // skips the replay: its violations are never reported.
    const violations: Violation[] = [];
    const reported = new Set<TSESTree.Node>();
    const created = new Map<TSESTree.Node, PathState>();
    // Each segment is replayed once from the join of its variants: refinement happens on edges only,
    // so the variants that reach a segment are already the feasible ones.
    for (const segment of recordCaptures ? segments.values() : []) {
      const input = joinAll(entry.get(segment.id));
      if (input === undefined) continue;
      this.run(frame, segment, input, {
        onThrowPoint: () => {},
        report: (violation) => {
          if (reported.has(violation.node)) return;
          reported.add(violation.node);
          violations.push(violation);
        },
        onCapture: recordCaptures
          ? (fn, state) => {
              const joined = joinState(created.get(fn), state);
              if (joined) created.set(fn, joined);
            }
          : undefined,
      });
    }
    for (const [fn, state] of created) this.captureStates.set(fn, state);
    // Only the segments that end the function are read: join their variants, not every segment's.
    const exits: ExitResult[] = [];
    for (const segment of returnedSegments(codePath)) {
      const state = joinAll(exit.get(segment.id));
      if (state === undefined) continue;
      exits.push({ segment, returnNode: frame.returns.get(segment.id), state });
    }
    if (recordCaptures) this.recordAfterStates(exits);
    return { violations: outermostInChain(violations), exits, keys };
  }

  /** Apply one segment's operations; `report` is given only in the final replay. */
  private run(frame: Frame, segment: Rule.CodePathSegment, input: PathState, hooks: Hooks): PathState | undefined {
    let state = input;
    for (const op of frame.ops.get(segment.id) ?? []) {
      const next = this.apply(frame, op, state, hooks);
      if (next === undefined) return undefined;
      state = next;
    }
    return state;
  }

  private apply(frame: Frame, op: Op, state: PathState, hooks: Hooks): PathState | undefined {
    const { onThrowPoint, report } = hooks;
    switch (op.kind) {
      case 'capture': {
        hooks.onCapture?.(op.fn, state);
        let out = state;
        for (const key of op.keys) {
          const ks = out.get(key) ?? OPEN;
          if (ks.handedOff !== 2) out = withKey(out, key, { ...ks, handedOff: 2 });
          // From here on, what happens to `key` also happens before the callback runs.
          if (op.runsAfterCreator) out = withKey(out, afterKey(op.fn, key), OPEN);
        }
        // `items.forEach((i) => { if (i.bad) return res.sendStatus(400); })` then `res.json(items)`:
        // the callback ran (maybe) before the creator goes on.
        return op.runsNow ? this.ranCallback(op.fn, out) : out;
      }
      case 'resumed': {
        let out = state;
        for (const fn of op.fns) out = this.ranCallback(fn, out);
        return out;
      }
      case 'closureCall': {
        let out = state;
        // A function that starts from given facts (a dispatcher's re-entered `next`) and calls itself
        // (`if (!matches(layer)) return next(err)`) only moves on: what the inner run does is checked
        // in this function's own body, which starts from the same facts. Not a second answer here.
        const selfCall = op.target === frame.node && frame.startFacts !== undefined;
        for (const [key, full] of this.closureSummaries(op.target)) {
          const summary = correlated(full, op.resultUsed);
          const ks = out.get(key) ?? OPEN;
          if (summary.ended !== 0 && report && !selfCall) this.check(frame, key, ks, FINISH, op.origin, summary.ended === 2, report);
          out = touch(out, key, (before) => bySummary(before, summary, op.origin));
        }
        return out;
      }
      case 'exit':
        return undefined;
      case 'forget':
        return forgetMemberConditions(state);
      case 'throwPoint':
        if (!op.whileOpen || !answeredSomewhere(state)) onThrowPoint(op.tryNode, state);
        return state;
      case 'escape': {
        const ks = state.get(op.key) ?? OPEN;
        return ks.handedOff === 2 ? state : withKey(state, op.key, { ...ks, handedOff: 2 });
      }
      case 'next': {
        const ks = state.get(op.key) ?? OPEN;
        const operation: Operation = { effect: 'passOn' };
        if (report) this.check(frame, op.key, ks, operation, op.origin, true, report);
        return touch(state, op.key, (before) => poison(markNext(before, op.origin), before, operation, op.origin));
      }
      case 'member': {
        const ks = state.get(op.key) ?? OPEN;
        if (report) this.check(frame, op.key, ks, op.operation, op.origin, true, report);
        return touch(state, op.key, (before) =>
          poison(applyEffect(before, op.operation, op.origin), before, op.operation, op.origin),
        );
      }
      case 'call': {
        const ks = state.get(op.key) ?? OPEN;
        if (op.finishing) {
          if (report) this.check(frame, op.key, ks, FINISH, op.origin, true, report);
          return touch(state, op.key, (before) => poison(markEnded(before, op.origin, true), before, FINISH, op.origin));
        }
        const found = op.target ? this.summary(op.target, op.argIndex) : undefined;
        const summary = found ? correlated(found, op.resultUsed) : undefined;
        if (!summary && op.responderName && !op.resultUsed) {
          // A helper from elsewhere named like one that answers: it may finish (and it takes over).
          if (report) this.check(frame, op.key, ks, FINISH, op.origin, false, report);
          return touch(state, op.key, (before) => ({
            ...poison(markEnded(before, op.origin, false), before, FINISH, op.origin),
            handedOff: 2,
          }));
        }
        if (!summary) return op.handsOff ? withKey(state, op.key, { ...ks, handedOff: 2 }) : state;
        if (summary.ended !== 0 && report) this.check(frame, op.key, ks, FINISH, op.origin, summary.ended === 2, report);
        return touch(state, op.key, (before) => bySummary(before, summary, op.origin));
      }
    }
  }

  /** What a callback that (maybe) ran here did to the responses it captures: maybe finished them. */
  private ranCallback(fn: TSESTree.Node, state: PathState): PathState {
    let out = state;
    for (const [key, full] of this.closureSummaries(fn)) {
      if (full.ended === 0) continue;
      const ks = out.get(key) ?? OPEN;
      const origin = earliest(this.ownFinishOrigins(fn, key)) ?? { node: fn, display: 'callback', statement: undefined };
      out = touch(out, key, (before) => ({ ...markEnded(before, origin, false), handedOff: ks.handedOff }));
    }
    return out;
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
    if (!this.env.isResponse(key) || ks.reported === 2) return;
    const found = violationIn(ks, operation);
    if (!found) return;
    // `if (res.writableEnded) return next()`: passing on when the code itself checked that the
    // response is finished is deliberate (the documented error-handler pattern), not a slip.
    if (operation.effect === 'passOn' && [...found.origins].every((origin) => origin.guard)) return;
    const first = earliest(found.origins);
    if (!first) return;
    const definite = found.definite && certainOp;
    // `return` after the earlier operation only helps when that operation finished the response
    // (after `res.writeHead(200)` it would leave the response open).
    const returnAt = (earlier: Origin): TSESTree.ExpressionStatement | undefined =>
      found.afterEnd &&
      earlier.statement !== undefined &&
      enclosingFunction(earlier.node) === frame.node &&
      earlier.node !== origin.node &&
      isFunctionNode(frame.node)
        ? earlier.statement
        : undefined;
    report({
      rule: found.row.rule,
      messageId: String(definite ? found.row.definite : found.row.maybe),
      definite,
      node: origin.node,
      operation: origin.display,
      first,
      key,
      suggestReturnAt: returnAt(first),
      origins: [...found.origins].map((earlier) => ({ origin: earlier, suggestReturnAt: returnAt(earlier) })),
    });
  }
}

const FINISH: Operation = { effect: 'finish' };

/** The violation "after next()": a row of its own, not in the lifecycle model (next is not a state). */
const AFTER_NEXT: ViolationRow = {
  state: 'sent',
  effect: 'finish',
  rule: 'no-double-send',
  definite: 'afterNext',
  maybe: 'mayBeAfterNext',
};

/** `first` then `then`: each of sent / ended / next is as certain as the more certain of the two. */
function sequence(first: KeyState, then: KeyState): KeyState {
  const max = (a: Tri, b: Tri): Tri => (a === 2 || b === 2 ? 2 : a === 1 || b === 1 ? 1 : 0);
  const union = <T,>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> => new Set([...a, ...b]);
  return {
    ...first,
    sent: max(first.sent, then.sent),
    ended: max(first.ended, then.ended),
    next: max(first.next, then.next),
    sentBy: union(first.sentBy, then.sentBy),
    endedBy: union(first.endedBy, then.endedBy),
    nextBy: union(first.nextBy, then.nextBy),
  };
}

/** Apply `change` to `key` and to its after-keys present on this path (see `afterKey`). */
function touch(state: PathState, key: ResponseKey, change: (ks: KeyState) => KeyState): PathState {
  const afterKeys = afterKeysOf(key);
  if (afterKeys.length === 0) return withKey(state, key, change(state.get(key) ?? OPEN));
  // One copy for the key and its after-keys.
  const out = new Map(state);
  setKey(out, key, change(state.get(key) ?? OPEN));
  for (const after of afterKeys) {
    const ks = out.get(after);
    if (ks) setKey(out, after, change(ks));
  }
  return out;
}

/** The state after calling a local helper with this summary. */
function bySummary(ks: KeyState, summary: Summary, origin: Origin): KeyState {
  let after = ks;
  if (summary.ended !== 0) after = poison(markEnded(ks, origin, summary.ended === 2), ks, FINISH, origin);
  if (summary.handedOff !== 0) after = { ...after, handedOff: after.handedOff === 2 ? 2 : summary.handedOff };
  return after;
}

/**
 * A helper that finishes on some paths and whose result the caller tests says whether it
 * answered (`if (!validate(req, res)) return;`, `const { ok } = await tokenFor(req, res)`): the
 * paths are correlated in a way the analysis cannot see. The helper answers for the paths it
 * finished and the caller's test for the rest, so the response counts as handed off on every path:
 * not "maybe finished" (no double-send report on the caller's own answer), not open (no
 * require-end report on the caller's `return` after the test). The price: a later path of the
 * caller that forgets to answer after the test goes unreported (precision first).
 */
function correlated(summary: Summary, resultUsed: boolean): Summary {
  return summary.ended === 1 && resultUsed ? { ended: 0, handedOff: 2 } : summary;
}

/**
 * After an operation that is itself a violation, later violations on the same path are the same
 * bug (`res.send(); res.statusCode = 500; res.end()` is one slip, reported once).
 */
function poison(after: KeyState, before: KeyState, operation: Operation, origin: Origin): KeyState {
  // Inside a chain the outer call is the one reported (`res.status(500)` in `res.status(500).json(e)`).
  const parent = origin.node.parent;
  const chained = parent?.type === 'MemberExpression' && parent.object === origin.node;
  return !chained && after.reported !== 2 && violationIn(before, operation) ? { ...after, reported: 2 } : after;
}

interface Hooks {
  readonly onThrowPoint: (tryNode: TSESTree.TryStatement, state: PathState) => void;
  /** Given only in the final replay. */
  readonly report?: (violation: Violation) => void;
  /** Given only in the final replay of a reported run. */
  readonly onCapture?: ((fn: TSESTree.Node, state: PathState) => void) | undefined;
}

function summarize(run: Run, key: ResponseKey): Summary {
  let all = run.exits.length > 0;
  let some = false;
  let someHandOff = false;
  let everyAnswered = run.exits.length > 0;
  for (const exit of run.exits) {
    const ks = exit.state.get(key) ?? OPEN;
    if (ks.ended !== 2) all = false;
    if (ks.ended !== 0) some = true;
    if (ks.handedOff !== 0 || ks.next !== 0) someHandOff = true;
    if (ks.answered !== 2 && ks.ended !== 2) everyAnswered = false;
  }
  const ended: Tri = all ? 2 : some ? 1 : 0;
  // Finishing on every path is `ended`; the hand-off bit is for the paths it answers otherwise.
  const handedOff: Tri = someHandOff ? (everyAnswered && ended !== 2 ? 2 : 1) : 0;
  return { ended, handedOff };
}

/** Whether some response was sent, finished or passed on along this path (maybe counts). */
function answeredSomewhere(state: PathState): boolean {
  for (const [key, ks] of state) {
    if (!isAfterKey(key) && !isConditionKey(key) && (ks.sent !== 0 || ks.ended !== 0 || ks.next !== 0)) return true;
  }
  return false;
}

function applyEffect(ks: KeyState, operation: Operation, origin: Origin): KeyState {
  if (operation.effect === 'handOff') return { ...ks, handedOff: 2 };
  if (operation.effect === 'passOn') return markNext(ks, origin);
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
    // A bare `end()` is a no-op once the response finished, but not while an asynchronous finisher
    // (`pipe`, `sendFile`) still owes its bytes: that `end()` cuts them off.
    const cutsOff = operation.noOpOnceEnded === true && [...ks.endedBy].some((origin) => origin.async);
    const row = violationFor('ended', cutsOff ? { ...operation, noOpOnceEnded: false } : operation);
    if (row) return { row, definite: ks.ended === 2, origins: ks.endedBy, afterEnd: true };
  }
  if (ks.sent !== 0) {
    const row = violationFor('sent', operation);
    if (row) return { row, definite: ks.sent === 2, origins: ks.sentBy, afterEnd: false };
  }
  // Not a lifecycle state, but the same bug from the other side: after `next()` another handler
  // answers, so finishing here (or calling next again) answers twice.
  if (ks.next !== 0 && (operation.effect === 'finish' || operation.effect === 'passOn')) {
    return { row: AFTER_NEXT, definite: ks.next === 2, origins: ks.nextBy, afterEnd: true };
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
function refine(
  state: PathState,
  branches: readonly Branch[] | undefined,
  nextStart: TSESTree.Node | undefined,
  atomTests: ReadonlyMap<object, number>,
): PathState | undefined {
  if (!branches) return state;
  let out: PathState | undefined = state;
  for (const branch of branches) {
    const matched = nextStart === branch.matchStart;
    // `if (!d && c)`: the edge from `!d` into `c` belongs to the `&&`, not to the `if`.
    if (!matched && nextStart && within(nextStart, branch.test)) continue;
    if (branch.condition && out) {
      out = assume(out, branch.condition.test, matched === branch.condition.matchValue, atomTests);
    }
    const facts = matched ? branch.onMatch : branch.otherwise;
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

/**
 * The segments where the function returns normally. ESLint also counts the segment before each
 * `yield` (a generator can be closed there with `.return()`), but a driver such as `co.wrap` resumes
 * it: that pause is not where the function gives up on the request, so segments that go on are left out.
 */
function returnedSegments(codePath: Rule.CodePath): Rule.CodePathSegment[] {
  return codePath.returnedSegments.filter((segment) => segment.nextSegments.length === 0);
}

/**
 * The state on an edge where the test has `value` (./conditions.ts); `undefined` when that
 * contradicts what the path knows. Only atoms tested twice in the function are remembered: a
 * condition tested once cannot contradict anything later, and keeping it would only split paths.
 */
function assume(state: PathState, test: Condition, value: boolean, atomTests: ReadonlyMap<object, number>): PathState | undefined {
  const known = (atom: Atom): boolean | undefined => {
    const ks = state.get(atom as unknown as ResponseKey); // a path-state key, never a response
    return ks?.sent === 2 ? true : ks?.ended === 2 ? false : undefined;
  };
  const facts = implied(test, value, known);
  if (!facts) return undefined;
  let out = state;
  for (const [atom, truthy] of facts) {
    if ((atomTests.get(atom) ?? 0) < 2) continue;
    out = withKey(out, atom as unknown as ResponseKey, { ...OPEN, sent: truthy ? 2 : 0, ended: truthy ? 0 : 2 });
  }
  return out;
}

function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** After code that may change objects: forget what was known of member chains. */
function forgetMemberConditions(state: PathState): PathState {
  let out: Map<ResponseKey, KeyState> | undefined;
  for (const key of state.keys()) {
    if (isConditionKey(key) && isMemberAtom(key as unknown as Atom)) (out ??= new Map(state)).delete(key);
  }
  return out ?? state;
}

/** A code path's reachable segments (depth-first order) and their worklist order, walked once per code path. */
const graphs = new WeakMap<Rule.CodePath, { segments: Map<string, Rule.CodePathSegment>; position: Map<string, number> }>();

function graphOf(codePath: Rule.CodePath): { segments: Map<string, Rule.CodePathSegment>; position: Map<string, number> } {
  let graph = graphs.get(codePath);
  if (!graph) {
    const segments = new Map<string, Rule.CodePathSegment>();
    collectSegments(codePath.initialSegment, segments);
    graph = { segments, position: reversePostorder(codePath.initialSegment) };
    graphs.set(codePath, graph);
  }
  return graph;
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

/** In `x.then(a).then(b)`, `a` for `b` (the callback that runs right before it). */
function previousThenCallback(fn: TSESTree.Node): TSESTree.Node | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || callee.property.name !== 'then') {
    return undefined;
  }
  const previous = callee.object;
  if (previous.type !== 'CallExpression' || previous.callee.type !== 'MemberExpression') return undefined;
  const name = previous.callee.property.type === 'Identifier' ? previous.callee.property.name : undefined;
  const first = previous.arguments[0];
  return name === 'then' && first && isFunctionNode(first) ? first : undefined;
}

function isOwnParam(key: ResponseKey, frame: Frame, env: SolverEnv): boolean {
  if (!isFunctionNode(frame.node)) return false;
  return frame.node.params.some((_, index) => env.paramVariable(frame.node, index) === key);
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
