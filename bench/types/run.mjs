#!/usr/bin/env node
// Type-check cost of the type-state typings: 1000 generated handlers, typed vs plain, both
// compilers, from --extendedDiagnostics.
// - Types and instantiations are deterministic (checked: every run of a variant must agree). A
//   second, smaller file per variant splits the instantiations into a fixed part and a per-handler
//   part, since a fixed cost makes the ratio depend on the file's size.
// - Check time is wall-clock time and other work on the machine inflates it, never deflates it, so
//   the ratio is taken between the *minimum* check times of interleaved rounds (every variant and
//   compiler once per round, so drift hits them alike); the median is shown too. tsc 7 runs are
//   short (~0.1-0.3 s), so it gets twice the rounds.
// Usage: node bench/types/run.mjs [--handlers 1000] [--rounds 4] [--small 100]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VARIANTS, generate } from './generate.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const HANDLERS = arg('handlers', 1000);
const ROUNDS = arg('rounds', 4);
const SMALL = arg('small', 100);
const TARGET = 1.25;
const DIR = path.resolve('bench/.cache/types');
const COMPILERS = {
  tsc6: { bin: path.resolve('node_modules/typescript/bin/tsc'), runsPerRound: 1 },
  tsc7: { bin: path.resolve('node_modules/typescript7/bin/tsc'), runsPerRound: 2 },
};
const started = Date.now();
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');
const loadBefore = load();

// The handlers import the typings as users do, as declaration files (not re-checked with
// skipLibCheck), emitted here rather than read from dist/ so a concurrent build cannot interfere.
mkdirSync(DIR, { recursive: true });
const emit = spawnSync(
  process.execPath,
  [
    COMPILERS.tsc6.bin,
    'types/index.ts',
    '--ignoreConfig',
    ...['--declaration', '--emitDeclarationOnly', '--outDir', path.join(DIR, 'decl'), '--rootDir', 'types'],
    ...['--module', 'nodenext', '--target', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'],
  ],
  { encoding: 'utf8' },
);
if (emit.status !== 0) throw new Error(`could not emit the typings:\n${emit.stdout}${emit.stderr}`);
const project = (name, count) => {
  const base = count === HANDLERS ? name : `${name}-${count}`;
  writeFileSync(path.join(DIR, `${base}.ts`), generate(name, count, './decl/index.js'));
  writeFileSync(
    path.join(DIR, `${base}.tsconfig.json`),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', include: [], files: [`${base}.ts`] }),
  );
  return path.join(DIR, `${base}.tsconfig.json`);
};
const PROJECTS = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, { full: project(name, HANDLERS), small: project(name, SMALL) }]));

function measure(compiler, tsconfig) {
  const run = spawnSync(process.execPath, [COMPILERS[compiler].bin, '-p', tsconfig, '--noEmit', '--extendedDiagnostics', '--pretty', 'false'], {
    encoding: 'utf8',
  });
  const field = (label) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'mu').exec(run.stdout);
    return m ? Number(m[1]) : NaN;
  };
  const errors = run.stdout.split('\n').filter((l) => / error TS\d+/u.test(l));
  if (errors.length > 0) throw new Error(`${compiler} ${tsconfig}: the benchmark file does not compile:\n${errors.slice(0, 5).join('\n')}`);
  return { types: field('Types'), instantiations: field('Instantiations'), check: field('Check time'), memory: field('Memory used') };
}

// Deterministic figures of the small files: one run each.
const small = {};
for (const compiler of Object.keys(COMPILERS)) {
  for (const name of Object.keys(VARIANTS)) small[`${compiler} ${name}`] = measure(compiler, PROJECTS[name].small);
}

const samples = {};
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [compiler, { runsPerRound }] of Object.entries(COMPILERS)) {
    for (let i = 0; i < runsPerRound; i += 1) {
      for (const name of Object.keys(VARIANTS)) (samples[`${compiler} ${name}`] ??= []).push(measure(compiler, PROJECTS[name].full));
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s, load ${load()})\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (compiler, name) => {
  const key = `${compiler} ${name}`;
  const runs = samples[key];
  for (const field of ['types', 'instantiations']) {
    if (runs.some((r) => r[field] !== runs[0][field])) throw new Error(`${key}: ${field} differ between runs (${runs.map((r) => r[field]).join(', ')})`);
  }
  // Instantiations = fixed + perHandler × handlers, from the full and the small file.
  const perHandler = (runs[0].instantiations - small[key].instantiations) / (HANDLERS - SMALL);
  return {
    types: runs[0].types,
    instantiations: runs[0].instantiations,
    perHandler,
    fixed: runs[0].instantiations - perHandler * HANDLERS,
    checkMin: Math.min(...runs.map((r) => r.check)),
    checkMedian: median(runs.map((r) => r.check)),
    runs: runs.length,
  };
};
const ratio = (a, b) => (b === 0 ? Infinity : a / b);
const x = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');
const signed = (n, digits = 0) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;

const rows = [];
console.log(
  `\n${HANDLERS} handlers (instantiations split using a ${SMALL}-handler file); check time: min and median of ${ROUNDS} rounds (tsc6) / ${
    ROUNDS * COMPILERS.tsc7.runsPerRound
  } (tsc7), in seconds. Load average ${loadBefore} before, ${load()} after, ${os.cpus().length} CPUs.\n`,
);
console.log('| compiler | typed variant | types (ratio) | instantiations typed / plain (ratio) | typed − plain instantiations | check s, min typed / plain (ratio) | Δ min check | check s, median typed / plain (ratio) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const compiler of Object.keys(COMPILERS)) {
  for (const name of Object.keys(VARIANTS).filter((n) => VARIANTS[n].typed)) {
    const t = summary(compiler, name);
    const p = summary(compiler, name.replace('-typed', '-plain'));
    const inst = ratio(t.instantiations, p.instantiations);
    const check = ratio(t.checkMin, p.checkMin);
    rows.push({ compiler, name, inst, check, deltaMs: (t.checkMin - p.checkMin) * 1000, fixed: t.fixed - p.fixed, perHandler: t.perHandler - p.perHandler });
    console.log(
      `| ${compiler} | ${name} | ${t.types} / ${p.types} (${x(ratio(t.types, p.types))}) | ${t.instantiations} / ${p.instantiations} (${x(inst)}) | ${signed(
        t.fixed - p.fixed,
      )} fixed, ${signed(t.perHandler - p.perHandler, 1)} per handler | ${t.checkMin.toFixed(2)} / ${p.checkMin.toFixed(2)} (${x(check)}) | ${signed(
        (t.checkMin - p.checkMin) * 1000,
      )} ms | ${t.checkMedian.toFixed(2)} / ${p.checkMedian.toFixed(2)} (${x(ratio(t.checkMedian, p.checkMedian))}) |`,
    );
  }
}
// Per body type: what a handler with a body type of its own costs beyond one that shares the
// response type (the per-handler instantiations of the `bodies` variants minus the shared ones).
console.log('\nPer body type (each handler of the `bodies` variants has its own; extra instantiations per handler over a shared response type):\n');
console.log('| compiler | registration | typed: per handler, shared / own body type | plain: per handler, shared / own body type | cost of one body type, typed / plain | fixed cost of the typings |');
console.log('|---|---|---|---|---|---|');
for (const compiler of Object.keys(COMPILERS)) {
  for (const [registration, shared, own] of [
    ['direct', 'express-typed', 'express-typed-bodies'],
    ['none', 'express-typed-noreg', 'express-typed-bodies-noreg'],
  ]) {
    const ts = summary(compiler, shared);
    const to = summary(compiler, own);
    const ps = summary(compiler, shared.replace('-typed', '-plain'));
    const po = summary(compiler, own.replace('-typed', '-plain'));
    const typedCost = to.perHandler - ts.perHandler;
    const plainCost = po.perHandler - ps.perHandler;
    console.log(
      `| ${compiler} | ${registration} | ${ts.perHandler.toFixed(1)} / ${to.perHandler.toFixed(1)} | ${ps.perHandler.toFixed(1)} / ${po.perHandler.toFixed(1)} | ${typedCost.toFixed(
        1,
      )} / ${plainCost.toFixed(1)} (${signed(typedCost - plainCost, 1)}) | ${signed(ts.fixed - ps.fixed)} |`,
    );
  }
}

const missed = rows.flatMap((r) => [
  ...(r.inst > TARGET ? [`${r.compiler} ${r.name} instantiations ${x(r.inst)} (${signed(r.fixed)} fixed, ${signed(r.perHandler, 1)} per handler)`] : []),
  ...(r.check > TARGET ? [`${r.compiler} ${r.name} min check ${x(r.check)} (${signed(r.deltaMs)} ms)`] : []),
]);
console.log(
  `\nTarget: typed/plain <= ${TARGET}x for instantiations and check time (min): ${
    missed.length === 0 ? `met by all ${rows.length} variants` : `not met by ${missed.join('; ')}`
  }.`,
);
console.log(
  '\nReading the table: a small plain figure makes a large ratio of a small cost (express-typed-noreg: handlers that are never registered instantiate almost nothing, so the fixed cost of the state types is the whole ratio); the fixed and per-handler columns say which it is. Check times under ~50 ms differ by a few ms of timer and scheduling noise.',
);
console.error(`bench:types took ${((Date.now() - started) / 1000).toFixed(0)} s`);
