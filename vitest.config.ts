import { defineConfig } from 'vitest/config';

// ESLINT_MAJOR=9 (set by scripts/test-eslint9.mjs) runs the suite against the `eslint9` alias:
// ESM imports are aliased here, CommonJS requires by scripts/eslint9/require-alias.cjs.
const eslint9 = process.env.ESLINT_MAJOR === '9';

export default defineConfig({
  resolve: eslint9 ? { alias: [{ find: /^eslint(\/.*)?$/u, replacement: 'eslint9$1' }] } : {},
  test: {
    globals: true,
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    maxConcurrency: 20,
    hookTimeout: 60_000,
  },
});
