#!/usr/bin/env node
// Type-check cost of the type-state typings: 1000 generated handlers, typed vs plain, both
// compilers, from --extendedDiagnostics. Types and instantiations are deterministic; check time
// is the median of interleaved rounds (every variant and compiler once per round, so machine drift
// hits all of them alike). Usage: node bench/types/run.mjs [--handlers 1000] [--rounds 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VARIANTS, generate } from './generate.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const HANDLERS = arg('handlers', 1000);
const ROUNDS = arg('rounds', 5);
const DIR = path.resolve('bench/.cache/types');
const COMPILERS = {
  tsc6: path.resolve('node_modules/typescript/bin/tsc'),
  tsc7: path.resolve('node_modules/typescript7/bin/tsc'),
};

// The handlers import the typings as users do, as declaration files (not re-checked with
// skipLibCheck), emitted here rather than read from dist/ so a concurrent build cannot interfere.
mkdirSync(DIR, { recursive: true });
const emit = spawnSync(
  process.execPath,
  [
    COMPILERS.tsc6,
    'types/index.ts',
    '--ignoreConfig',
    ...['--declaration', '--emitDeclarationOnly', '--outDir', path.join(DIR, 'decl'), '--rootDir', 'types'],
    ...['--module', 'nodenext', '--target', 'es2023', '--strict', '--skipLibCheck', '--types', 'node'],
  ],
  { encoding: 'utf8' },
);
if (emit.status !== 0) throw new Error(`could not emit the typings:\n${emit.stdout}${emit.stderr}`);
for (const name of Object.keys(VARIANTS)) {
  writeFileSync(path.join(DIR, `${name}.ts`), generate(name, HANDLERS, './decl/index.js'));
  writeFileSync(
    path.join(DIR, `${name}.tsconfig.json`),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', include: [], files: [`${name}.ts`] }),
  );
}

function measure(compiler, name) {
  const run = spawnSync(
    process.execPath,
    [COMPILERS[compiler], '-p', path.join(DIR, `${name}.tsconfig.json`), '--noEmit', '--extendedDiagnostics', '--pretty', 'false'],
    { encoding: 'utf8' },
  );
  const field = (label) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'mu').exec(run.stdout);
    return m ? Number(m[1]) : NaN;
  };
  const errors = run.stdout.split('\n').filter((l) => / error TS\d+/u.test(l));
  if (errors.length > 0) throw new Error(`${compiler} ${name}: the benchmark file does not compile:\n${errors.slice(0, 5).join('\n')}`);
  return { types: field('Types'), instantiations: field('Instantiations'), check: field('Check time'), memory: field('Memory used') };
}

const samples = {};
for (let round = 0; round < ROUNDS; round += 1) {
  for (const compiler of Object.keys(COMPILERS)) {
    for (const name of Object.keys(VARIANTS)) {
      (samples[`${compiler} ${name}`] ??= []).push(measure(compiler, name));
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (compiler, name) => {
  const runs = samples[`${compiler} ${name}`];
  return {
    types: runs[0].types,
    instantiations: runs[0].instantiations,
    check: median(runs.map((r) => r.check)),
    checkMin: Math.min(...runs.map((r) => r.check)),
    memory: median(runs.map((r) => r.memory)),
  };
};
const ratio = (a, b) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

console.log(`\n${HANDLERS} handlers, ${ROUNDS} rounds; check time in seconds (median, min)\n`);
console.log('| compiler | typed variant | types (ratio) | instantiations (ratio) | check s typed / plain (ratio) |');
console.log('|---|---|---|---|---|');
for (const compiler of Object.keys(COMPILERS)) {
  for (const name of Object.keys(VARIANTS).filter((n) => VARIANTS[n].typed)) {
    const plainName = name.replace('-typed', '-plain');
    const t = summary(compiler, name);
    const p = summary(compiler, plainName);
    console.log(
      `| ${compiler} | ${name} | ${t.types} / ${p.types} (${ratio(t.types, p.types)}) | ${t.instantiations} / ${p.instantiations} (${ratio(t.instantiations, p.instantiations)}) | ${t.check.toFixed(2)} (min ${t.checkMin.toFixed(2)}) / ${p.check.toFixed(2)} (min ${p.checkMin.toFixed(2)}) (${ratio(t.check, p.check)}) |`,
    );
  }
}
console.log('\nTarget: typed/plain <= 1.25x for instantiations and check time.');
