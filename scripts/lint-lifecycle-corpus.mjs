#!/usr/bin/env node
// Runs the three path rules (no-double-send, no-header-after-send, no-write-after-end; built, from
// dist/: run `npm run build` first) together over every .js/.cjs/.mjs/.ts file under the given
// directories, without type information, and prints each report with its source line, then the
// files linted, reports per rule and crashes, so that a person can judge every report.
//   node scripts/lint-lifecycle-corpus.mjs bench/corpus/lifecycle [more dirs…] [--definite-only]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

const RULE_IDS = ['no-double-send', 'no-header-after-send', 'no-write-after-end'];
// The build to load: `dist` (npm run build), or another outDir given in LIFECYCLE_DIST.
const DIST = process.env.LIFECYCLE_DIST ?? 'dist';
const rules = Object.fromEntries(
  await Promise.all(RULE_IDS.map(async (id) => [id, (await import(path.resolve(DIST, `rules/${id}.js`))).default])),
);

// A probe rule on the same shared analysis: how much of the corpus the rules actually looked at.
const { subscribeToAnalysis } = await import(path.resolve(DIST, 'src/analysis/index.js'));
const coverage = { handlers: 0, touching: 0 };
rules['coverage-probe'] = {
  meta: { type: 'problem', schema: [] },
  create: (context) =>
    subscribeToAnalysis(context, {}, (file) => {
      for (const fn of file.functions) {
        if (fn.handler) coverage.handlers += 1;
        if (fn.touchesResponse) coverage.touching += 1;
      }
    }),
};

const args = process.argv.slice(2);
const definiteOnly = args.includes('--definite-only');
const roots = args.filter((arg) => !arg.startsWith('--'));
if (roots.length === 0) roots.push('bench/corpus/lifecycle');

function* sourceFiles(dir) {
  if (statSync(dir).isFile()) {
    yield dir;
    return;
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(?:c|m)?js$|(?<!\.d)\.(?:c|m)?ts$/u.test(entry.name) && statSync(full).size < 2_000_000) yield full;
  }
}

const linter = new Linter({ configType: 'flat' });
const config = (sourceType, parser) => [
  {
    files: ['**/*.js', '**/*.ts'],
    plugins: { rl: { rules } },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    languageOptions: { ecmaVersion: 'latest', sourceType, ...(parser ? { parser } : {}) },
    rules: {
      ...Object.fromEntries(RULE_IDS.map((id) => [`rl/${id}`, ['error', { definiteOnly }]])),
      'rl/coverage-probe': 'error',
    },
  },
];

const totals = { files: 0, lines: 0, reports: 0, crashes: 0, unparsable: 0 };
const perRule = Object.fromEntries(RULE_IDS.map((id) => [id, 0]));
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const code = readFileSync(file, 'utf8');
    totals.files += 1;
    totals.lines += code.split('\n').length;
    const isTs = /ts$/u.test(file);
    let messages;
    try {
      messages = linter.verify(code, config(file.endsWith('.cjs') ? 'commonjs' : 'module', isTs ? tsParser : undefined), {
        filename: isTs ? 'file.ts' : 'file.js',
      });
      // old sloppy-mode files: retry as scripts before giving up
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
        if (m.severity === 1) continue; // e.g. inline directives ignored because of noInlineConfig
        totals.crashes += 1;
        console.log(`CRASH ${file}: ${m.message}`);
        continue;
      }
      totals.reports += 1;
      perRule[m.ruleId.replace('rl/', '')] += 1;
      console.log(`${file}:${m.line}:${m.column} ${m.ruleId.replace('rl/', '')} (${m.messageId})`);
      console.log(`    ${lines[m.line - 1]?.trim()}`);
      console.log(`    ${m.message}`);
    }
  }
}
console.log(
  `files ${totals.files}, lines ${totals.lines}, handler functions ${coverage.handlers}, functions touching a response ${coverage.touching}, ` +
    `reports ${totals.reports} (${RULE_IDS.map((id) => `${id} ${perRule[id]}`).join(', ')}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
