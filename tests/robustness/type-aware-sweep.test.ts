import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import plugin from '../../src/index.js';

// The type-aware half of the crash sweep: every rule, with a real TypeScript program (the
// project service and this repository's tsconfig), over TypeScript this project compiles — the
// plugin's own sources, the typings and the tests — plus the odd-syntax fixture. An exception
// from a rule makes ESLint reject; a rule that silently lost its program would not crash, so the
// fixture's known bug must also be reported.
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('no rule crashes with type information', () => {
  it('lints the TypeScript sources with every rule and the project service', async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts', '**/*.tsx'],
          plugins: { 'response-lifecycle': plugin as never },
          linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
          languageOptions: {
            parser: tsParser as never,
            parserOptions: {
              projectService: { allowDefaultProject: ['tests/robustness/fixtures/*.ts*'] },
              tsconfigRootDir: ROOT,
            },
          },
          rules: Object.fromEntries(Object.keys(rules).map((id) => [`response-lifecycle/${id}`, 'error'])),
        },
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts', 'rules/**/*.ts', 'types/**/*.ts', 'tests/rules/*.ts', 'tests/robustness/fixtures/*.ts*']);
    const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}: ${m.message}`));
    expect(fatal).toEqual([]);
    expect(results.length).toBeGreaterThan(50);
    const jsx = results.find((r) => r.filePath.endsWith('jsx-handler.tsx'));
    expect(jsx?.messages.map((m) => m.ruleId)).toContain('response-lifecycle/content-length-in-bytes');
    const own = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('response-lifecycle/')));
    console.log(`type-aware sweep: ${results.length} files, ${own.length} reports from the plugin`);
  }, 300_000);
});
