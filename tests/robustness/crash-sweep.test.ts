import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { foreignFiles, lintWithEveryRule, spread, sweep, type SweepResult } from './sweep.js';

// `npm test` lints a spread sample of foreign code; `npm run stress` (STRESS=1) lints all of it.
const STRESS = process.env.STRESS === '1';
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('no rule crashes on foreign code', () => {
  it(`lints ${STRESS ? 'every file of' : 'a sample of'} the installed packages with every rule, without an exception`, () => {
    const files = foreignFiles(ROOT);
    expect(files.length).toBeGreaterThan(1000);
    const result = STRESS ? sweep(files) : sweep(spread(files, 600), 150_000);
    console.log(
      `crash sweep: ${result.files} files, ${result.lines} lines, ${result.parseErrors} unparsable, ` +
        `${Object.keys(rules).length} rules, reports ${JSON.stringify(result.reports)}`,
    );
    expect(result.crashes).toEqual([]);
    expect(result.lines).toBeGreaterThan(STRESS ? 500_000 : 50_000);
  }, 600_000);
});

describe('no rule crashes on odd syntax', () => {
  const dir = path.join(import.meta.dirname, 'fixtures');
  for (const file of readdirSync(dir).sort()) {
    it(file, () => {
      const result: SweepResult = { files: 1, lines: 0, parseErrors: 0, reports: {}, crashes: [] };
      lintWithEveryRule(new Linter({ configType: 'flat' }), path.join(dir, file), readFileSync(path.join(dir, file), 'utf8'), result);
      expect(result.crashes).toEqual([]);
      expect(result.parseErrors).toBe(0);
    });
  }
});
