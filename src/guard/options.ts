import type { Violation } from './violation.js';

/**
 * `'drop'` (the default): report, then drop the late call (the first answer stands).
 * `'throw'`: report, then throw a ResponseLifecycleError at the late call (development, tests that want it).
 * `'report'`: report only; Node and Express behave exactly as without the guard.
 */
export type GuardMode = 'drop' | 'throw' | 'report';
export type FirstStackPolicy = 'always' | 'after-first-violation';

export interface GuardOptions {
  /**
   * What happens after a violation is reported. Default `'drop'` in every environment: the late
   * call becomes a no-op (`next()` is still called), so a bug in a callback cannot crash the process.
   */
  mode?: GuardMode;
  /** Called once per violation in every mode. Default: `console.error` of a readable report. */
  onViolation?: (violation: Violation) => void;
  /** The default report prints the two call sites; `true` prints both full stacks instead. */
  fullStacks?: boolean;
  /** Milliseconds after the request arrived by which the response must be finished. Default: off. */
  endTimeout?: number | false;
  /** Compare a declared Content-Length with the bytes written. Default: on. */
  contentLength?: boolean;
  /**
   * When to record where a response sent its head or ended (`firstStack`). Recording means a
   * one-frame stack capture at every response's first send: about 4–5 µs per response on Node 20
   * (a third of a hello-world node:http request), and no cheaper way to know a call site exists.
   * `'throw'` mode (development and tests, where the first report must say where the response was
   * sent first) records always; `'drop'` and `'report'` (staging, production, where throughput
   * matters) record only once this guard has seen a violation, or while a test's
   * `recordViolations()` is on, so without those the first report says how to get the first call.
   * Default: `'always'` in `'throw'` mode, `'after-first-violation'` otherwise.
   */
  firstStack?: FirstStackPolicy;
}

export interface ResolvedOptions {
  readonly mode: GuardMode;
  readonly onViolation: (violation: Violation) => void;
  readonly fullStacks: boolean;
  readonly endTimeout: number | undefined;
  readonly contentLength: boolean;
  /** Mutable: `'after-first-violation'` turns into recording once a violation was seen. */
  recordFirst: boolean;
}

interface OptionSpec {
  readonly accepted: string;
  readonly valid: (value: unknown) => boolean;
}

const SPECS: Readonly<Record<keyof GuardOptions, OptionSpec>> = {
  mode: { accepted: "'drop', 'throw' or 'report'", valid: (v) => v === 'drop' || v === 'throw' || v === 'report' },
  onViolation: { accepted: 'a function (violation) => void', valid: (v) => typeof v === 'function' },
  fullStacks: { accepted: 'true or false', valid: (v) => typeof v === 'boolean' },
  endTimeout: {
    accepted: 'a positive finite number of milliseconds, or false',
    valid: (v) => v === false || (typeof v === 'number' && Number.isFinite(v) && v > 0),
  },
  contentLength: { accepted: 'true or false', valid: (v) => typeof v === 'boolean' },
  firstStack: {
    accepted: "'always' or 'after-first-violation'",
    valid: (v) => v === 'always' || v === 'after-first-violation',
  },
};

/** Validate options at set-up time; a wrong option fails loudly here, never at request time. */
export function resolveOptions(
  options: unknown,
  defaultReport: (violation: Violation, fullStacks: boolean) => void,
): ResolvedOptions {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`response guard: options must be an object, got ${describe(options)}`);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    const spec = Object.hasOwn(SPECS, key) ? SPECS[key as keyof GuardOptions] : undefined;
    if (!spec) {
      throw new TypeError(
        `response guard: unknown option "${key}"; accepted options are ${Object.keys(SPECS).join(', ')}`,
      );
    }
    if (given[key] !== undefined && !spec.valid(given[key])) {
      throw new TypeError(`response guard: option "${key}" must be ${spec.accepted}, got ${describe(given[key])}`);
    }
  }
  // Only own properties count: an option inherited from a (polluted) Object.prototype would skip
  // validation and could, for `onViolation`, receive every violation.
  const opts = Object.assign(Object.create(null) as GuardOptions, given);
  // The same default everywhere: a server started without NODE_ENV is not a development machine.
  const mode = opts.mode ?? 'drop';
  const firstStack = opts.firstStack ?? (mode === 'throw' ? 'always' : 'after-first-violation');
  const fullStacks = opts.fullStacks ?? false;
  return {
    mode,
    onViolation: opts.onViolation ?? ((violation) => defaultReport(violation, fullStacks)),
    fullStacks,
    endTimeout: typeof opts.endTimeout === 'number' ? opts.endTimeout : undefined,
    contentLength: opts.contentLength ?? true,
    recordFirst: firstStack === 'always',
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return String(value);
}
