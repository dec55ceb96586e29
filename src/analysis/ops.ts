/**
 * What the collector records per code path segment, in evaluation order, and the per-function
 * frame that holds it until the fixpoint runs.
 */
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Operation } from '../lifecycle/index.js';
import type { InfeasibleEdges } from './infeasible-edges.js';
import type { Condition } from './conditions.js';
import type { StartFact } from './start-states.js';
import type { Origin, ResponseKey } from './state.js';

export type Op =
  /** A lifecycle member of the response: `res.json(x)`, `res.statusCode = 404`, `src.pipe(res)`. */
  | {
      readonly kind: 'member';
      readonly key: ResponseKey;
      readonly operation: Operation;
      readonly origin: Origin;
    }
  /** `next()` / `next(err)` of the handler that owns `key`. */
  | { readonly kind: 'next'; readonly key: ResponseKey; readonly origin: Origin }
  /**
   * The response passed to a function: a finishing helper named in the options, a local function
   * with a summary, or unknown code (then it is handed off).
   */
  | {
      readonly kind: 'call';
      readonly key: ResponseKey;
      readonly origin: Origin;
      readonly target: TSESTree.Node | undefined;
      readonly argIndex: number;
      readonly finishing: boolean;
      /** Without a summary, the callee takes the response over (not a logger; see the options). */
      readonly handsOff: boolean;
      /** The caller tests or keeps the result (`if (!validate(req, res)) return;`). */
      readonly resultUsed: boolean;
      /** Named like a helper that answers (`sendError`, `errorResponse`): see ./responder-names.ts. */
      readonly responderName: boolean;
    }
  /**
   * A nested function that uses `keys` is created here: it may finish them later (an escape for
   * `require-end`), and it starts from the state at this point (see Solver.initialStateOf).
   */
  | {
      readonly kind: 'capture';
      readonly fn: TSESTree.Node;
      readonly keys: readonly ResponseKey[];
      /** Starts from the state here (not a declaration), unless it is a callback given to the response itself. */
      readonly inherits: boolean;
      /** The candidate response whose method receives this function (`res.sendFile(p, cb)`, `res.on(e, cb)`). */
      readonly argumentOf: ResponseKey | undefined;
      /**
       * An asynchronous callback (an argument of a call that is not a timer, an event listener or
       * an array method): it also sees what its creator does after creating it.
       */
      readonly runsAfterCreator: boolean;
      /** A `forEach`/`map` callback: it runs right here, zero or more times, before the creator goes on. */
      readonly runsNow: boolean;
    }
  /** A call of a local function (`done()`, `fail(msg)`) that may finish responses it captures. */
  | {
      readonly kind: 'closureCall';
      readonly target: TSESTree.Node;
      readonly origin: Origin;
      readonly resultUsed: boolean;
    }
  /** The response (or its `next`) leaves this function's control: returned, stored, captured, unknown method. */
  | { readonly kind: 'escape'; readonly key: ResponseKey; readonly node: TSESTree.Node }
  /**
   * A point where an exception may be thrown inside the `try` block of `tryNode`: `await`,
   * `throw`, and ordinary calls and `new` (see `whileOpen`). Not the block's start, and not a
   * response method (`try { res.json(x); await archive(x) } catch { log(e) }` answered).
   */
  | {
      readonly kind: 'throwPoint';
      readonly tryNode: TSESTree.TryStatement;
      /**
       * An ordinary call or `new`: counted only while no response was answered on the path. Before
       * the answer it is how the `catch` is reached with the response open (a hang when the catch
       * only logs); after it, counting every `log(x)` would put a second answer in each catch.
       */
      readonly whileOpen?: true;
    }
  /** Other code may have run (a call, `await`, an assignment): facts on member chains are forgotten (./conditions.ts). */
  | { readonly kind: 'forget' }
  /** An `await` resumed normally: the callbacks of the awaited call (`fns`) have run. */
  | { readonly kind: 'resumed'; readonly fns: readonly TSESTree.Node[] }
  /** `process.exit()`: the path ends here. */
  | { readonly kind: 'exit'; readonly node: TSESTree.Node };

/** A guard fact on one edge, with its response resolved. */
export interface ResolvedAssumption {
  readonly key: ResponseKey;
  readonly meaning: 'sent' | 'ended';
  readonly value: boolean;
  readonly origin: Origin;
}

/**
 * A two-way branch leaving a segment: the edge into the segment that starts at `matchStart`
 * gets `onMatch`, every other edge gets `otherwise`.
 */
export interface Branch {
  /** The test: an edge into a segment that starts inside it (`c` of `if (!d && c)`) is not this branch's edge. */
  readonly test: TSESTree.Node;
  readonly matchStart: TSESTree.Node;
  readonly onMatch: readonly ResolvedAssumption[];
  readonly otherwise: readonly ResolvedAssumption[];
  /** The test as a plain condition (./conditions.ts); the matching edge is where it is `matchValue`. */
  readonly condition?: { readonly test: Condition; readonly matchValue: boolean };
}

export interface Frame {
  readonly codePath: Rule.CodePath;
  readonly node: TSESTree.Node;
  /** Callback of `forEach`/`map`/…: its body may run more than once. */
  readonly repeated: boolean;
  /**
   * A response can be named here: the function (or one around it) has a candidate parameter, or the
   * file has member responses. Elsewhere no operation can be on a response, so none is collected.
   */
  readonly active: boolean;
  /** What it knows of responses when it starts, beyond where it was created (./start-states.ts). */
  readonly startFacts?: readonly StartFact[];
  readonly ops: Map<string, Op[]>;
  readonly segmentStart: Map<string, TSESTree.Node>;
  readonly branches: Map<string, Branch[]>;
  readonly returns: Map<string, TSESTree.ReturnStatement>;
  readonly catchEntry: Map<string, TSESTree.TryStatement>;
  /** Edges no execution takes (./infeasible-edges.ts). */
  readonly infeasible: InfeasibleEdges;
  readonly current: Set<Rule.CodePathSegment>;
  /** A branch on a member chain was recorded: later calls, awaits and assignments forget such facts. */
  memberConditions?: boolean;
  /** How many tests of each atom this function has: only atoms tested twice are worth keeping paths apart for. */
  readonly atomTests: Map<object, number>;
}
