/**
 * The path-sensitive response analysis shared by every lifecycle rule.
 *
 * ## How a rule uses it
 *
 * ```ts
 * create(context, [options]) {
 *   return subscribeToAnalysis(context, { finishingHelpers: options.finishingHelpers }, (file) => {
 *     for (const fn of file.functions) for (const v of fn.violations) if (v.rule === 'no-double-send') context.report(...);
 *   });
 * }
 * ```
 *
 * `subscribeToAnalysis` returns the listeners the rule must return from `create`. The analysis runs
 * once per file however many rules subscribe: the first subscriber of a traversal owns the
 * listeners (cached in a WeakMap keyed by the `SourceCode`), the others get `{}`. Every callback
 * is called once, when the Program's code path ends (the last event of the traversal), with the
 * same `FileAnalysis`. `finishingHelpers` of all subscribers are merged.
 *
 * ## What it gives
 *
 * `FileAnalysis.functions`: one `FunctionAnalysis` per code path (functions, and the Program):
 * - `node`: the function (or Program); `handler`: `HandlerInfo` from ./handlers.ts when the
 *   function is a handler (registered, annotated, typed or conventional), else `undefined`;
 * - `touchesResponse`: some operation on a response happens in this function (its own or a
 *   captured one); `responses`: those response variables;
 * - `violations`: double sends, head-after-send, write-after-end found on this function's paths
 *   (rule id, message id, definite or maybe, node, operation text, first send, suggestion target);
 * - `exits`: one per path that returns normally (`codePath.returnedSegments`, i.e. explicit
 *   `return`s and the fall-through; thrown paths and `process.exit()` paths are excluded), with the
 *   `ReturnStatement` (or `undefined` for the fall-through) and, per response, `ended`, `sent`,
 *   `nextCalled`, `handedOff` and `answered` as 'no' | 'maybe' | 'yes'. `handedOff` means the response (or
 *   `next`) was passed to an unknown function, stored, returned, captured by a nested function,
 *   piped into with `{ end: false }`, or given to a `res` method the model does not know.
 *
 * A nested callback's states start from where it was created (and, for an asynchronous callback,
 * from what its creator did afterwards; in `p.then(a).then(b)`, from `a`'s exits): its `exits`
 * therefore include inherited `sent`/`ended`/`nextCalled`. `ownAnswers` says what it did itself.
 *
 * ## Which values are responses
 * See ./handlers.ts (`handlerInfo`) and ./response-types.ts (typed check when a program exists).
 * Candidates are the parameters listed by ./candidates.ts before the traversal (handler responses,
 * the parameters of local helpers a response is passed to, and with a program the parameters
 * used like a response) and `const` aliases of them; a file without any gets no listeners. A
 * candidate is a response when it is the response parameter of a handler (the function it belongs
 * to may be an outer one: references in nested callbacks are the same response), or typed as one.
 */
import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findCandidates, paramVariable } from './candidates.js';
import { Collector } from './collect.js';
import { LazyFunctionAnalysis } from './function-analysis.js';
import { isMemberKey } from './member-keys.js';
import { MemberResponses } from './member-responses.js';
import { handlerInfo, isFunctionNode, type HandlerContext, type HandlerInfo } from './handlers.js';
import type { Frame } from './ops.js';
import { resolverOf } from './references.js';
import { typeServicesOf, typeVerdictOf } from './response-types.js';
import { Solver, type Violation } from './solve.js';
import { isErrorListenerResponse } from './start-states.js';
import type { Certainty, ResponseKey } from './state.js';

export type { Violation } from './solve.js';
export type { Certainty, ResponseKey, Origin } from './state.js';
export * from './handlers.js';
export { isServerResponseType, typeServicesOf, typeVerdictOf, type TypeServices } from './response-types.js';

export interface ResponseExitState {
  readonly sent: Certainty;
  readonly ended: Certainty;
  readonly nextCalled: Certainty;
  readonly handedOff: Certainty;
  /** Per path (not joined per property): ended, `next` called, handed off, or a guard saw it sent (not after a broken pipe: ./state.ts). */
  readonly answered: Certainty;
  /** The head may be out through a pipe whose source failed (a piped source's `'error'` listener): ending or destroying is the answer. */
  readonly afterBrokenPipe?: true;
}

export interface FunctionExit {
  readonly segment: Rule.CodePathSegment;
  /** The `return` ending this path; `undefined` when the function falls off its end. */
  readonly returnNode: TSESTree.ReturnStatement | undefined;
  /** Per response touched in the function (missing responses are untouched: all 'no'). */
  readonly responses: ReadonlyMap<ResponseKey, ResponseExitState>;
}

export interface FunctionAnalysis {
  readonly node: TSESTree.Node;
  readonly codePath: Rule.CodePath;
  readonly handler: HandlerInfo | undefined;
  readonly touchesResponse: boolean;
  readonly responses: readonly ResponseKey[];
  readonly violations: readonly Violation[];
  readonly exits: readonly FunctionExit[];
  /** Responses this function finishes or passes on by its own operations (see ./own-answers.ts). */
  readonly ownAnswers: ReadonlySet<ResponseKey>;
  /** The state of one response on one exit (all 'no' when the function never touched it). */
  exitState(exit: FunctionExit, response: ResponseKey): ResponseExitState;
}

export interface FileAnalysis {
  readonly functions: readonly FunctionAnalysis[];
  /** The response variable of a handler (its `response` parameter). */
  responseOf(handler: HandlerInfo): ResponseKey | undefined;
}

export interface AnalysisOptions {
  /** Names of functions (`sendError(res, …)`) or `res` methods (`res.sendError(…)`) that finish the response. */
  readonly finishingHelpers?: readonly string[];
  /** Names of functions or `res` methods that take the response over (merged). */
  readonly handOffHelpers?: readonly string[];
  /** Whether an unknown callee given the response takes it over (default true; false if any subscriber says so). */
  readonly unknownCalleesHandOff?: boolean;
  /** Express error middleware starts with the head maybe sent (true if any subscriber says so; ./start-states.ts). */
  readonly errorHandlersMaybeSent?: boolean;
}

type Subscriber = (file: FileAnalysis) => void;

class Engine {
  finished = false;
  readonly helpers = new Set<string>();
  /** Read by the collector as it goes: every subscriber subscribes before the traversal starts. */
  private readonly collectorOptions = {
    finishingHelpers: this.helpers,
    handOffHelpers: new Set<string>(),
    unknownCalleesHandOff: true,
    errorHandlersMaybeSent: false,
  };
  private readonly subscribers: Subscriber[] = [];
  private readonly frames: Frame[] = [];
  private readonly ctx: HandlerContext;
  readonly collector: Collector;

  /** No parameter in the file can be a response: nothing to collect, nothing to report. */
  readonly idle: boolean;

  constructor(sourceCode: Readonly<TSESLint.SourceCode>) {
    this.ctx = { sourceCode, types: typeServicesOf(sourceCode) };
    const resolve = resolverOf(sourceCode);
    const candidates = findCandidates(this.ctx, resolve);
    const members = new MemberResponses(sourceCode, resolve, [...candidates].filter((variable) => this.isResponse(variable)));
    this.idle = candidates.size === 0 && members.empty;
    this.collector = new Collector(this.ctx, this.collectorOptions, candidates, resolve, members, (frame) => {
      this.frames.push(frame);
      if (frame.node.type === 'Program') this.finish();
    });
  }

  subscribe(options: AnalysisOptions, subscriber: Subscriber): void {
    for (const name of options.finishingHelpers ?? []) this.helpers.add(name);
    for (const name of options.handOffHelpers ?? []) this.collectorOptions.handOffHelpers.add(name);
    if (options.unknownCalleesHandOff === false) this.collectorOptions.unknownCalleesHandOff = false;
    if (options.errorHandlersMaybeSent === true) this.collectorOptions.errorHandlersMaybeSent = true;
    this.subscribers.push(subscriber);
  }

  private paramVariable(fn: TSESTree.Node, index: number): TSESLint.Scope.Variable | undefined {
    return paramVariable(this.ctx.sourceCode, fn, index);
  }

  private readonly responseCache = new Map<ResponseKey, boolean>();

  /** A candidate is a response when it is a handler's response parameter (or, with types, typed as one). */
  private isResponse(key: ResponseKey): boolean {
    // `this` in a response method, `this.res`, `reply.raw`: made keys only where proven (./member-responses.ts).
    if (isMemberKey(key)) return true;
    const cached = this.responseCache.get(key);
    if (cached !== undefined) return cached;
    const def = key.defs[0];
    let result = false;
    if (def?.type === 'Parameter' && isFunctionNode(def.node as TSESTree.Node)) {
      const info = handlerInfo(def.node as never, this.ctx);
      result = info?.response === def.name;
      if (!result && this.ctx.types) result = typeVerdictOf(def.name, this.ctx.types) === 'response';
      // `proxy.on('error', (err, req, res) => …)`, unless its type says otherwise
      if (!result && isErrorListenerResponse(key)) {
        result = !this.ctx.types || typeVerdictOf(def.name, this.ctx.types) !== 'other';
      }
    }
    this.responseCache.set(key, result);
    return result;
  }

  private finish(): void {
    this.finished = true;
    const byNode = new Map(this.frames.map((frame) => [frame.node, frame]));
    const byCodePath = new Map(this.frames.map((frame) => [frame.codePath, frame]));
    const solver = new Solver({
      frames: byNode,
      parentOf: (frame) => (frame.codePath.upper ? byCodePath.get(frame.codePath.upper) : undefined),
      isResponse: (key) => this.isResponse(key),
      paramVariable: (fn, index) => this.paramVariable(fn, index),
    });
    // Member responses get the state rules only: they are not variables, and not in `responses`.
    const isResponseVariable = (key: ResponseKey): boolean => !isMemberKey(key) && this.isResponse(key);
    const functions: FunctionAnalysis[] = this.frames.map((frame) => new LazyFunctionAnalysis(frame, solver, this.ctx, isResponseVariable));
    const file: FileAnalysis = {
      functions,
      responseOf: (handler) => this.paramVariable(handler.node, handler.responseIndex),
    };
    for (const subscriber of this.subscribers) subscriber(file);
  }
}

const engines = new WeakMap<object, Engine>();

/**
 * Subscribe a rule to the shared analysis of the file being linted. Returns the listeners to
 * return from `create` (the engine's, for the first subscriber of this traversal; `{}` otherwise).
 */
export function subscribeToAnalysis(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: AnalysisOptions,
  subscriber: Subscriber,
): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  let engine = engines.get(sourceCode);
  let owner = false;
  // An idle engine never finishes: later subscribers, and a later traversal of the same source
  // (which has no response either), join it and get no listeners.
  if (!engine || engine.finished) {
    engine = new Engine(sourceCode);
    engines.set(sourceCode, engine);
    owner = true;
  }
  engine.subscribe(options, subscriber);
  // typescript-eslint's RuleListener does not declare the code path events (typescript-eslint#6993).
  if (!owner || engine.idle) return {};
  return engine.collector.listeners() as unknown as TSESLint.RuleListener;
}
