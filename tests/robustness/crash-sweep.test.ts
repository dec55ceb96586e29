import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { allPackages, foreignFiles, lintWithEveryRule, spread, sweep, type SweepResult } from './sweep.js';

// `npm test` lints a spread sample of foreign code; `npm run stress` (STRESS=1) lints all of it.
const STRESS = process.env.STRESS === '1';
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('no rule crashes on foreign code', () => {
  it(`lints ${STRESS ? 'every file of' : 'a sample of'} the installed packages with every rule, without an exception`, () => {
    // The stress run takes every installed package (over a million lines); npm test a spread sample.
    const files = foreignFiles(ROOT, STRESS ? allPackages(ROOT) : undefined);
    expect(files.length).toBeGreaterThan(1000);
    const result = STRESS ? sweep(files) : sweep(spread(files, 600), 150_000);
    console.log(
      `crash sweep: ${result.files} files, ${result.lines} lines, ${result.parseErrors} unparsable, ` +
        `${Object.keys(rules).length} rules, reports ${JSON.stringify(result.reports)}`,
    );
    expect(result.crashes).toEqual([]);
    expect(Object.keys(rules).length).toBeGreaterThanOrEqual(6);
    expect(result.lines).toBeGreaterThan(STRESS ? 500_000 : 50_000);
  }, 600_000);
});

describe('the sweep really runs the rules', () => {
  it('reports a known bug in a file under node_modules (flat config would otherwise ignore it)', () => {
    const result: SweepResult = { files: 1, lines: 0, parseErrors: 0, reports: {}, crashes: [] };
    const file = path.join(ROOT, 'node_modules', 'some-package', 'server.js');
    const code = "app.get('/', (req, res) => {\n  res.send('a');\n  res.send('b');\n});\n";
    lintWithEveryRule(new Linter({ configType: 'flat' }), file, code, result);
    expect(result.reports).toEqual({ 'response-lifecycle/no-double-send': 1 });
  });
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
