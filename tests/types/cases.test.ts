/**
 * The hand-written case files in tests/types/cases/: `// @ts-expect-error -- <text>` marks every
 * line that must fail, and nothing else may. Both compilers must accept the files as they are;
 * then, with the directives blanked out, each marked line must fail with a message containing
 * <text>, and no other line may fail.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILERS, runTsc, type Compiler } from './tsc.js';

const CASES = path.resolve('tests/types/cases');
const BLANKED = path.resolve('.tmp/type-cases/blanked');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error(?: -- (.*))?$/u;

interface Marked {
  file: string;
  /** The line that must fail (1-based). */
  line: number;
  text: string;
}

const files = readdirSync(CASES).filter((f) => f.endsWith('.ts'));
const marked: Marked[] = files.flatMap((file) =>
  readFileSync(path.join(CASES, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      const m = DIRECTIVE.exec(line);
      return m ? [{ file, line: i + 2, text: m[1] ?? '' }] : [];
    }),
);

beforeAll(() => {
  rmSync(BLANKED, { recursive: true, force: true });
  mkdirSync(BLANKED, { recursive: true });
  writeFileSync(
    path.join(BLANKED, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', include: ['*.ts'] }),
  );
  for (const file of files) {
    const text = readFileSync(path.join(CASES, file), 'utf8');
    // Same line numbers, same relative imports (both directories are three levels deep).
    writeFileSync(path.join(BLANKED, file), text.replace(/^(\s*)\/\/ @ts-expect-error.*$/gmu, '$1// (expected error below)'));
  }
});
afterAll(() => rmSync(BLANKED, { recursive: true, force: true }));

describe('tests/types/cases', () => {
  it('marks expected errors with the text they must show', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(marked.filter((m) => m.text.trim() === '')).toEqual([]);
    expect(marked.length).toBeGreaterThan(30);
  });

  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    it(`${compiler}: compiles with every @ts-expect-error used`, () => {
      expect(runTsc(compiler, path.join(CASES, 'tsconfig.json')).map((d) => `${d.file}:${d.line} ${d.text}`)).toEqual([]);
    });

    it(`${compiler}: fails exactly on the marked lines, with the marked text`, () => {
      const diagnostics = runTsc(compiler, path.join(BLANKED, 'tsconfig.json'));
      const at = (file: string, line: number) =>
        diagnostics.filter((d) => d.file === path.join(BLANKED, file) && d.line === line);
      const missing = marked
        .filter((m) => !at(m.file, m.line).some((d) => d.text.includes(m.text)))
        .map((m) => `${m.file}:${m.line} wanted "${m.text}", got ${JSON.stringify(at(m.file, m.line).map((d) => d.text))}`);
      const unexpected = diagnostics
        .filter((d) => !marked.some((m) => path.join(BLANKED, m.file) === d.file && m.line === d.line))
        .map((d) => `${path.basename(d.file)}:${d.line} TS${d.code} ${d.text}`);
      expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
    });
  }
});
