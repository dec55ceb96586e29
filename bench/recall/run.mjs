#!/usr/bin/env node
// Recall on real bug fixes: each case in cases.json is a public commit that fixed a response
// lifecycle defect (a double send, a header after send, a write after end, a hang, a wrong
// Content-Length). The file is taken at the fix's parent (the buggy version) and at the fix, both are
// linted with the plugin's `recommended` config from dist/ (run `npm run build` first), and the case
// counts as found when the expected rule reports within ±3 lines of the defect in the buggy version,
// and as cleared when it no longer reports there in the fixed version. Every other report is listed.
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots npm run bench:recall [-- --only owner/repo] [--missed] [--json] [--markdown] [--compare before.json]
//
// Single-file linting, without type information, as bench:real does: a handler registered in another
// file, or a response whose type only a checker would know, is seen as a plain function. Snapshots are
// the same folder as bench:real's (`owner+repo/repo`, a git directory with history). Without it (as on
// CI) this prints one line and exits 0. No code of these projects is kept in this repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintCorpus } from '../../scripts/corpus-lint.mjs';
import { DIST, SNAPSHOTS, extractManifests, staleDistWarning } from '../real/corpus.mjs';
import { mapLine, NEAR } from './lines.mjs';

const HERE = import.meta.dirname;
const CACHE = path.resolve(HERE, '../.cache/recall');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const missedOnly = args.includes('--missed');
const asJson = args.includes('--json');
const asMarkdown = args.includes('--markdown');
// --compare before.json: a --json run of another build (LIFECYCLE_DIST=<its dist>); cases whose
// found status differs are listed at the end
const compareWith = args.includes('--compare') ? args[args.indexOf('--compare') + 1] : undefined;

if (!SNAPSHOTS || !existsSync(SNAPSHOTS)) {
  console.log('bench:recall skipped: set RESPONSE_LIFECYCLE_SNAPSHOTS to a folder of fetched snapshots with history (see bench/recall/README.md)');
  process.exit(0);
}
const stale = staleDistWarning();
if (stale) console.log(stale);

const { cases } = JSON.parse(readFileSync(path.join(HERE, 'cases.json'), 'utf8'));
const plugin = (await import(path.join(DIST, 'src/index.js'))).default;
const settings = Object.fromEntries(
  Object.entries(plugin.configs.recommended.rules).map(([id, entry]) => [id.replace(/^response-lifecycle\//u, ''), entry]),
);

/** The file at a commit, written under bench/.cache/recall/ (kept: commits never change). */
function extract(gitDir, commit, file) {
  const root = path.join(CACHE, `${path.basename(path.dirname(gitDir))}@${commit.slice(0, 12)}`);
  const out = path.join(root, file);
  if (!existsSync(out)) {
    const text = execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], { maxBuffer: 1 << 28 });
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text);
  }
  // The package.json files above it at that commit: require-end's Express 4 check reads the nearest.
  extractManifests(gitDir, commit, [file], root);
  return out;
}

function lintFile(file) {
  const reports = [];
  const totals = lintCorpus([file], { rules: plugin.rules, settings }, ({ message, ruleId }) =>
    reports.push({ line: message.line, ruleId, message: message.message }),
  );
  return { reports, unparsable: totals.unparsable > 0, crashed: totals.crashes > 0 };
}

const results = [];
let missing = 0;
for (const c of cases) {
  if (only && c.repo !== only) continue;
  const gitDir = path.join(SNAPSHOTS, c.repo.replace('/', '+'), 'repo');
  if (!existsSync(path.join(gitDir, 'HEAD'))) {
    missing += 1;
    console.log(`missing snapshot: ${c.repo} (fetch it, then run again)`);
    continue;
  }
  const fixedPath = c.fixedPath ?? c.path;
  const parent = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${c.fix}^`], { encoding: 'utf8' }).trim();
  const buggy = lintFile(extract(gitDir, parent, c.path));
  const fixed = lintFile(extract(gitDir, c.fix, fixedPath));
  const diff = execFileSync('git', ['--git-dir', gitDir, 'diff', '-U0', parent, c.fix, '--', c.path, fixedPath], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  // `alsoAt`: other lines where the same defect shows (a send that falls through to several later
  // ends is reported once, at the first of them; see bench/recall/README.md).
  const buggyLines = [c.line, ...(c.alsoAt ?? [])];
  const fixedLines = buggyLines.map((line) => mapLine(diff, line));
  const near = (r, lines, rule) => r.ruleId === rule && lines.some((line) => Math.abs(r.line - line) <= NEAR);
  const found = buggy.reports.some((r) => near(r, buggyLines, c.rule));
  const stillThere = fixed.reports.some((r) => near(r, fixedLines, c.rule));
  results.push({
    ...c,
    found,
    cleared: found && !stillThere,
    stillThere,
    unparsable: buggy.unparsable || fixed.unparsable,
    otherBuggy: buggy.reports.filter((r) => !near(r, buggyLines, c.rule)),
    otherFixed: fixed.reports.filter((r) => !near(r, fixedLines, c.rule)),
  });
}

const ratio = (a, b) => (b === 0 ? '-' : (a / b).toFixed(2));
function tally(key) {
  const groups = new Map();
  for (const r of results) {
    const g = groups.get(r[key]) ?? { cases: 0, found: 0, cleared: 0 };
    g.cases += 1;
    if (r.found) g.found += 1;
    if (r.cleared) g.cleared += 1;
    groups.set(r[key], g);
  }
  return [...groups.entries()].sort((a, b) => b[1].cases - a[1].cases);
}
const all = { cases: results.length, found: results.filter((r) => r.found).length, cleared: results.filter((r) => r.cleared).length };

if (asJson) {
  console.log(JSON.stringify({ missing, all, byKind: Object.fromEntries(tally('kind')), byWhere: Object.fromEntries(tally('where')), results }, null, 2));
} else {
  for (const r of results) {
    if (missedOnly && r.found) continue;
    const tag = r.found ? (r.cleared ? 'FOUND, cleared' : 'FOUND, still reported after fix') : 'MISSED';
    console.log(`${tag.padEnd(32)} ${r.repo} ${r.fix.slice(0, 10)} ${r.path}:${r.line} ${r.rule} (${r.kind}; ${r.where})${r.unparsable ? ' [unparsable]' : ''}`);
    for (const o of r.otherBuggy) console.log(`    other report, buggy ${o.line} ${o.ruleId}: ${o.message}`);
    for (const o of r.otherFixed) console.log(`    other report, fixed ${o.line} ${o.ruleId}: ${o.message}`);
  }
  const table = (title, rows) => {
    if (asMarkdown) {
      console.log(`\n| ${title} | cases | found | recall | cleared by the fix |\n| --- | ---: | ---: | ---: | ---: |`);
      for (const [name, g] of rows) console.log(`| ${name} | ${g.cases} | ${g.found} | ${ratio(g.found, g.cases)} | ${g.cleared} |`);
      return;
    }
    console.log(`\n${title.padEnd(20)} cases  found  recall  cleared`);
    for (const [name, g] of rows) {
      console.log(`${String(name).padEnd(20)} ${String(g.cases).padStart(5)} ${String(g.found).padStart(6)} ${ratio(g.found, g.cases).padStart(7)} ${String(g.cleared).padStart(8)}`);
    }
  };
  table('kind', [...tally('kind'), ['all', all]]);
  table('where', [...tally('where'), ['all', all]]);
  const other = results.reduce((n, r) => n + r.otherBuggy.length + r.otherFixed.length, 0);
  console.log(`\n${results.length} cases (${missing} missing snapshots); other reports: ${other} (listed per case above)`);
  if (compareWith) {
    const caseKey = (r) => `${r.repo} ${r.fix.slice(0, 10)} ${r.path}:${r.line}`;
    const before = new Map(JSON.parse(readFileSync(compareWith, 'utf8')).results.map((r) => [caseKey(r), r.found]));
    const changed = results.filter((r) => before.has(caseKey(r)) && before.get(caseKey(r)) !== r.found);
    console.log(`\nagainst ${compareWith}: ${changed.filter((r) => r.found).length} newly found, ${changed.filter((r) => !r.found).length} no longer found`);
    for (const r of changed) console.log(`  ${r.found ? 'now found ' : 'LOST      '} ${caseKey(r)} ${r.rule} (${r.kind}; ${r.where})`);
  }
}
