// The vitest recipe of docs/guard.md, run by tests/guard/recipes.test.ts with its own config
// (vitest.fixture.config.mjs): the first test must fail, the second pass.
import { afterEach, expect, test } from 'vitest';
import { recordViolations } from 'eslint-plugin-response-lifecycle/guard';
import { get } from './app.mjs';

const violations = recordViolations();
afterEach(() => violations.assertNone());

test('GET /twice answers 200', async () => {
  const { status } = await get('/twice');
  expect(status).toBe(200);
});

test('GET /once answers 200', async () => {
  const { status } = await get('/once');
  expect(status).toBe(200);
});
