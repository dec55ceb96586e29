// Preloaded (NODE_OPTIONS=--require) when the suite runs against ESLint 9: every CommonJS
// `require('eslint')` / `require('eslint/...')` (e.g. inside @typescript-eslint/rule-tester) is
// resolved to the `eslint9` alias package instead. ESM imports are aliased in vitest.config.ts.
const Module = require('node:module');

const original = Module._resolveFilename;
Module._resolveFilename = function resolveEslint9(request, ...rest) {
  if (request === 'eslint' || request.startsWith('eslint/')) {
    request = 'eslint9' + request.slice('eslint'.length);
  }
  return original.call(this, request, ...rest);
};
