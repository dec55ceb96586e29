#!/usr/bin/env node
// Runs content-length-in-bytes (built, from dist/; run `npm run build` first) over every
// .js/.cjs/.mjs/.ts file under the given directories, without type information, and prints each
// report with its source line, then the files linted, lines, reports and crashes, so that a person
// can judge every report.
//   node scripts/lint-content-length-corpus.mjs node_modules [more dirs…] [--unknown=false]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { sourceFiles } from './corpus-files.mjs';

const { default: rule } = await import(path.resolve('dist/rules/content-length-in-bytes.js'));

const args = process.argv.slice(2);
const reportUnknownOrigin = !args.includes('--unknown=false');
const roots = args.filter((arg) => !arg.startsWith('--'));
if (roots.length === 0) roots.push('node_modules');

const linter = new Linter({ configType: 'flat' });
const plugin = { rules: { 'content-length-in-bytes': rule } };
const totals = { files: 0, lines: 0, reports: 0, fixes: 0, suggestions: 0, crashes: 0, unparsable: 0 };
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const code = readFileSync(file, 'utf8');
    totals.files += 1;
    totals.lines += code.split('\n').length;
    const isTs = /ts$/u.test(file);
    let messages;
    try {
      messages = linter.verify(
        code,
        [
          {
            files: ['**/*.js', '**/*.ts'],
            plugins: { rl: plugin },
            linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
            languageOptions: {
              ecmaVersion: 'latest',
              sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module',
              ...(isTs ? { parser: tsParser } : {}),
            },
            rules: { 'rl/content-length-in-bytes': ['error', { reportUnknownOrigin }] },
          },
        ],
        { filename: isTs ? 'file.ts' : 'file.js' },
      );
    } catch (error) {
      totals.crashes += 1;
      console.log(`CRASH ${file}: ${error.message.split('\n')[0]}`);
      continue;
    }
    if (messages.some((m) => m.fatal)) {
      // old sloppy-mode files: retry as scripts before giving up
      messages = linter.verify(
        code,
        [
          {
            files: ['**/*.js', '**/*.ts'],
            plugins: { rl: plugin },
            linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
            languageOptions: { ecmaVersion: 'latest', sourceType: 'script' },
            rules: { 'rl/content-length-in-bytes': ['error', { reportUnknownOrigin }] },
          },
        ],
        { filename: 'file.js' },
      );
      if (messages.some((m) => m.fatal)) {
        totals.unparsable += 1;
        continue;
      }
    }
    const lines = code.split('\n');
    for (const m of messages.filter((msg) => msg.ruleId === 'rl/content-length-in-bytes')) {
      totals.reports += 1;
      if (m.fix) totals.fixes += 1;
      else if (m.suggestions?.length) totals.suggestions += 1;
      console.log(`${file}:${m.line}:${m.column} [${m.fix ? 'fix' : 'suggestion'}] ${(lines[m.line - 1] ?? '').trim().slice(0, 160)}`);
    }
  }
}
console.log(
  `files ${totals.files}, lines ${totals.lines}, reports ${totals.reports} (fix ${totals.fixes}, suggestion ${totals.suggestions}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
