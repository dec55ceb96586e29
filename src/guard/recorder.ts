import diagnostics_channel from 'node:diagnostics_channel';
import { VIOLATION_CHANNEL } from './context.js';
import { describeViolation, type Violation } from './violation.js';

/**
 * How many recorders are on. While one is, every guard in the process records where responses are
 * first answered (as `firstStack: 'always'`), so a test failure names both call sites whatever
 * options the application gave its guard.
 */
export const firstAnswerDemand = { recorders: 0 };

/** Turns of the event loop `assertNone()` waits for late calls (a send in `setImmediate`, a 0 ms timer). */
const LATE_TURNS = 3;

/** Thrown by `assertNone()`: every violation since the last check, each with both call sites. */
export class ResponseLifecycleViolations extends Error {
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[], fullStacks: boolean) {
    const count = violations.length === 1 ? '1 response lifecycle violation' : `${violations.length} response lifecycle violations`;
    super(`${count}:\n${violations.map((v, i) => `${i + 1}) ${describeViolation(v, fullStacks)}`).join('\n')}`);
    this.name = 'ResponseLifecycleViolations';
    this.violations = violations;
  }
}

export interface ViolationRecorder {
  /** The violations seen since the last `assertNone()` or `clear()`. */
  readonly violations: readonly Violation[];
  /**
   * Waits a few turns of the event loop for late calls, then throws a ResponseLifecycleViolations
   * listing every violation seen since the last check (and forgets them), or resolves when none.
   * Call it in `afterEach`: the test that caused a violation fails.
   */
  assertNone(): Promise<void>;
  clear(): void;
  /** Stops recording (unsubscribes). */
  stop(): void;
}

/**
 * For tests: records every violation of every guard in this process, from the diagnostics channel
 * (so the application's own guard options, `onViolation` included, need no change).
 */
export function recordViolations(options: { fullStacks?: boolean } = {}): ViolationRecorder {
  let seen: Violation[] = [];
  const onMessage = (message: unknown): void => void seen.push(message as Violation);
  diagnostics_channel.subscribe(VIOLATION_CHANNEL, onMessage);
  firstAnswerDemand.recorders += 1;
  let stopped = false;
  return {
    get violations() {
      return seen;
    },
    async assertNone() {
      for (let i = 0; i < LATE_TURNS; i += 1) await new Promise((resolve) => setImmediate(resolve));
      const found = seen;
      seen = [];
      if (found.length > 0) throw new ResponseLifecycleViolations(found, options.fullStacks === true);
    },
    clear() {
      seen = [];
    },
    stop() {
      if (stopped) return;
      stopped = true;
      diagnostics_channel.unsubscribe(VIOLATION_CHANNEL, onMessage);
      firstAnswerDemand.recorders -= 1;
    },
  };
}
