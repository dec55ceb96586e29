#!/usr/bin/env node
// Lint cost on the development corpus: eslint:recommended alone (base) against eslint:recommended
// plus the plugin's `recommended` (plugin), each arm in a child process of its own so that its CPU
// time is its own, in alternating order (base plugin, plugin base, …) so that drift of the machine
// hits both alike. Prints the median wall and CPU time of each arm and the plugin's overhead.
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots npm run bench:real:cost [-- --pairs 3]
//
// CPU time on a shared machine moves by ±10% between runs, more than the difference being judged.
// `--instructions` counts machine instructions instead (valgrind's callgrind, Node single-threaded
// and with fixed seeds; runs started together agree within 0.2%, see bench/real/README.md for a
// caveat), on every Nth corpus file (`--every`, default 5): each arm's count minus the count of the
// same arm reading the same files and linting none (`--dry`, its start-up).
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots node bench/real/cost.mjs --instructions [--every 5]
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { virtualFilename } from '../../scripts/corpus-lint.mjs';
import { DIST, SNAPSHOTS, filesOf, staleDistWarning, loadCorpus, treeOf } from './corpus.mjs';

const args = process.argv.slice(2);
const arm = args.includes('--arm') ? args[args.indexOf('--arm') + 1] : undefined;
const pairs = args.includes('--pairs') ? Number(args[args.indexOf('--pairs') + 1]) : 3;
/** Lint every Nth file only. */
const every = args.includes('--every') ? Number(args[args.indexOf('--every') + 1]) : 1;
/** Load everything and read the files, lint none: the start-up that `--instructions` subtracts. */
const dry = args.includes('--dry');

if (!SNAPSHOTS) {
  console.log('bench:real:cost skipped: set RESPONSE_LIFECYCLE_SNAPSHOTS to a folder of fetched snapshots (see bench/real/README.md)');
  process.exit(0);
}
const stale = args.includes('--arm') ? undefined : staleDistWarning();
if (stale) console.log(stale);

/** The corpus files, parsed and linted as bench/real/run.mjs does (module, then script on a parse error). */
function corpusFiles() {
  return loadCorpus().codebases.flatMap((codebase) => {
    const tree = treeOf(codebase, SNAPSHOTS);
    return tree ? codebase.paths.flatMap((p) => filesOf(path.join(tree, p))) : [];
  }).filter((_, index) => index % every === 0);
}

async function runArm(which) {
  const plugin = which === 'plugin' ? (await import(path.join(DIST, 'src/index.js'))).default : undefined;
  const rules = { ...js.configs.recommended.rules, ...(plugin ? plugin.configs.recommended.rules : {}) };
  const config = (sourceType, ts) => [
    {
      files: ['**/*.js', '**/*.ts'],
      ...(plugin ? { plugins: { 'response-lifecycle': plugin } } : {}),
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: { ecmaVersion: 'latest', sourceType, ...(ts ? { parser: tsParser } : {}) },
      rules,
    },
  ];
  const linter = new Linter({ configType: 'flat' });
  const sources = corpusFiles().map((file) => ({ file, code: readFileSync(file, 'utf8') }));
  const cpu = process.cpuUsage();
  const start = performance.now();
  let messages = 0;
  for (const { file, code } of dry ? [] : sources) {
    const ts = /ts$/u.test(file);
    const filename = virtualFilename(file, ts);
    let out = linter.verify(code, config(file.endsWith('.cjs') ? 'commonjs' : 'module', ts), { filename });
    if (out.some((m) => m.fatal) && !ts) out = linter.verify(code, config('script', false), { filename });
    messages += out.length;
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, files: sources.length, messages };
}

/** One arm under callgrind; resolves to the instructions it executed. */
function countInstructions(which, sample, dryRun = false) {
  const node = [process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1', '--predictable'];
  const argv = ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...node, import.meta.filename, '--arm', which, '--every', String(sample), ...(dryRun ? ['--dry'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', argv, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const collected = /Collected : (\d+)/u.exec(err);
      if (code !== 0 || !collected) return reject(new Error(`arm ${which} under callgrind failed (${code}): ${err.slice(-500)}`));
      resolve({ instructions: Number(collected[1]), ...JSON.parse(out.trim().split('\n').pop()) });
    });
  });
}

async function instructionRun() {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('bench:real:cost --instructions skipped: valgrind is not installed');
    return;
  }
  const sample = args.includes('--every') ? every : 5;
  // Two at a time (the counts do not depend on what else runs). Each arm's own start-up (the
  // plugin arm also loads the plugin) is subtracted, as the CPU figure starts after loading.
  const [baseStart, pluginStart] = await Promise.all([countInstructions('base', sample, true), countInstructions('plugin', sample, true)]);
  const [base, withPlugin] = await Promise.all([countInstructions('base', sample), countInstructions('plugin', sample)]);
  const giga = (n) => `${(n / 1e9).toFixed(3)} G`;
  const lintBase = base.instructions - baseStart.instructions;
  const lintPlugin = withPlugin.instructions - pluginStart.instructions;
  console.log(
    `every ${sample}th file (${base.files} files), instructions without start-up: eslint:recommended ${giga(lintBase)}; ` +
      `+ plugin recommended ${giga(lintPlugin)}; overhead ${(((lintPlugin - lintBase) / lintBase) * 100).toFixed(1)}%`,
  );
}

if (arm) {
  console.log(JSON.stringify(await runArm(arm)));
} else if (args.includes('--instructions')) {
  await instructionRun();
} else {
  const runs = { base: [], plugin: [] };
  for (let i = 0; i < pairs; i++) {
    for (const which of i % 2 === 0 ? ['base', 'plugin'] : ['plugin', 'base']) {
      const child = spawnSync(process.execPath, [import.meta.filename, '--arm', which], { encoding: 'utf8', env: process.env });
      if (child.status !== 0) throw new Error(`arm ${which} failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').pop());
      runs[which].push(result);
      console.log(`${which.padEnd(6)} wall ${result.ms.toFixed(0)} ms, cpu ${result.cpuMs.toFixed(0)} ms (${result.files} files, ${result.messages} messages)`);
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const base = { ms: median(runs.base.map((r) => r.ms)), cpu: median(runs.base.map((r) => r.cpuMs)) };
  const withPlugin = { ms: median(runs.plugin.map((r) => r.ms)), cpu: median(runs.plugin.map((r) => r.cpuMs)) };
  const pct = (a, b) => `${(((b - a) / a) * 100).toFixed(1)}%`;
  console.log(
    `median of ${pairs} alternating pairs: eslint:recommended ${base.ms.toFixed(0)} ms wall / ${base.cpu.toFixed(0)} ms CPU; ` +
      `+ plugin recommended ${withPlugin.ms.toFixed(0)} ms / ${withPlugin.cpu.toFixed(0)} ms; overhead ${pct(base.ms, withPlugin.ms)} wall, ${pct(base.cpu, withPlugin.cpu)} CPU`,
  );
}
