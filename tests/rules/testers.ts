import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

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

/**
 * An expected report of a rule on the shared analysis (no-double-send, no-header-after-send,
 * no-write-after-end), with the data every one of their messages carries and, when given, the
 * `addReturn` suggestion's output.
 */
export function lifecycleError<Id extends string>(
  messageId: Id,
  line: number,
  operation: string,
  first: string,
  firstLine: number,
  suggestion?: string,
) {
  return {
    messageId,
    line,
    data: { operation, first, where: `on line ${firstLine}` },
    suggestions: suggestion === undefined ? [] : [{ messageId: 'addReturn' as const, data: { line: firstLine }, output: suggestion }],
  };
}
