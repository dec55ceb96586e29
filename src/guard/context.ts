import type { ServerResponse } from 'node:http';
import { formatMessage, MESSAGES, type RuleId } from '../lifecycle/index.js';
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
}

export function createContext(options: unknown): GuardContext {
  const resolved = resolveOptions(options, printViolation);
  const context: GuardContext = {
    options: resolved,
    watchdog: undefined,
    prototypes: new WeakMap(),
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
 * Report a misuse to `onViolation` (once), and return the error to throw in `'throw'` mode.
 * `caller` is the guard function the program called; the stack starts at its caller.
 */
export function raise(
  context: GuardContext,
  res: ServerResponse,
  st: ResponseState | undefined,
  misuse: Misuse,
  caller: (...args: never[]) => unknown,
): ResponseLifecycleError | undefined {
  const firstIsHead = misuse.rule === 'no-header-after-send';
  const firstOp = (firstIsHead ? st?.headOp : st?.endOp) ?? st?.endOp ?? st?.headOp;
  const firstStack = ((firstIsHead ? st?.headTrace : st?.endTrace) ?? st?.endTrace ?? st?.headTrace)?.stack;
  const firstAt = topFrame(firstStack);
  const template = (MESSAGES[misuse.rule] as Record<string, string>)[misuse.messageId] ?? misuse.messageId;
  const message = formatMessage(template, {
    operation: misuse.operation,
    first: firstOp ?? 'an earlier call',
    where: firstAt
      ? `at ${firstAt}`
      : '(not recorded: the guard records it after its first violation, or always with firstStack: "always")',
    ...misuse.data,
  });
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, caller);
  const req = res.req as (ServerResponse['req'] & { originalUrl?: string }) | undefined;
  const violation: Violation = {
    rule: misuse.rule,
    message,
    operation: misuse.operation,
    stack: `ResponseLifecycleError: ${message}\n${(holder.stack ?? '').split('\n').slice(1).join('\n')}`,
    firstStack,
    request: { method: req?.method, url: req?.originalUrl ?? req?.url },
  };
  ensureState(res).muted = true;
  // From now on, record where responses are first sent, so the next report can point there.
  context.options.recordFirst = true;
  try {
    const returned: unknown = context.options.onViolation(violation);
    // An async reporter fails by rejecting: surface that like a throw, never as an unhandled
    // rejection (which would take the process down).
    if (isThenable(returned)) returned.then(undefined, reporterFailed);
  } catch (error) {
    // A failing reporter must not break the response it reports on.
    reporterFailed(error);
  }
  return context.options.mode === 'throw' ? new ResponseLifecycleError(violation) : undefined;
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
