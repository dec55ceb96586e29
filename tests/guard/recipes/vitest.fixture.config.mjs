// Runs only the vitest recipe fixture (the repository's own config would run the whole suite).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['tests/guard/recipes/vitest.fixture.mjs'], watch: false },
});
