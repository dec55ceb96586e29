/**
 * The typings as users import them: `eslint-plugin-response-lifecycle/types`, resolved through the
 * package's `exports` to the built dist/types (npm test builds before running vitest).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILERS, runTsc, type Compiler } from './tsc.js';

const DIR = path.resolve('.tmp/type-cases/consumer');

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(
    path.join(DIR, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', include: ['*.ts'] }),
  );
  writeFileSync(
    path.join(DIR, 'app.ts'),
    [
      "import express from 'express';",
      "import type { Res } from 'eslint-plugin-response-lifecycle/types';",
      'express().get("/", (req, res: Res) => {',
      '  res.json({});',
      '  // @ts-expect-error -- refused after the response finished',
      '  res.status(500);',
      '});',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('the ./types export', () => {
  it('is built', () => {
    expect(existsSync('dist/types/index.d.ts'), 'run `npm run build` first').toBe(true);
  });
  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    it(`${compiler}: resolves and checks through the package name`, () => {
      expect(runTsc(compiler, path.join(DIR, 'tsconfig.json')).map((d) => `${d.line} ${d.text}`)).toEqual([]);
    });
    // Users without skipLibCheck check the package's declarations too (issue 18, point 5; the
    // older @types versions of the peer range are checked by scripts/peer-range.mjs, which needs
    // the network).
    it(`${compiler}: the package's declarations compile without skipLibCheck`, () => {
      const diagnostics = runTsc(compiler, path.join(DIR, 'tsconfig.json'), ['--skipLibCheck', 'false']);
      expect(diagnostics.filter((d) => /[\\/]dist[\\/]types[\\/]/u.test(d.file) || d.file.endsWith('app.ts')).map((d) => `${d.file}:${d.line} ${d.text}`)).toEqual([]);
    });
  }
});
