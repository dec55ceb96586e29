import { createRequire } from 'node:module';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

// Guards the ESLint 9 run (npm run test:eslint9): if the alias silently stopped working, the
// "ESLint 9" run would test ESLint 10 again. Both the ESM import and the CommonJS require that
// @typescript-eslint/rule-tester uses must see the expected major.
const expected = process.env.ESLINT_MAJOR ?? '10';
const ruleTesterPath = createRequire(import.meta.url).resolve('@typescript-eslint/rule-tester');
const require = createRequire(ruleTesterPath);

describe('ESLint under test', () => {
  it(`is ESLint ${expected} for ESM imports`, () => {
    expect(Linter.version.split('.')[0]).toBe(expected);
  });

  it(`is ESLint ${expected} for the rule tester's require`, () => {
    const { Linter: RequiredLinter } = require('eslint') as typeof import('eslint');
    expect(RequiredLinter.version.split('.')[0]).toBe(expected);
  });
});
