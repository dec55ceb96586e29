import diagnostics_channel from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import type { RuleId } from '../lifecycle/index.js';
import { violationMessage } from './messages.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { ensureState, lifecycleOf, stateOf, type ResponseState } from './state.js';
import { printViolation, ResponseLifecycleError, topFrame, type Violation } from './violation.js';
import { Watchdog } from './watchdog.js';

/** One guard set-up: its options, its never-ended watchdog, and the guarded prototypes it built. */
export interface GuardContext {
  readonly options: ResolvedOptions;
  readonly watchdog: Watchdog | undefined;
  /** Guarded prototype per original prototype, so each is built once. */
  readonly prototypes: WeakMap<object, object>;
  /** This guard already warned that it was installed too late. */
  warnedLate: boolean;
}

export function createContext(options: unknown): GuardContext {
  const resolved = resolveOptions(options, printViolation);
  const context: GuardContext = {
    options: resolved,
    watchdog: undefined,
    prototypes: new WeakMap(),
    warnedLate: false,
  };
  if (resolved.endTimeout !== undefined) {
    const timeout = resolved.endTimeout;
    (context as { watchdog: Watchdog }).watchdog = new Watchdog(
      timeout,
      (res) => reportNotEnded(context, res, `within ${timeout} ms of the request's arrival`, Watchdog.prototype.sweep),
      (res) => lifecycleOf(res, stateOf(res)) === 'ended',
    );
  }
  return context;
}

export interface Misuse {
  readonly rule: RuleId;
  /** A message id of MESSAGES[rule]. */
  readonly messageId: string;
  readonly operation: string;
  readonly data?: Readonly<Record<string, string | number>>;
}

/**
 * Report a misuse (once): to `onViolation` and on the diagnostics channel. Returns the error to
 * throw in `'throw'` mode. `caller` is the guard function the program called; the stack starts at
 * its caller. A report supersedes a late head change still pending on the same response (see
 * `defer`): in `res.status(500).json(b)` after a send, the send is the misuse, as the lint rule says.
 */
export function raise(
  context: GuardContext,
  res: ServerResponse,
  st: ResponseState | undefined,
  misuse: Misuse,
  caller: (...args: never[]) => unknown,
): ResponseLifecycleError | undefined {
  if (st?.pendingHead !== undefined) st.pendingHead = undefined;
  const violation = buildViolation(res, st, misuse, caller);
  publish(context, res, violation);
  return context.options.mode === 'throw' ? new ResponseLifecycleError(violation) : undefined;
}

/**
 * A head change on a finished response made by a method call may be the start of a send chain
 * (`res.status(500).json(b)`): its report waits until the current synchronous run of code is over,
 * and a violation of a later call on the same response in that run replaces it. It is captured now,
 * so it still points at the call. Never thrown: by the time it is known not to be part of a chain,
 * there is no call left to throw from.
 */
export function defer(
  context: GuardContext,
  res: ServerResponse,
  st: ResponseState,
  misuse: Misuse,
  caller: (...args: never[]) => unknown,
): void {
  const violation = buildViolation(res, st, misuse, caller);
  st.pendingHead = violation;
  queueMicrotask(() => {
    if (st.pendingHead !== violation) return;
    st.pendingHead = undefined;
    publish(context, res, violation);
  });
}

function buildViolation(
  res: ServerResponse,
  st: ResponseState | undefined,
  misuse: Misuse,
  caller: (...args: never[]) => unknown,
): Violation {
  const firstIsHead = misuse.rule === 'no-header-after-send';
  const firstOp = (firstIsHead ? st?.headOp : st?.endOp) ?? st?.endOp ?? st?.headOp;
  const firstStack = ((firstIsHead ? st?.headTrace : st?.endTrace) ?? st?.endTrace ?? st?.headTrace)?.stack;
  const firstAt = topFrame(firstStack);
  const message = violationMessage(
    misuse.rule,
    misuse.messageId,
    { operation: misuse.operation, ...misuse.data },
    firstOp === undefined ? undefined : { operation: firstOp, at: firstAt },
  );
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, caller);
  const req = res.req as (ServerResponse['req'] & { originalUrl?: string }) | undefined;
  return {
    rule: misuse.rule,
    message,
    operation: misuse.operation,
    stack: `ResponseLifecycleError: ${message}\n${(holder.stack ?? '').split('\n').slice(1).join('\n')}`,
    firstStack,
    request: { method: req?.method, url: req?.originalUrl ?? req?.url },
  };
}

/** The channel every violation is published on, for APM and tracing tools (and `recordViolations`). */
export const VIOLATION_CHANNEL = 'response-lifecycle:violation';
const violationChannel = diagnostics_channel.channel(VIOLATION_CHANNEL);

function publish(context: GuardContext, res: ServerResponse, violation: Violation): void {
  ensureState(res).muted = true;
  // From now on, record where responses are first sent, so the next report can point there.
  context.options.recordFirst = true;
  // A subscriber that throws cannot break this response: Node rethrows its error on a later tick.
  if (violationChannel.hasSubscribers) violationChannel.publish(violation);
  try {
    const returned: unknown = context.options.onViolation(violation);
    // An async reporter fails by rejecting: surface that like a throw, never as an unhandled
    // rejection (which would take the process down).
    if (isThenable(returned)) returned.then(undefined, reporterFailed);
  } catch (error) {
    // A failing reporter must not break the response it reports on.
    reporterFailed(error);
  }
}

function reporterFailed(error: unknown): void {
  console.error('[response guard] onViolation threw:', error);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** A response that was never finished: reported (never thrown: there is no call to throw from). */
export function reportNotEnded(
  context: GuardContext,
  res: ServerResponse,
  where: string,
  caller: (...args: never[]) => unknown,
): void {
  const st = ensureState(res);
  if (st.endReported) return;
  st.endReported = true;
  raise(
    context,
    res,
    undefined,
    { rule: 'require-end', messageId: 'notEndedAtRuntime', operation: 'response never finished', data: { where } },
    caller,
  );
}

/**
 * A guard installed after what it should guard guards nothing there, silently: say so once per
 * guard, as a process warning (`process.on('warning')` sees it; Node prints it by default).
 */
export function warnInstalledLate(context: GuardContext, what: string): void {
  if (context.warnedLate) return;
  context.warnedLate = true;
  process.emitWarning(`response guard: ${what}`, { type: 'ResponseGuardWarning', code: 'RESPONSE_GUARD_INSTALLED_LATE' });
}

/** The warning for a response that was answered before the guard first saw it. */
export const ANSWERED_BEFORE_GUARD =
  'a response was already answered when the guard first saw it: whatever answered it ran before the guard and is not guarded. Install the guard first (before any other middleware or route).';
