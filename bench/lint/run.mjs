#!/usr/bin/env node
// The lint benchmark: what the plugin costs on top of `eslint:recommended`, on real code.
// Expects a built plugin (`npm run build`; bench/run.mjs does it). Prints the figures and the
// targets, and writes bench/.cache/results/lint.{json,md} for bench/run.mjs to publish.
//
//   node bench/lint/run.mjs            full run (a few minutes)
//   BENCH_PAIRS=1 node bench/lint/run.mjs   fewer alternating pairs (quick look)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PREFIX, loadPlugin, pluginRulesConfig, snapshotDist, writeCliConfig } from './configs.mjs';
import { CACHE, CORPUS, CORPUS_TS, prepareCorpus } from './corpus.mjs';
import { BUG_LINES, longHandler } from './generate.mjs';
import { lintMarkdown } from './report.mjs';
import { alternate, lintOnce, parseTiming, ruleShares, runCli, statsRuleTimes, summarize } from './measure.mjs';
import { ESLint } from 'eslint';

/**
 * A full garbage collection before each timed lint, so that a run does not pay for the garbage the
 * previous (much larger) one left: with a 116k-line handler that debt swung the largest size by
 * ±30% between runs. Garbage made by the timed lint itself is still collected inside its time.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const TS_PAIRS = Number(process.env.BENCH_TS_PAIRS ?? PAIRS);
// The largest size also goes past the fixpoint's old fixed iteration cap (a 116k-line handler).
const GROWTH_UNITS = [200, 2000, 20000];
/** The rules that subscribe to the one path analysis (src/analysis/index.ts `subscribeToAnalysis`). */
const LIFECYCLE_RULES = ['no-double-send', 'no-header-after-send', 'no-write-after-end', 'require-end'];

const log = (line = '') => console.log(line);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

await snapshotDist(log);
const plugin = await loadPlugin();
const pluginRules = Object.keys(plugin.rules).sort();
const recommended = Object.keys(plugin.configs.recommended.rules).map((id) => id.slice(PREFIX.length + 1));
const typeChecked = Object.keys(plugin.configs['recommended-type-checked'].rules).map((id) => id.slice(PREFIX.length + 1));
log(`plugin ${plugin.meta.version}: rules ${pluginRules.join(', ') || '(none)'}`);
log(`recommended: ${recommended.join(', ') || '(none)'}; recommended-type-checked: ${typeChecked.join(', ') || '(none)'}`);

log('\n== corpus ==');
const corpus = prepareCorpus(log);
writeCliConfig(CORPUS);
writeCliConfig(CORPUS_TS);
const jsLines = corpus.real.lines + corpus.apps.lines + corpus.generated.lines;
log(`dev-tree packages: ${corpus.real.files} files, ${corpus.real.lines} lines (${corpus.real.packages.join(', ')})`);
log(`Express apps/middleware from npm: ${corpus.apps.files} files, ${corpus.apps.lines} lines (${corpus.apps.packages.join(', ') || 'not installed'})`);
log(`generated handlers: ${corpus.generated.handlers} in ${corpus.generated.files} files, ${corpus.generated.lines} lines`);
log(`JS total: ${jsLines} lines`);
log(`TS (type-aware): ${corpus.ts.generated.handlers} typed handlers, ${corpus.ts.generated.lines} lines + ajv TS sources ${corpus.ts.ajv.files} files, ${corpus.ts.ajv.lines} lines`);

const loadBefore = os.loadavg()[0];
log(`\nload average ${loadBefore.toFixed(2)} on ${os.availableParallelism()} cores before the timed runs`);

// Every timed lint is a fresh `eslint` process, as users run it, one thread (--concurrency off).
const cli = (kind, arm, extra = {}) =>
  runCli(kind === 'js' ? CORPUS : CORPUS_TS, ['--concurrency', 'off'], { BENCH_CONFIG: `${kind}-${arm}`, ...extra });

log(`\n== wall time, JS corpus, ${PAIRS} alternating pairs of \`eslint --concurrency off .\` (${elapsed()}) ==`);
const wall = alternate(PAIRS, (arm) => cli('js', arm), log);
const wallSummary = summarize(wall.lastPlugin.results, CORPUS);
log(`eslint:recommended ${wall.base.ms.toFixed(0)} ms, + plugin recommended ${wall.plugin.ms.toFixed(0)} ms: ${pct(wall.overhead)} wall, ${pct(wall.cpuOverhead)} CPU`);
log(`files ${wallSummary.files}, parse errors ${wallSummary.fatal}, plugin reports ${JSON.stringify(wallSummary.byRule)}`);
const planted = plantedBugs(wallSummary.plugin);
log(`planted bugs in the generated handlers: ${planted.figure}`);

log(`\n== per-rule time, TIMING=all (${elapsed()}) ==`);
const timingRun = cli('js', 'plugin', { TIMING: 'all' });
const shares = ruleShares(parseTiming(timingRun.stdout));
printShares(shares);

log(`\n== --concurrency auto (${elapsed()}) ==`);
const autoRun = runCli(CORPUS, ['--concurrency', 'auto'], { BENCH_CONFIG: 'js-plugin' });
const autoSummary = summarize(autoRun.results, CORPUS);
const concurrency = {
  offMs: wall.plugin.ms,
  autoMs: autoRun.ms,
  offReports: wallSummary.plugin.length,
  autoReports: autoSummary.plugin.length,
  same: wallSummary.plugin.join('\n') === autoSummary.plugin.join('\n'),
  autoFatal: autoSummary.fatal,
};
log(`off: ${concurrency.offReports} plugin reports (${(wall.plugin.ms / 1000).toFixed(1)} s); auto: ${concurrency.autoReports} (${(autoRun.ms / 1000).toFixed(1)} s on ${os.availableParallelism()} cores); identical: ${concurrency.same}`);

log(`\n== type-aware (projectService), TS corpus, ${TS_PAIRS} alternating pairs (${elapsed()}) ==`);
const typed = alternate(TS_PAIRS, (arm) => cli('ts', arm), log);
const typedSummary = summarize(typed.lastPlugin.results, CORPUS_TS);
log(`eslint:recommended ${typed.base.ms.toFixed(0)} ms, + plugin recommended-type-checked ${typed.plugin.ms.toFixed(0)} ms: ${pct(typed.overhead)} wall, ${pct(typed.cpuOverhead)} CPU`);
log(`files ${typedSummary.files}, parse errors ${typedSummary.fatal}, plugin reports ${JSON.stringify(typedSummary.byRule)}`);
log(`\n== type-aware with typescript-eslint's recommendedTypeChecked in both arms, ${TS_PAIRS} alternating pairs (${elapsed()}) ==`);
const typedShared = alternate(TS_PAIRS, (arm) => cli('tstc', arm), log);
log(`eslint:recommended + recommendedTypeChecked ${typedShared.base.ms.toFixed(0)} ms, + plugin ${typedShared.plugin.ms.toFixed(0)} ms: ${pct(typedShared.overhead)} wall, ${pct(typedShared.cpuOverhead)} CPU`);
const typedTiming = cli('ts', 'plugin', { TIMING: 'all' });
const typedShares = ruleShares(parseTiming(typedTiming.stdout));
printShares(typedShares);

log(`\n== growth with one handler's size, plugin recommended rules alone (${elapsed()}) ==`);
const growth = await measureGrowth(recommended.length ? recommended : pluginRules);

log(`\n== the analysis runs once per file (${elapsed()}) ==`);
const once = await measureOncePerFile();

const loadAfter = os.loadavg()[0];
const cpuNote = (a) => `${pct(a.overhead)} wall (${(a.base.ms / 1000).toFixed(1)} → ${(a.plugin.ms / 1000).toFixed(1)} s), ${pct(a.cpuOverhead)} CPU`;
const worst = (s) => (s.plugin.length ? `worst ${s.plugin[0].id.slice(PREFIX.length + 1)} ${s.plugin[0].vsMedianCore.toFixed(1)}× the median core rule (${s.plugin[0].ms.toFixed(0)} vs ${s.coreMedian.toFixed(1)} ms)` : 'no plugin rule timed');
const targets = [
  // Met only when both wall and CPU time say so: on an idle machine they agree (one thread), and
  // on a busy one the CPU time is the honest figure while the wall time swings by seconds.
  { name: 'plugin `recommended` adds ≤ 10% over eslint:recommended (JS corpus; wall and CPU)', met: Math.max(wall.overhead, wall.cpuOverhead) <= 0.1, figure: cpuNote(wall) },
  { name: 'plugin `recommended-type-checked` adds ≤ 10% (type-aware TS corpus; wall and CPU)', met: Math.max(typed.overhead, typed.cpuOverhead) <= 0.1, figure: cpuNote(typed) },
  {
    name: 'the same, over a baseline that also runs typescript-eslint `recommendedTypeChecked` (how type-aware projects lint)',
    met: Math.max(typedShared.overhead, typedShared.cpuOverhead) <= 0.1,
    figure: cpuNote(typedShared),
  },
  {
    name: 'each plugin rule ≤ the median core rule (TIMING, JS corpus)',
    met: shares.plugin.length > 0 && shares.plugin.every((rule) => rule.ms <= shares.coreMedian),
    figure: worst(shares),
  },
  {
    name: 'each plugin rule ≤ the median core rule (TIMING, type-aware)',
    met: typedShares.plugin.length > 0 && typedShares.plugin.every((rule) => rule.ms <= typedShares.coreMedian),
    figure: worst(typedShares),
  },
  { name: 'a 10× longer handler costs ~10× (≤ 15×; 100× ≤ 150×), and the analysis still reports at the end', met: growth.linear && growth.complete, figure: growth.figure },
  { name: 'the analysis runs once per file whatever the number of rules', met: once.met, figure: once.figure },
  { name: 'every planted bug reported, nothing else (generated handlers, real code)', met: planted.exact, figure: planted.figure },
  { name: 'same reports under --concurrency auto', met: concurrency.same && concurrency.autoReports > 0, figure: `${concurrency.autoReports} vs ${concurrency.offReports} reports` },
];
log('\n== targets ==');
for (const target of targets) log(`${target.met ? 'MET    ' : 'NOT MET'} ${target.name}: ${target.figure}`);

const trim = (a) => ({ base: a.base, plugin: a.plugin, overhead: a.overhead, cpuOverhead: a.cpuOverhead });
const results = {
  date: new Date().toISOString(),
  pluginVersion: plugin.meta.version,
  pluginRules,
  recommended,
  typeChecked,
  corpus,
  jsLines,
  pairs: PAIRS,
  tsPairs: TS_PAIRS,
  load: { before: loadBefore, after: loadAfter, cores: os.availableParallelism() },
  planted,
  wall: { ...trim(wall), summary: { files: wallSummary.files, fatal: wallSummary.fatal, byRule: wallSummary.byRule } },
  shares,
  concurrency,
  typed: { ...trim(typed), summary: { files: typedSummary.files, fatal: typedSummary.fatal, byRule: typedSummary.byRule } },
  typedShared: trim(typedShared),
  typedShares,
  growth,
  once,
  targets,
  seconds: (performance.now() - started) / 1000,
};
const out = path.join(CACHE, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'lint.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(out, 'lint.md'), lintMarkdown(results));
log(`\nlint benchmark done in ${elapsed()}; figures in bench/.cache/results/lint.{json,md}`);

/**
 * The generated handlers contain known bugs (BUG_LINES): each must be reported by its rule, on its
 * line, and nothing else anywhere in the corpus (the real code included).
 */
function plantedBugs(reports) {
  const expected = new Set();
  for (const file of readdirSync(path.join(CORPUS, 'generated'))) {
    readFileSync(path.join(CORPUS, 'generated', file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const [rule, text] of Object.entries(BUG_LINES)) {
          if (line.includes(text)) expected.add(`generated/${file}:${index + 1} ${PREFIX}/${rule}`);
        }
      });
  }
  const got = new Set(reports.map((r) => r.replace(/:\d+ (\S+) \S+$/u, ' $1')));
  const missed = [...expected].filter((bug) => !got.has(bug));
  const extra = [...got].filter((report) => !expected.has(report));
  const outside = extra.filter((report) => !report.startsWith('generated/'));
  const figure = `${expected.size} planted, ${expected.size - missed.length} reported, ${missed.length} missed, ${extra.length} other reports (${outside.length} in real code)`;
  return { expected: expected.size, missed, extra, exact: missed.length === 0 && extra.length === 0, figure };
}

function pct(ratio) {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}

function printShares(s) {
  log(`all rules ${s.total.toFixed(0)} ms; ${s.coreRules} core rules, median ${s.coreMedian.toFixed(2)} ms; slowest ${s.slowestCore.map((r) => `${r.id} ${r.ms.toFixed(0)} ms`).join(', ')}`);
  for (const rule of s.plugin) {
    log(`  ${rule.id}: ${rule.ms.toFixed(2)} ms, ${(rule.share * 100).toFixed(2)}% of rule time, ${rule.vsMedianCore.toFixed(2)}× the median core rule, ${rule.slowerCoreRules} core rules slower`);
  }
  if (!s.plugin.length) log('  (no plugin rule in the TIMING table)');
}


/** Plugin rule time (ms, from `stats`) of one `lintText`; the least of `runs` (robust on a shared machine). */
async function ruleTime(eslint, text, filePath, runs) {
  let best = Infinity;
  let last;
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    [last] = await eslint.lintText(text, { filePath });
    best = Math.min(best, Object.values(statsRuleTimes([last])).reduce((sum, ms) => sum + ms, 0));
  }
  return { ms: best, result: last };
}

/**
 * Rule time of one handler of N, 10N, 100N units, least of 3 runs each, stopping early if it
 * explodes. The handler ends with a double send, which must be reported at every size: a fixpoint
 * that gave up early (an iteration cap) would look fast and miss it.
 */
async function measureGrowth(ruleIds) {
  const eslint = new ESLint({ cwd: CORPUS, overrideConfigFile: true, overrideConfig: pluginRulesConfig(plugin, ruleIds), stats: true, cache: false });
  const filePath = path.join(CORPUS, 'generated/big.mjs');
  await ruleTime(eslint, longHandler(GROWTH_UNITS[0]), filePath, 3); // warm-up
  const rows = [];
  for (const units of GROWTH_UNITS) {
    const text = longHandler(units);
    const lines = text.split('\n').length;
    const { ms, result } = await ruleTime(eslint, text, filePath, 3);
    const finalSendLine = lines - 3;
    const reportsEnd = result.messages.some((m) => m.ruleId === `${PREFIX}/no-double-send` && m.line === finalSendLine);
    const row = { units, lines, statements: (text.match(/;\n/gu) ?? []).length, ruleMs: ms, reportsEnd };
    rows.push(row);
    log(`  ${units} units (${lines} lines, ~${row.statements} statements): plugin rules ${ms.toFixed(1)} ms; final double send reported: ${reportsEnd}`);
    if (ms > 60_000) {
      log('  stopping: over a minute');
      break;
    }
  }
  const ratios = rows.slice(1).map((row) => row.ruleMs / rows[0].ruleMs);
  const linear = ratios.length === 2 && ratios[0] <= 15 && ratios[1] <= 150;
  const complete = rows.every((row) => row.reportsEnd);
  const figure =
    (ratios.map((r, i) => `${10 ** (i + 1)}× size → ${r.toFixed(1)}× time`).join(', ') || 'not measured') +
    (complete ? '' : `; final double send NOT reported at ${rows.filter((row) => !row.reportsEnd).map((row) => row.units).join(', ')} units`);
  log(`  ${figure}`);
  return { rules: ruleIds, rows, ratios, linear, complete, figure };
}

/**
 * The lifecycle rules subscribe to one analysis per file (src/analysis/index.ts: the first
 * subscriber of a file owns the traversal listeners, the others get none). Checked two ways:
 * - counted: the rules are wrapped to see, per file, how many of them return listeners (each
 *   rule returning listeners would be an analysis of its own);
 * - timed: all of them together against one alone (an analysis per rule would cost ~N×), least of
 *   3 runs, and where the time goes when all are on.
 */
async function measureOncePerFile() {
  const present = LIFECYCLE_RULES.filter((id) => pluginRules.includes(id));
  if (present.length < 2) {
    log(`  only ${present.length} of ${LIFECYCLE_RULES.join(', ')} exist yet: not measured`);
    return { met: false, figure: `not measured (${present.length} lifecycle rules exist)`, present };
  }
  const patterns = ['generated', 'apps'];
  const timeRules = async (ids) => {
    const { results } = await lintOnce(CORPUS, pluginRulesConfig(plugin, ids), patterns, { stats: true });
    return statsRuleTimes(results);
  };

  const listening = new Map();
  const counted = {
    ...plugin,
    rules: Object.fromEntries(
      present.map((id) => {
        const rule = plugin.rules[id];
        const create = (context) => {
          const listeners = rule.create(context);
          if (Object.keys(listeners).length > 0) listening.set(context.filename, (listening.get(context.filename) ?? 0) + 1);
          return listeners;
        };
        return [id, { ...rule, create }];
      }),
    ),
  };
  const { results } = await lintOnce(CORPUS, pluginRulesConfig(counted, present), patterns);
  const perFile = results.map((result) => listening.get(result.filePath) ?? 0);
  const maxPerFile = Math.max(...perFile);

  await timeRules(present); // warm-up
  let one = Infinity;
  let all = Infinity;
  let perRule = {};
  for (let i = 0; i < 3; i++) {
    one = Math.min(one, Object.values(await timeRules(present.slice(0, 1))).reduce((a, b) => a + b, 0));
    const times = await timeRules(present);
    const total = Object.values(times).reduce((a, b) => a + b, 0);
    if (total < all) [all, perRule] = [total, times];
  }
  const ratio = all / one;
  const met = maxPerFile === 1 && ratio <= 1.5;
  const split = Object.entries(perRule).map(([id, ms]) => `${id.slice(PREFIX.length + 1)} ${ms.toFixed(0)} ms`).join(', ');
  const figure =
    `with ${present.length} rules on, at most ${maxPerFile} rule per file attaches the analysis listeners (${results.length} files); ` +
    `${present.length} rules ${all.toFixed(0)} ms vs ${present[0]} alone ${one.toFixed(0)} ms (${ratio.toFixed(2)}×; an analysis per rule would be ~${present.length}×); split: ${split}`;
  log(`  ${figure}`);
  return { met, figure, present, maxPerFile, files: results.length, one, all, ratio, perRule };
}
