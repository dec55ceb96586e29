/**
 * One function's `FunctionAnalysis`, solved only when a rule asks for what needs solving.
 *
 * The state rules read every function's `violations`, and `require-end` reads `responses` and
 * `ownAnswers` of every function but `exits` of a few (handlers, continuations, overrides).
 * Solving every frame eagerly ran the fixpoint over each function of a file that has a response
 * somewhere, most of which never touch it (bench/real cost profile: a quarter of the fixpoint time
 * went to functions whose states stayed empty). So:
 * - `violations` come from a solve only when the function has an operation that can be one (an
 *   operation on a response, `next`, a call given the response, a call of a local closure);
 * - `responses` and `ownAnswers` are read off the collected operations, without solving;
 * - `exits` (and `exitState`) solve on first use.
 * The solver solves on demand and memoises, so the order in which rules ask changes nothing.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { handlerInfo, isFunctionNode, type HandlerContext, type HandlerInfo } from './handlers.js';
import type { FunctionAnalysis, FunctionExit, ResponseExitState } from './index.js';
import type { Frame, Op } from './ops.js';
import { ownAnswers } from './own-answers.js';
import type { SolvedFunction, Solver, Violation } from './solve.js';
import { CERTAINTY, isAfterKey, type Certainty, type KeyState, type ResponseKey } from './state.js';

const UNTOUCHED: ResponseExitState = { sent: 'no', ended: 'no', nextCalled: 'no', handedOff: 'no', answered: 'no' };

/** Operations the final replay can report a violation at (see `Solver.apply`). */
const MAY_VIOLATE = new Set<Op['kind']>(['member', 'next', 'call', 'closureCall']);

function mayViolate(frame: Frame): boolean {
  for (const ops of frame.ops.values()) for (const op of ops) if (MAY_VIOLATE.has(op.kind)) return true;
  return false;
}

function exitStateOf(ks: KeyState): ResponseExitState {
  return {
    sent: CERTAINTY[ks.sent] as Certainty,
    ended: CERTAINTY[ks.ended] as Certainty,
    nextCalled: CERTAINTY[ks.next] as Certainty,
    handedOff: CERTAINTY[ks.handedOff] as Certainty,
    answered: CERTAINTY[ks.answered] as Certainty,
    ...([...ks.sentBy].some((origin) => origin.brokenPipe) ? { afterBrokenPipe: true as const } : {}),
  };
}

export class LazyFunctionAnalysis implements FunctionAnalysis {
  readonly node: TSESTree.Node;
  readonly codePath: FunctionAnalysis['codePath'];
  private solvedRun: SolvedFunction | undefined;
  private responseList: readonly ResponseKey[] | undefined;
  private exitList: readonly FunctionExit[] | undefined;
  private answers: ReadonlySet<ResponseKey> | undefined;
  /** Whether the frame has an operation that can be a violation: read once, not once per state rule. */
  private canViolate: boolean | undefined;

  constructor(
    private readonly frame: Frame,
    private readonly solver: Solver,
    private readonly ctx: HandlerContext,
    /** Variables that are responses; member responses (`this.res`) get the state rules only. */
    private readonly isResponseVariable: (key: ResponseKey) => boolean,
  ) {
    this.node = frame.node;
    this.codePath = frame.codePath;
  }

  private solved(): SolvedFunction {
    return (this.solvedRun ??= this.solver.solve(this.frame));
  }

  get handler(): HandlerInfo | undefined {
    return isFunctionNode(this.node) ? handlerInfo(this.node, this.ctx) : undefined;
  }

  get responses(): readonly ResponseKey[] {
    return (this.responseList ??= [...this.solver.keysOf(this.frame)].filter(this.isResponseVariable));
  }

  get touchesResponse(): boolean {
    return this.responses.length > 0;
  }

  get violations(): readonly Violation[] {
    return this.solvedRun || (this.canViolate ??= mayViolate(this.frame)) ? this.solved().violations : [];
  }

  get exits(): readonly FunctionExit[] {
    return (this.exitList ??= this.solved().exits.map((exit) => ({
      segment: exit.segment,
      returnNode: exit.returnNode,
      responses: new Map([...exit.state].filter(([key]) => !isAfterKey(key)).map(([key, ks]) => [key, exitStateOf(ks)])),
    })));
  }

  get ownAnswers(): ReadonlySet<ResponseKey> {
    return (this.answers ??= ownAnswers(this.frame));
  }

  exitState(exit: FunctionExit, response: ResponseKey): ResponseExitState {
    return exit.responses.get(response) ?? UNTOUCHED;
  }
}
