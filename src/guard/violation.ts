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

/** "file:line:col" of the top frame of a captured stack, for `{{where}}` in messages. */
export function topFrame(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const line = stack.split('\n').find((l) => l.startsWith('    at '));
  if (!line) return undefined;
  const inParens = /\(([^()]+)\)$/u.exec(line);
  return inParens ? inParens[1] : line.slice('    at '.length);
}

/** The default `onViolation`: a readable report on stderr. */
export function printViolation(violation: Violation): void {
  const first = violation.firstStack ? `\nFirst sent/ended:\n${indentFrames(violation.firstStack)}` : '';
  console.error(
    `[response guard] ${violation.rule}: ${violation.message}\n` +
      `  request: ${violation.request.method ?? '?'} ${violation.request.url ?? '?'}\n` +
      `Misuse:\n${indentFrames(violation.stack)}${first}`,
  );
}

function indentFrames(stack: string): string {
  return stack
    .split('\n')
    .filter((l) => l.startsWith('    at '))
    .join('\n');
}
