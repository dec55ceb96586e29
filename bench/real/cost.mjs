#!/usr/bin/env node
// Lint cost on the development corpus: eslint:recommended alone (base) against eslint:recommended
// plus the plugin's `recommended` (plugin), each arm in a child process of its own so that its CPU
// time is its own, in alternating order (base plugin, plugin base, …) so that drift of the machine
// hits both alike. Prints the median wall and CPU time of each arm and the plugin's overhead.
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots npm run bench:real:cost [-- --pairs 3]
//
// CPU time on a shared machine moves by ±10% between runs, more than the difference being judged.
// `--instructions` counts machine instructions instead (valgrind's callgrind, fixed hash and random
// seeds), on every Nth corpus file (`--every`, default 5): each arm's count minus the count of the
// same arm reading the same files and linting none (`--dry`, its start-up). V8 runs as users run
// it (compilers and GC helpers on threads of their own), and the figure is given twice: all threads
// (what CPU time measures) and the main thread (what the wall clock waits for when a core is free
// for the helpers). Thread timing moves these counts a little: `--runs N` repeats the pair and
// gives each run and the median. `--predictable` gives the single-threaded count of earlier figures
// (Node `--single-threaded --predictable`: deterministic, but every optimizing compile then runs on
// the main thread with V8's timers faked, which inflates the plugin's share; see README.md).
//
//   RESPONSE_LIFECYCLE_SNAPSHOTS=/path/to/snapshots node bench/real/cost.mjs --instructions [--every 5] [--runs 3] [--predictable]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { virtualFilename } from '../../scripts/corpus-lint.mjs';
import { DIST, ROOT, SNAPSHOTS, filesOf, staleDistWarning, loadCorpus, treeOf } from './corpus.mjs';

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

/**
 * Lints as `eslint .` does: one `ESLint` instance per parser setup (module, CommonJS, script,
 * TypeScript), each finalizing its config once, so every rule's options are validated once per run.
 * (`Linter#verify` given a fresh config array per file re-validated every rule's options on every
 * file: a cost no ESLint run pays, which weighed most on the files where the plugin has nothing to
 * do. bench/RESULTS.md, issue 15.)
 */
async function runArm(which) {
  const plugin = which === 'plugin' ? (await import(path.join(DIST, 'src/index.js'))).default : undefined;
  const rules = { ...js.configs.recommended.rules, ...(plugin ? plugin.configs.recommended.rules : {}) };
  const instances = new Map();
  const eslintFor = (sourceType, ts) => {
    const key = `${sourceType}/${ts}`;
    let eslint = instances.get(key);
    if (!eslint) {
      eslint = new ESLint({
        cwd: ROOT,
        ignore: false,
        overrideConfigFile: true,
        overrideConfig: [
          {
            files: ['**/*.js', '**/*.ts'],
            ...(plugin ? { plugins: { 'response-lifecycle': plugin } } : {}),
            linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
            languageOptions: { ecmaVersion: 'latest', sourceType, ...(ts ? { parser: tsParser } : {}) },
            rules,
          },
        ],
      });
      instances.set(key, eslint);
    }
    return eslint;
  };
  const lint = async (code, filePath, sourceType, ts) => (await eslintFor(sourceType, ts).lintText(code, { filePath }))[0].messages;
  const sources = corpusFiles().map((file) => ({ file, code: readFileSync(file, 'utf8') }));
  const cpu = process.cpuUsage();
  const start = performance.now();
  let messages = 0;
  for (const { file, code } of dry ? [] : sources) {
    const ts = /ts$/u.test(file);
    const filename = virtualFilename(file, ts);
    let out = await lint(code, filename, file.endsWith('.cjs') ? 'commonjs' : 'module', ts);
    if (out.some((m) => m.fatal) && !ts) out = await lint(code, filename, 'script', false);
    messages += out.length;
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, files: sources.length, messages };
}

/** Instructions of one callgrind output file (one thread). */
function instructionsIn(file) {
  const totals = /^(?:summary|totals): (\d+)/mu.exec(readFileSync(file, 'utf8'));
  return totals ? Number(totals[1]) : 0;
}

/** One arm under callgrind; resolves to the instructions it executed, in all threads and in the main thread. */
function countInstructions(which, sample, dryRun = false) {
  const predictable = args.includes('--predictable');
  const node = [process.execPath, '--hash-seed=1', '--random-seed=1', ...(predictable ? ['--single-threaded', '--predictable'] : [])];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lint-cost-'));
  const argv = [
    '--tool=callgrind',
    '--separate-threads=yes',
    `--callgrind-out-file=${path.join(dir, 'callgrind.out')}`,
    ...node,
    import.meta.filename,
    '--arm',
    which,
    '--every',
    String(sample),
    ...(dryRun ? ['--dry'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', argv, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const collected = /Collected : (\d+)/u.exec(err);
        if (code !== 0 || !collected) return reject(new Error(`arm ${which} under callgrind failed (${code}): ${err.slice(-500)}`));
        // One file per thread, `callgrind.out-01` being the main thread (`callgrind.out` itself stays empty).
        const files = readdirSync(dir).filter((name) => /^callgrind\.out-\d+$/u.test(name)).sort();
        const main = files.length > 0 ? instructionsIn(path.join(dir, files[0])) : Number(collected[1]);
        resolve({ instructions: Number(collected[1]), main, ...JSON.parse(out.trim().split('\n').pop()) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function instructionRun() {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('bench:real:cost --instructions skipped: valgrind is not installed');
    return;
  }
  const sample = args.includes('--every') ? every : 5;
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 1;
  const giga = (n) => `${(n / 1e9).toFixed(3)} G`;
  const pct = (base, plugin) => ((plugin - base) / base) * 100;
  const overheads = { all: [], main: [] };
  let files = 0;
  for (let run = 1; run <= runs; run++) {
    // Two at a time (each count is its own process's). Each arm's own start-up (the plugin arm also
    // loads the plugin) is subtracted, as the CPU figure starts after loading.
    const [baseStart, pluginStart] = await Promise.all([countInstructions('base', sample, true), countInstructions('plugin', sample, true)]);
    const [base, withPlugin] = await Promise.all([countInstructions('base', sample), countInstructions('plugin', sample)]);
    files = base.files;
    const lint = (arm, start, field) => arm[field] - start[field];
    for (const field of ['all', 'main']) {
      const key = field === 'all' ? 'instructions' : 'main';
      const lintBase = lint(base, baseStart, key);
      const lintPlugin = lint(withPlugin, pluginStart, key);
      overheads[field].push(pct(lintBase, lintPlugin));
      console.log(
        `run ${run}, ${field === 'all' ? 'all threads' : 'main thread'}: eslint:recommended ${giga(lintBase)}; ` +
          `+ plugin recommended ${giga(lintPlugin)}; overhead ${pct(lintBase, lintPlugin).toFixed(1)}%`,
      );
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const mode = args.includes('--predictable') ? 'Node --single-threaded --predictable' : "V8's default threads";
  console.log(
    `every ${sample}th file (${files} files), ${mode}, instructions without start-up, median of ${runs} run(s): ` +
      `overhead ${median(overheads.all).toFixed(1)}% all threads, ${median(overheads.main).toFixed(1)}% main thread`,
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
