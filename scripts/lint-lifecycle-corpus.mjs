#!/usr/bin/env node
// Runs the three path rules (no-double-send, no-header-after-send, no-write-after-end; built, from
// dist/: run `npm run build` first) together over every .js/.cjs/.mjs/.ts file under the given
// directories, without type information, and prints each report with its source line, then the
// files linted, reports per rule and crashes, so that a person can judge every report. Without a
// directory it lints the development corpus that `npm run bench:real` extracts (bench/.cache/real).
//   node scripts/lint-lifecycle-corpus.mjs [dir…] [--definite-only]
import path from 'node:path';
import { analysisCoverageProbe, corpusRoots, lintCorpus } from './corpus-lint.mjs';

const RULE_IDS = ['no-double-send', 'no-header-after-send', 'no-write-after-end'];
// The build to load: `dist` (npm run build), or another outDir given in LIFECYCLE_DIST.
const DIST = process.env.LIFECYCLE_DIST ?? 'dist';
const rules = Object.fromEntries(
  await Promise.all(RULE_IDS.map(async (id) => [id, (await import(path.resolve(DIST, `rules/${id}.js`))).default])),
);
// A probe rule on the same shared analysis: how much of the corpus the rules actually looked at.
const { subscribeToAnalysis } = await import(path.resolve(DIST, 'src/analysis/index.js'));
const probe = analysisCoverageProbe(subscribeToAnalysis);
rules['coverage-probe'] = probe.rule;

const args = process.argv.slice(2);
const definiteOnly = args.includes('--definite-only');
const roots = corpusRoots(args, 'node scripts/lint-lifecycle-corpus.mjs [dir…] [--definite-only]');

const perRule = Object.fromEntries(RULE_IDS.map((id) => [id, 0]));
const settings = { ...Object.fromEntries(RULE_IDS.map((id) => [id, ['error', { definiteOnly }]])), 'coverage-probe': 'error' };
const totals = lintCorpus(roots, { rules, settings }, ({ file, lines, message: m, ruleId }) => {
  perRule[ruleId] += 1;
  console.log(`${file}:${m.line}:${m.column} ${ruleId} (${m.messageId})`);
  console.log(`    ${lines[m.line - 1]?.trim()}`);
  console.log(`    ${m.message}`);
});
console.log(
  `files ${totals.files}, lines ${totals.lines}, handler functions ${probe.coverage.handlers}, functions touching a response ${probe.coverage.touching}, ` +
    `reports ${totals.reports} (${RULE_IDS.map((id) => `${id} ${perRule[id]}`).join(', ')}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
