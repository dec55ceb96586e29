#!/usr/bin/env node
// The vitest part of `npm test`. Runs the whole suite against ESLint 10, then the tests that
// depend on the ESLint version again against ESLint 9 (the `eslint9` dev alias), each with
// vitest's JSON reporter beside the usual one, and prints the one plain line CI reads: "N passed, N failed". Exits non-zero on
// any failure, or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const eslint9Hook = path.resolve('scripts/eslint9/require-alias.cjs');
const allRuns = [
  { major: '10', name: 'ESLint 10', files: [], env: {} },
  {
    major: '9',
    name: 'ESLint 9',
    // Only the files whose outcome depends on the ESLint version: the rule tests (RuleTester), the
    // doc examples (Linter) and the alias check. The type, guard and e2e tests do not run ESLint
    // through the alias (editor-lsp.test.ts starts both majors itself), so a second run of them
    // would only repeat the first.
    files: ['tests/rules', 'tests/docs/rule-docs.test.ts', 'tests/eslint-version.test.ts'],
    env: { ESLINT_MAJOR: '9', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${eslint9Hook}`.trim() },
  },
];
// `--eslint=9` (npm run test:eslint9) or `--eslint=10` runs one of the two; other arguments go to vitest.
const only = process.argv.slice(2).find((arg) => arg.startsWith('--eslint='))?.slice('--eslint='.length);
const vitestArgs = process.argv.slice(2).filter((arg) => !arg.startsWith('--eslint='));
const runs = only ? allRuns.filter((run) => run.major === only) : allRuns;
if (runs.length === 0) throw new Error(`no ESLint ${only} run; there are ${allRuns.map((run) => run.major).join(' and ')}`);

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitFailed = false;
for (const [index, run] of runs.entries()) {
  const out = path.resolve(`.tmp/vitest-results-${index}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  console.log(`\n=== vitest (${run.name}) ===`);
  const child = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...run.files, ...vitestArgs],
    { stdio: 'inherit', env: { ...process.env, ...run.env } },
  );
  try {
    const results = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += results.numPassedTests;
    totals.failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
    totals.skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  } catch (error) {
    console.error(`could not read the vitest results of the ${run.name} run: ${error.message}`);
    totals.failed += 1;
  }
  if (child.status !== 0) exitFailed = true;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(exitFailed || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
