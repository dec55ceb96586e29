// The node:test recipe of docs/guard.md, run by tests/guard/recipes.test.ts as a child process:
// `node --test` must fail the first test (the handler answers twice) and pass the second.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { recordViolations } from 'eslint-plugin-response-lifecycle/guard';
import { get } from './app.mjs';

const violations = recordViolations();
afterEach(() => violations.assertNone());

test('GET /twice answers 200', async () => {
  const { status } = await get('/twice');
  assert.equal(status, 200); // passes: the first answer stands; the violation fails the test
});

test('GET /once answers 200', async () => {
  const { status } = await get('/once');
  assert.equal(status, 200);
});
