import type { RuleId } from '../lifecycle/index.js';

/** One misuse of a response, as the guard saw it at run time. */
export interface Violation {
  /** The lint rule the misuse breaks: the same ids as the ESLint rules. */
  readonly rule: RuleId;
  readonly message: string;
  /** The offending call, e.g. `res.setHeader()`, `res.statusCode =`, `next()`. */
  readonly operation: string;
  /** Where the misuse happened (a stack trace, the offending call on top). */
  readonly stack: string;
  /** Where the response sent its head or ended first, or `undefined` when that was not recorded. */
  readonly firstStack: string | undefined;
  readonly request: { readonly method: string | undefined; readonly url: string | undefined };
}

/** Thrown in `'throw'` mode at the misuse; carries the same fields as the reported Violation. */
export class ResponseLifecycleError extends Error implements Violation {
  readonly rule: RuleId;
  readonly operation: string;
  readonly firstStack: string | undefined;
  readonly request: Violation['request'];
  declare readonly stack: string;

  constructor(violation: Violation) {
    super(violation.message);
    this.name = 'ResponseLifecycleError';
    this.rule = violation.rule;
    this.operation = violation.operation;
    this.firstStack = violation.firstStack;
    this.request = violation.request;
    // Point the error's own stack at the misuse, not at the guard's internals.
    Object.defineProperty(this, 'stack', { value: violation.stack, writable: true, configurable: true });
  }
}

/** The top frame of a captured stack, without "at ": `handler (/app/routes.js:14:9)`. */
export function callSite(stack: string | undefined): string | undefined {
  const line = stack?.split('\n').find((l) => l.startsWith('    at '));
  return line?.slice('    at '.length);
}

/** "file:line:col" of the top frame of a captured stack, for `{{where}}` in messages. */
export function topFrame(stack: string | undefined): string | undefined {
  const site = callSite(stack);
  if (site === undefined) return undefined;
  const inParens = /\(([^()]+)\)$/u.exec(site);
  return inParens ? inParens[1] : site;
}

/** The rules whose violations have a first answer to point at. */
const HAS_FIRST_ANSWER: ReadonlySet<string> = new Set(['no-double-send', 'no-header-after-send', 'no-write-after-end']);

/**
 * A violation as a person reads it once: one line (rule, request, message), then the two call
 * sites (the late call, the first answer), or both full stacks with `fullStacks`; `require-end`
 * (no late call) is the line alone.
 */
export function describeViolation(violation: Violation, fullStacks = false): string {
  const { method, url } = violation.request;
  const head = `${violation.rule} (${method ?? '?'} ${url ?? '?'}): ${violation.message}`;
  // A response never finished has no call of the program's to point at.
  if (violation.rule === 'require-end') return head;
  const lines = [head];
  const hasFirst = HAS_FIRST_ANSWER.has(violation.rule);
  if (fullStacks) {
    lines.push(`  late call:\n${frames(violation.stack)}`);
    if (hasFirst) lines.push(violation.firstStack ? `  first answer:\n${frames(violation.firstStack)}` : '  first answer: not recorded');
  } else {
    lines.push(`  late call:    ${callSite(violation.stack) ?? '?'}`);
    if (hasFirst) lines.push(`  first answer: ${callSite(violation.firstStack) ?? 'not recorded'}`);
  }
  return lines.join('\n');
}

/** The default `onViolation`: the readable report on stderr. */
export function printViolation(violation: Violation, fullStacks = false): void {
  console.error(`[response guard] ${describeViolation(violation, fullStacks)}`);
}

function frames(stack: string): string {
  return stack
    .split('\n')
    .filter((l) => l.startsWith('    at '))
    .join('\n');
}
