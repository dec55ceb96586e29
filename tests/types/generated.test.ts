import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPE_MODEL_PATH, renderTypeModel } from '../../scripts/type-model.js';

// `npm run generate:types` sets UPDATE_TYPE_MODEL=1 to rewrite the file instead of comparing.
describe('types/generated/lifecycle.ts', () => {
  it('matches the lifecycle model (run `npm run generate:types` after changing src/lifecycle)', () => {
    const fresh = renderTypeModel();
    if (process.env['UPDATE_TYPE_MODEL'] === '1') writeFileSync(GENERATED_TYPE_MODEL_PATH, fresh);
    expect(readFileSync(GENERATED_TYPE_MODEL_PATH, 'utf8')).toBe(fresh);
  });
});
