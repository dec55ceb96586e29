// Measuring helpers of the lint benchmark: in-process timed runs through the ESLint Node API,
// CLI runs (for TIMING and --concurrency), and the parsing of their output.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { PREFIX } from './configs.mjs';

const ESLINT_BIN = path.resolve(import.meta.dirname, '../../node_modules/eslint/bin/eslint.js');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Messages of the plugin's rules, as comparable strings, and fatal (parse) errors. */
export function summarize(results, cwd) {
  const plugin = [];
  let fatal = 0;
  let files = 0;
  for (const result of results) {
    files++;
    for (const m of result.messages) {
      if (m.fatal) fatal++;
      else if (m.ruleId?.startsWith(`${PREFIX}/`)) {
        plugin.push(`${path.relative(cwd, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.messageId}`);
      }
    }
  }
  plugin.sort();
  const byRule = {};
  for (const line of plugin) {
    const rule = line.split(' ')[1];
    byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
  return { files, fatal, plugin, byRule };
}

/** One timed lint of `patterns` under `cwd` with `config`, through the Node API. */
export async function lintOnce(cwd, config, patterns, options = {}) {
  const start = performance.now();
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, cache: false, ...options });
  const results = await eslint.lintFiles(patterns);
  return { ms: performance.now() - start, results };
}

/**
 * Baseline and candidate, alternating (A B, B A, A B, ...) so that drift of the machine hits both
 * arms alike; median wall and CPU time of `pairs` runs each. `run(arm)` returns `{ ms, cpuMs }`.
 */
export function alternate(pairs, run, log) {
  const runs = { base: [], plugin: [] };
  let lastPlugin;
  for (let i = 0; i < pairs; i++) {
    for (const arm of i % 2 === 0 ? ['base', 'plugin'] : ['plugin', 'base']) {
      const result = run(arm);
      runs[arm].push({ ms: result.ms, cpuMs: result.cpuMs });
      if (arm === 'plugin') lastPlugin = result;
    }
    const fmt = (r) => `${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)})`;
    log(`  pair ${i + 1}/${pairs}: base ${fmt(runs.base.at(-1))}, plugin ${fmt(runs.plugin.at(-1))}`);
  }
  const figures = (list) => ({ ms: median(list.map((r) => r.ms)), cpuMs: median(list.map((r) => r.cpuMs)), runs: list });
  const base = figures(runs.base);
  const plugin = figures(runs.plugin);
  return {
    base,
    plugin,
    overhead: plugin.ms / base.ms - 1,
    cpuOverhead: plugin.cpuMs / base.cpuMs - 1,
    lastPlugin,
  };
}

const CPU_HOOK = path.resolve(import.meta.dirname, 'cpu-hook.mjs');

/**
 * Run the ESLint CLI in `cwd` in a fresh process, as users do (JSON results to a temp file).
 * Returns wall ms, CPU ms (user + system, all threads), stdout (TIMING table) and the results.
 */
export function runCli(cwd, args, env) {
  const out = path.join(cwd, '..', `cli-results-${process.pid}.json`);
  const cpuOut = `${out}.cpu`;
  rmSync(out, { force: true });
  rmSync(cpuOut, { force: true });
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(CPU_HOOK).href, ESLINT_BIN, '--config', 'eslint.config.mjs', '--format', 'json', '--output-file', out, ...args, '.'],
    { cwd, env: { ...process.env, ...env, BENCH_CPU_OUT: cpuOut }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - start;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`eslint ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  }
  const results = JSON.parse(readFileSync(out, 'utf8'));
  const { cpuMs } = JSON.parse(readFileSync(cpuOut, 'utf8'));
  rmSync(out, { force: true });
  rmSync(cpuOut, { force: true });
  return { ms, cpuMs, stdout: child.stdout, stderr: child.stderr, results };
}

/** The rule table that `TIMING=all` prints: `{ rule: ms }`. */
export function parseTiming(stdout) {
  const times = {};
  for (const line of stdout.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length !== 3) continue;
    const ms = Number(cells[1]);
    if (cells[0] && cells[0] !== 'Rule' && Number.isFinite(ms)) times[cells[0]] = ms;
  }
  return times;
}

/**
 * Core rules built on ESLint's code path analysis (they listen for `onCodePath*` events), the
 * closest kin of the plugin's path analysis: the ones that run show up in the TIMING table.
 */
export const CODE_PATH_RULES = new Set([
  'array-callback-return', 'consistent-return', 'constructor-super', 'getter-return', 'no-constructor-return',
  'no-fallthrough', 'no-invalid-this', 'no-promise-executor-return', 'no-this-before-super', 'no-unreachable',
  'no-unreachable-loop', 'no-useless-assignment', 'no-useless-return', 'require-atomic-updates',
]);

/** Per-rule figures from a TIMING table: each plugin rule against the median core rule. */
export function ruleShares(times) {
  const core = Object.entries(times).filter(([id]) => !id.includes('/'));
  const plugin = Object.entries(times).filter(([id]) => id.startsWith(`${PREFIX}/`));
  const total = Object.values(times).reduce((sum, ms) => sum + ms, 0);
  const coreMedian = median(core.map(([, ms]) => ms));
  const codePath = core.filter(([id]) => CODE_PATH_RULES.has(id)).sort((x, y) => y[1] - x[1]);
  const codePathMedian = codePath.length ? median(codePath.map(([, ms]) => ms)) : NaN;
  const codePathMax = codePath.length ? codePath[0][1] : NaN;
  return {
    codePath: { rules: codePath.map(([id, ms]) => ({ id, ms })), median: codePathMedian, max: codePathMax },
    total,
    coreRules: core.length,
    coreMedian,
    coreMax: Math.max(...core.map(([, ms]) => ms)),
    slowestCore: [...core].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([id, ms]) => ({ id, ms })),
    pluginTotal: plugin.reduce((sum, [, ms]) => sum + ms, 0),
    plugin: plugin
      .sort((x, y) => y[1] - x[1])
      .map(([id, ms]) => ({
        id,
        ms,
        share: ms / total,
        vsMedianCore: ms / coreMedian,
        vsMedianCodePath: ms / codePathMedian,
        vsSlowestCodePath: ms / codePathMax,
        /** How many core rules cost more. */
        slowerCoreRules: core.filter(([, coreMs]) => coreMs > ms).length,
      })),
  };
}

/** Rule times (ms) of one `lintText`/`lintFiles` result set made with `stats: true`, summed per rule. */
export function statsRuleTimes(results) {
  const times = {};
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [id, { total }] of Object.entries(pass.rules ?? {})) times[id] = (times[id] ?? 0) + total;
    }
  }
  return times;
}
