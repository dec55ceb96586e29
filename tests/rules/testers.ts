import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

// RuleTester needs the test framework's hooks; every rule test imports this module, so they are
// wired here rather than in a setup file, which would load the rule tester (ESLint, the parser,
// TypeScript) into the guard, type and e2e test files too, a second or so of CPU each.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A rule as RuleTester takes it: rule-tester 8.72 carries its own copy of @typescript-eslint/utils' types; the rules are built with 8.73's. */
export function testable(rule: unknown): Parameters<RuleTester['run']>[1] {
  return rule as Parameters<RuleTester['run']>[1];
}

/** Plain JS through espree: no parser services at all. */
export function jsTester(): RuleTester {
  return new RuleTester({ languageOptions: { parser: espree as never, ecmaVersion: 'latest', sourceType: 'module' } });
}

/** TypeScript syntax without a program: annotations only. */
export function tsTester(): RuleTester {
  return new RuleTester();
}

/** TypeScript with a program (the project service over tests/fixtures/<fixture>): the type checker decides. */
export function typedTester(fixture: string): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts*'] },
        tsconfigRootDir: path.join(import.meta.dirname, '../fixtures', fixture),
      },
    },
  });
}

/** The one suggestion each state rule offers (see src/analysis/lifecycle-rule.ts). */
const SUGGESTION_OF = {
  'no-double-send': 'addReturn',
  'no-header-after-send': 'moveBeforeSend',
  'no-write-after-end': 'moveBeforeEnd',
} as const;

/**
 * An expected report of a rule on the shared analysis (no-double-send, no-header-after-send,
 * no-write-after-end), with the data every one of their messages carries and, when given, the
 * output of the rule's suggestion (`addReturn`, or moving the late statement before the first send
 * or end); without it, the report must offer no suggestion.
 */
export function lifecycleError<Id extends string>(
  messageId: Id,
  line: number,
  operation: string,
  first: string,
  firstLine: number,
  suggestion?: string,
  rule: keyof typeof SUGGESTION_OF = 'no-double-send',
) {
  const suggestionId = SUGGESTION_OF[rule];
  const suggestionData = suggestionId === 'addReturn' ? { line: firstLine } : { first, line: firstLine };
  return {
    messageId,
    line,
    data: { operation, first, where: `on line ${firstLine}` },
    suggestions: suggestion === undefined ? [] : [{ messageId: suggestionId, data: suggestionData, output: suggestion }],
  };
}

/** Shorthands for the state rules' reports (the suggestion's output only where one is expected). */
export const stateError = {
  head: (line: number, operation: string, first: string, firstLine: number, messageId: 'headAfterSend' | 'headMayBeAfterSend' = 'headAfterSend', output?: string) =>
    lifecycleError(messageId, line, operation, first, firstLine, output, 'no-header-after-send'),
  write: (line: number, operation: string, first: string, firstLine: number, messageId: 'writeAfterEnd' | 'writeMayBeAfterEnd' = 'writeAfterEnd', output?: string) =>
    lifecycleError(messageId, line, operation, first, firstLine, output, 'no-write-after-end'),
  twice: (line: number, operation: string, first: string, firstLine: number, output?: string, messageId: 'alreadyFinished' | 'mayBeFinished' = 'alreadyFinished') =>
    lifecycleError(messageId, line, operation, first, firstLine, output, 'no-double-send'),
};
