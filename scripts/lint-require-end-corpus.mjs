#!/usr/bin/env node
// Runs require-end (built: from dist/ after `npm run build`, or from $DIST) over every source file
// under the given directories, without type information, and prints each report with the
// function head and the line where the unanswered path returns, then the figures: files, handler
// functions the analysis saw, reports per message id, crashes. A person judges every report.
// Without a directory it lints the development corpus that `npm run bench:real` extracts.
//   node scripts/lint-require-end-corpus.mjs node_modules/express node_modules/router [--express4]
import path from 'node:path';
import { analysisCoverageProbe, corpusRoots, lintCorpus } from './corpus-lint.mjs';

const dist = path.resolve(process.env.DIST ?? 'dist');
const rule = (await import(path.join(dist, 'rules/require-end.js'))).default;
const { subscribeToAnalysis } = await import(path.join(dist, 'src/analysis/index.js'));
const probe = analysisCoverageProbe(subscribeToAnalysis);

const args = process.argv.slice(2);
const express4AsyncRejections = args.includes('--express4');
const roots = corpusRoots(args, 'node scripts/lint-require-end-corpus.mjs [dir…] [--express4]');

const perMessage = {};
const totals = lintCorpus(
  roots,
  { rules: { 'require-end': rule, probe: probe.rule }, settings: { 'require-end': ['error', { express4AsyncRejections }], probe: 'error' } },
  ({ file, lines, message: m }) => {
    perMessage[m.messageId] = (perMessage[m.messageId] ?? 0) + 1;
    const where = /returns at line (\d+)/u.exec(m.message);
    console.log(`${file}:${m.line}:${m.column} (${m.messageId}${where ? ` -> line ${where[1]}` : ''})`);
    console.log(`    ${lines[m.line - 1]?.trim()}`);
    if (where) console.log(`    ${where[1]}: ${lines[Number(where[1]) - 1]?.trim()}`);
  },
);
console.log(
  `files ${totals.files}, handler functions ${probe.coverage.handlers} (registered ${probe.coverage.registered}), reports ${totals.reports} ` +
    `(${Object.entries(perMessage).map(([id, n]) => `${id} ${n}`).join(', ') || 'none'}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
