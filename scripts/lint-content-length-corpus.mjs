#!/usr/bin/env node
// Runs content-length-in-bytes (built, from dist/; run `npm run build` first) over every
// .js/.cjs/.mjs/.ts file under the given directories, without type information, and prints each
// report with its source line, then the files linted, lines, reports and crashes, so that a person
// can judge every report.
//   node scripts/lint-content-length-corpus.mjs node_modules [more dirs…] [--unknown=false]
import path from 'node:path';
import { lintCorpus } from './corpus-lint.mjs';

const { default: rule } = await import(path.resolve('dist/rules/content-length-in-bytes.js'));

const args = process.argv.slice(2);
const reportUnknownOrigin = !args.includes('--unknown=false');
const roots = args.filter((arg) => !arg.startsWith('--'));
if (roots.length === 0) roots.push('node_modules');

const counts = { fixes: 0, suggestions: 0 };
const totals = lintCorpus(
  roots,
  { rules: { 'content-length-in-bytes': rule }, settings: { 'content-length-in-bytes': ['error', { reportUnknownOrigin }] } },
  ({ file, lines, message: m }) => {
    if (m.fix) counts.fixes += 1;
    else if (m.suggestions?.length) counts.suggestions += 1;
    console.log(`${file}:${m.line}:${m.column} [${m.fix ? 'fix' : 'suggestion'}] ${(lines[m.line - 1] ?? '').trim().slice(0, 160)}`);
  },
);
console.log(
  `files ${totals.files}, lines ${totals.lines}, reports ${totals.reports} (fix ${counts.fixes}, suggestion ${counts.suggestions}), crashes ${totals.crashes}, unparsable ${totals.unparsable}`,
);
