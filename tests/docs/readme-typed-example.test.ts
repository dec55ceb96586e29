import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILERS, runTsc, type Compiler } from '../types/tsc.js';

// The README's typed-handler example, compiled as it stands (its import of
// 'eslint-plugin-response-lifecycle/types' resolves to the built package through its own exports;
// `npm test` builds dist/ first) by TypeScript 6 and 7. Each `// ^ error: <text>` comment claims the
// line above it fails with a message containing <text>; those lines and no others must fail.
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, '.tmp/readme-typed-example');

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Typed handlers'));
const example = /```ts\n([\s\S]*?)```/u.exec(section)?.[1] ?? '';
const claims = example.split('\n').flatMap((line, index) => {
  const claim = /^\s*\/\/ \^ error: (.*)$/u.exec(line);
  return claim ? [{ line: index, text: claim[1]!.replace(/\s*…$/u, '') }] : []; // index: 0-based, so the line above in 1-based terms
});

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, 'example.ts'), example);
  writeFileSync(
    path.join(DIR, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tests/types/cases/tsconfig.json', compilerOptions: { skipLibCheck: true }, include: ['example.ts'] }),
  );
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe("README's typed-handler example", () => {
  it('claims at least one compile error', () => {
    expect(example).toContain("from 'eslint-plugin-response-lifecycle/types'");
    expect(claims.length).toBeGreaterThan(0);
  });

  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    it(`${compiler} rejects exactly the lines the README says, with the message it quotes`, () => {
      const diagnostics = runTsc(compiler, path.join(DIR, 'tsconfig.json'));
      expect(diagnostics.map((d) => [path.basename(d.file), d.line])).toEqual(claims.map((c) => ['example.ts', c.line]));
      for (const [i, claim] of claims.entries()) expect(diagnostics[i]!.text).toContain(claim.text);
    });
  }
});
