import os from 'node:os';
import { defineConfig } from 'vitest/config';

// ESLINT_MAJOR=9 (set by scripts/run-tests.mjs) runs the suite against the `eslint9` alias:
// ESM imports are aliased here, CommonJS requires by scripts/eslint9/require-alias.cjs.
const eslint9 = process.env.ESLINT_MAJOR === '9';

export default defineConfig({
  resolve: eslint9 ? { alias: [{ find: /^eslint(\/.*)?$/u, replacement: 'eslint9$1' }] } : {},
  test: {
    globals: true,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/e2e/scratch-root.global.ts'],
    // Vitest's default is one worker fewer than the cores: a single worker on CI's 2 cores, where
    // many files spend much of their time waiting on child processes (tsc, npm, servers, the
    // language server) with the other core idle. One worker per core, and never fewer than two.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 60_000,
    maxConcurrency: 20,
    hookTimeout: 60_000,
  },
});
