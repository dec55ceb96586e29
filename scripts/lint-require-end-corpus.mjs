#!/usr/bin/env node
// Runs require-end (built: from dist/ after `npm run build`, or from $DIST) over every source file
// under the given directories, without type information, and prints each report with the
// function head and the line where the unanswered path returns, then the figures: files, handler
// functions the analysis saw, reports per message id, crashes. A person judges every report.
//   node scripts/lint-require-end-corpus.mjs node_modules/express node_modules/router [--express4]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { sourceFiles } from './corpus-files.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
const rule = (await import(path.join(dist, 'rules/require-end.js'))).default;
const { subscribeToAnalysis } = await import(path.join(dist, 'src/analysis/index.js'));

const coverage = { handlers: 0, registered: 0 };
const probe = {
  meta: { type: 'problem', schema: [] },
  create: (context) =>
    subscribeToAnalysis(context, {}, (file) => {
      for (const fn of file.functions) {
        if (fn.handler) coverage.handlers += 1;
        if (fn.handler?.registered) coverage.registered += 1;
      }
    }),
};

const args = process.argv.slice(2);
const express4AsyncRejections = args.includes('--express4');
const roots = args.filter((arg) => !arg.startsWith('--'));

const linter = new Linter({ configType: 'flat' });
const config = (sourceType, parser) => [
  {
    files: ['**/*.js', '**/*.ts'],
    plugins: { rl: { rules: { 'require-end': rule, probe } } },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    languageOptions: { ecmaVersion: 'latest', sourceType, ...(parser ? { parser } : {}) },
    rules: { 'rl/require-end': ['error', { express4AsyncRejections }], 'rl/probe': 'error' },
  },
];

const totals = { files: 0, reports: 0, crashes: 0, unparsable: 0 };
const perMessage = {};
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const code = readFileSync(file, 'utf8');
    totals.files += 1;
    const isTs = /ts$/u.test(file);
    let messages;
    try {
      messages = linter.verify(code, config(file.endsWith('.cjs') ? 'commonjs' : 'module', isTs ? tsParser : undefined), {
        filename: isTs ? 'file.ts' : 'file.js',
      });
      if (messages.some((m) => m.fatal) && !isTs) messages = linter.verify(code, config('script'), { filename: 'file.js' });
    } catch (error) {
      totals.crashes += 1;
      console.log(`CRASH ${file}: ${String(error.message).split('\n')[0]}`);
      continue;
    }
    if (messages.some((m) => m.fatal)) {
      totals.unparsable += 1;
      continue;
    }
    const lines = code.split('\n');
    for (const m of messages) {
      if (m.ruleId === null) {
        if (m.severity === 1) continue;
        totals.crashes += 1;
        console.log(`CRASH ${file}: ${m.message}`);
        continue;
      }
      totals.reports += 1;
      perMessage[m.messageId] = (perMessage[m.messageId] ?? 0) + 1;
      const where = /returns at line (\d+)/u.exec(m.message);
      console.log(`${file}:${m.line}:${m.column} (${m.messageId}${where ? ` -> line ${where[1]}` : ''})`);
      console.log(`    ${lines[m.line - 1]?.trim()}`);
      if (where) console.log(`    ${where[1]}: ${lines[Number(where[1]) - 1]?.trim()}`);
    }
  }
}
console.log(
  `files ${totals.files}, handler functions ${coverage.handlers} (registered ${coverage.registered}), reports ${totals.reports} ` +
    `(${Object.entries(perMessage).map(([id, n]) => `${id} ${n}`).join(', ') || 'none'}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
