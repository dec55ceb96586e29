#!/usr/bin/env node
// `npm run bench`: build, then every benchmark (lint, then `bench:types` and `bench:guard` when the
// package has those scripts), and bench/RESULTS.md with all the figures side by side, the machine
// and the commands. Never part of `npm test`. Each part's output is shown as it runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/RESULTS.md');
const LINT_MD = path.join(ROOT, 'bench/.cache/results/lint.md');
/**
 * The other benchmarks, run when their npm script exists. A part that overruns its limit is
 * stopped; the limits are for a machine busy with other work (unloaded, all parts take ~8 min).
 */
const OTHER_PARTS = [
  { script: 'bench:types', title: 'Types', timeoutMs: 10 * 60_000 },
  { script: 'bench:guard', title: 'Guard', timeoutMs: 10 * 60_000 },
];
const started = Date.now();

/**
 * Run a command, echoing its output live, and keep the output. Past `timeoutMs` the command's
 * whole process group is stopped (npm scripts start children of their own).
 */
function run(command, args, timeoutMs) {
  return new Promise((resolve) => {
    const begin = Date.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let signal;
    const timer = setTimeout(() => {
      signal = 'SIGTERM';
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, seconds: (Date.now() - begin) / 1000 });
    });
  });
}

/** A part's output with tables: a blank line before each table, and other lines kept as lines. */
function asMarkdown(text) {
  const out = [];
  let inTable = false;
  for (const line of text.trim().split('\n')) {
    const tableRow = line.startsWith('|');
    if (tableRow && !inTable && out.length > 0 && out.at(-1) !== '') out.push('');
    if (!tableRow && inTable && line !== '') out.push('');
    out.push(tableRow || line === '' ? line : `${line}  `);
    inTable = tableRow;
  }
  return out.join('\n');
}

const version = (args) => spawnSync(args[0], args.slice(1), { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const packageVersion = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
};

const commit = version(['git', 'rev-parse', '--short', 'HEAD']);
const dirty = version(['git', 'status', '--porcelain', '--untracked-files=no']) !== '';
const machine = [
  `- Date: ${new Date(started).toISOString()}`,
  `- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`,
  `- Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  `- Node ${process.version}, npm ${version(['npm', '--version'])}, ESLint ${packageVersion('eslint')}, typescript-eslint ${packageVersion('typescript-eslint')}, TypeScript ${packageVersion('typescript')} and ${packageVersion('typescript7')}`,
  `- Commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
];

console.log('== npm run build ==');
const build = await run('npm', ['run', 'build'], 5 * 60_000);
if (!existsSync(path.join(ROOT, 'dist/src/index.js'))) {
  // Another build in the same tree may be under way; bench/lint waits for it and snapshots dist/.
  console.error('no dist/src/index.js right after the build');
}

const sections = [];
const summary = [];

console.log('\n== lint: node bench/lint/run.mjs ==');
const lint = await run(process.execPath, ['bench/lint/run.mjs'], 10 * 60_000);
if (lint.code === 0 && existsSync(LINT_MD)) {
  sections.push(readFileSync(LINT_MD, 'utf8'));
  const targets = JSON.parse(readFileSync(LINT_MD.replace(/\.md$/u, '.json'), 'utf8')).targets;
  for (const t of targets) summary.push(`| lint | ${t.name} | ${t.figure} | ${t.met ? 'yes' : '**no**'} |`);
} else {
  sections.push(`## Lint\n\nThe lint benchmark failed (exit ${lint.code}${lint.signal ? `, ${lint.signal}` : ''}):\n\n\`\`\`text\n${lint.stderr.slice(-3000)}\n\`\`\`\n`);
  summary.push('| lint | (failed) | | |');
}

const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
for (const part of OTHER_PARTS) {
  if (!scripts[part.script]) {
    sections.push(`## ${part.title}\n\nNo \`${part.script}\` script in package.json yet: not measured.\n`);
    summary.push(`| ${part.title.toLowerCase()} | (no \`${part.script}\` script yet) | | |`);
    continue;
  }
  console.log(`\n== ${part.title.toLowerCase()}: npm run ${part.script} ==`);
  const result = await run('npm', ['run', '--silent', part.script], part.timeoutMs);
  const status =
    result.code === 0
      ? `exit 0 in ${result.seconds.toFixed(0)} s`
      : `**failed**: exit ${result.code}${result.signal ? `, stopped by ${result.signal} after ${result.seconds.toFixed(0)} s (limit ${part.timeoutMs / 60_000} min)` : ''}`;
  // A part that prints Markdown tables is published as is; anything else as plain text.
  const body = /^\|.*\|\s*$/mu.test(result.stdout) ? asMarkdown(result.stdout) : `\`\`\`text\n${result.stdout.trim()}\n\`\`\``;
  const errors = result.code === 0 ? '' : `\n\nLast error output:\n\n\`\`\`text\n${result.stderr.slice(-3000)}\n\`\`\``;
  sections.push(`## ${part.title} (\`npm run ${part.script}\`: \`${scripts[part.script]}\`, ${status})\n\n${body}${errors}\n`);
  const targetLines = result.stdout.split('\n').filter((line) => /target/iu.test(line));
  summary.push(`| ${part.title.toLowerCase()} | ${targetLines.map((l) => l.replace(/\|/gu, '/').trim()).join('<br>') || 'see below'} | | ${result.code === 0 ? 'see below' : '**failed**'} |`);
}

const totalSeconds = (Date.now() - started) / 1000;
const markdown = `# Benchmark results

Written by \`npm run bench\` (bench/run.mjs): \`npm run build\`, then \`node bench/lint/run.mjs\`, then
\`npm run bench:types\` and \`npm run bench:guard\` when those scripts exist. Total ${(totalSeconds / 60).toFixed(1)} min${build.code === 0 ? '' : ' (the build reported errors; dist/ was still emitted and used)'}.

${machine.join('\n')}

## Targets

| part | target | figure | met |
| --- | --- | --- | --- |
${summary.join('\n')}

${sections.join('\n')}`;
writeFileSync(RESULTS, markdown);
console.log(`\nbench/RESULTS.md written (${(totalSeconds / 60).toFixed(1)} min in all)`);
