#!/usr/bin/env node
// The vitest part of `npm test`. Runs the whole suite against ESLint 10, then the rule and doc
// tests again against ESLint 9 (the `eslint9` dev alias), each with vitest's JSON reporter beside
// the usual one, and prints the one plain line CI reads: "N passed, N failed". Exits non-zero on
// any failure, or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const eslint9Hook = path.resolve('scripts/eslint9/require-alias.cjs');
const runs = [
  { name: 'ESLint 10', files: [], env: {} },
  {
    name: 'ESLint 9',
    files: ['tests/rules', 'tests/docs', 'tests/eslint-version.test.ts'],
    env: { ESLINT_MAJOR: '9', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${eslint9Hook}`.trim() },
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitFailed = false;
for (const [index, run] of runs.entries()) {
  const out = path.resolve(`.tmp/vitest-results-${index}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  console.log(`\n=== vitest (${run.name}) ===`);
  const child = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...run.files, ...process.argv.slice(2)],
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
