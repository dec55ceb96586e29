#!/usr/bin/env node
// The development corpus: real applications and middleware nobody here wrote, referenced by
// repository and commit in bench/real/corpus.json, linted with the plugin's `recommended` config
// (built, from dist/: run `npm run build` first), every report printed with its verdict from
// bench/real/triage.json, then a summary per rule (reports, TP, FP, untriaged, precision).
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots npm run bench:real [-- --only owner/repo] [--untriaged] [--json]
//
// The snapshots folder holds one entry per codebase, named `owner+repo`: either a git directory at
// `owner+repo/repo` (as the search tool's fetch brings it; the pinned commit is extracted into
// bench/.cache/real/) or a checked-out tree at `owner+repo/`. Without the folder (as on CI) this
// prints one line and exits 0. No code of these projects is kept in this repository.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintCorpus } from '../../scripts/corpus-lint.mjs';
import { DIST, HERE, SNAPSHOTS, filesOf, staleDistWarning, loadCorpus, treeOf } from './corpus.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const untriagedOnly = args.includes('--untriaged');
const asJson = args.includes('--json');

if (!SNAPSHOTS || !existsSync(SNAPSHOTS)) {
  console.log('bench:real skipped: set RESPONSE_LIFECYCLE_SNAPSHOTS to a folder of fetched snapshots (see bench/real/README.md)');
  process.exit(0);
}
const stale = staleDistWarning();
if (stale) console.log(stale);

const { codebases } = loadCorpus();
const triage = JSON.parse(readFileSync(path.join(HERE, 'triage.json'), 'utf8'));
const plugin = (await import(path.join(DIST, 'src/index.js'))).default;
const recommended = plugin.configs.recommended.rules;
const settings = Object.fromEntries(Object.entries(recommended).map(([id, entry]) => [id.replace(/^response-lifecycle\//u, ''), entry]));

const RULES = Object.keys(settings);
const summary = Object.fromEntries(RULES.map((id) => [id, { reports: 0, TP: 0, FP: 0, untriaged: 0 }]));
const reports = [];
let files = 0;
let lines = 0;
let missing = 0;
for (const codebase of codebases) {
  if (only && codebase.repo !== only) continue;
  const tree = treeOf(codebase, SNAPSHOTS);
  if (!tree) {
    missing += 1;
    console.log(`missing snapshot: ${codebase.repo} (fetch it, then run again)`);
    continue;
  }
  const roots = codebase.paths.flatMap((p) => filesOf(path.join(tree, p)));
  const totals = lintCorpus(roots, { rules: plugin.rules, settings }, ({ file, lines: source, message, ruleId }) => {
    const key = `${codebase.repo} ${path.relative(tree, file)}:${message.line} ${ruleId}`;
    const verdict = triage[key];
    const entry = summary[ruleId];
    entry.reports += 1;
    if (verdict?.verdict === 'TP') entry.TP += 1;
    else if (verdict?.verdict === 'FP') entry.FP += 1;
    else entry.untriaged += 1;
    reports.push({ key, line: source[message.line - 1]?.trim() ?? '', message: message.message, verdict });
  });
  files += totals.files;
  lines += totals.lines;
  if (totals.crashes > 0 || totals.unparsable > 0) {
    console.log(`${codebase.repo}: ${totals.crashes} crashes, ${totals.unparsable} unparsable files`);
  }
}

const precision = ({ TP, FP }) => (TP + FP === 0 ? '-' : (TP / (TP + FP)).toFixed(2));
const all = Object.values(summary).reduce(
  (acc, s) => ({ reports: acc.reports + s.reports, TP: acc.TP + s.TP, FP: acc.FP + s.FP, untriaged: acc.untriaged + s.untriaged }),
  { reports: 0, TP: 0, FP: 0, untriaged: 0 },
);
// Triaged reports that no longer appear: false reports fixed, or true ones lost (which must not happen).
const seen = new Set(reports.map((r) => r.key));
const gone = Object.entries(triage).filter(
  ([key]) => !seen.has(key) && (!only || key.startsWith(`${only} `)) && codebases.some((c) => key.startsWith(`${c.repo} `)),
);
const lostTrue = gone.filter(([, v]) => v.verdict === 'TP');
if (asJson) {
  console.log(JSON.stringify({ files, lines, missing, summary, all, reports, gone: gone.map(([key]) => key) }, null, 2));
} else {
  for (const r of reports) {
    if (untriagedOnly && r.verdict) continue;
    const tag = r.verdict ? `${r.verdict.verdict} ${r.verdict.cause}` : 'UNTRIAGED';
    console.log(`${tag.padEnd(28)} ${r.key}\n    ${r.line}\n    ${r.message}`);
  }
  for (const [key, v] of lostTrue) console.log(`LOST TRUE REPORT ${key}: ${v.why}`);
  console.log(`\n${codebases.length - missing} codebases, ${files} files, ${lines} lines`);
  console.log(`triaged but no longer reported: ${gone.length - lostTrue.length} false, ${lostTrue.length} true`);
  console.log('rule                      reports   TP   FP  untriaged  precision');
  for (const [id, s] of [...Object.entries(summary), ['all', all]]) {
    console.log(
      `${id.padEnd(24)} ${String(s.reports).padStart(8)} ${String(s.TP).padStart(4)} ${String(s.FP).padStart(4)} ${String(s.untriaged).padStart(10)}  ${precision(s).padStart(9)}`,
    );
  }
}
