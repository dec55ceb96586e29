import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { rules } from '../../rules/index.js';
import plugin from '../../src/index.js';

/** Packages of the dev tree whose code nobody here wrote: a mix of Express-style and tooling code. */
export const FOREIGN_PACKAGES = [
  'express',
  'router',
  'body-parser',
  'send',
  'serve-static',
  'finalhandler',
  'http-errors',
  'cookie',
  'qs',
  'raw-body',
  'type-is',
  'accepts',
  'negotiator',
  'content-disposition',
  'on-finished',
  'autocannon',
  'eslint',
  'espree',
  '@eslint',
  '@typescript-eslint',
  'typescript-eslint',
  'ajv',
  'vitest',
  '@vitest',
  'vite',
  'rollup',
  'tinyglobby',
  'eslint-doc-generator',
  'publint',
  '@arethetypeswrong',
  'semver',
  'debug',
  'minimatch',
];

/** Every package directory under node_modules (scoped ones expanded). */
export function allPackages(root: string): string[] {
  const modules = path.join(root, 'node_modules');
  return readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(modules, name)).map((sub) => `${name}/${sub}`) : [name]))
    .sort();
}

const EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts']);

/** Source files (no .d.ts) under the given packages, in a stable order. */
export function foreignFiles(root: string, packages = FOREIGN_PACKAGES, maxBytes = 2_000_000): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) walk(full);
      } else if (EXTENSIONS.has(path.extname(entry)) && !/\.d\.[cm]?ts$/u.test(entry) && stat.size <= maxBytes) {
        files.push(full);
      }
    }
  };
  for (const name of packages) walk(path.join(root, 'node_modules', name));
  return files;
}

export interface SweepResult {
  files: number;
  lines: number;
  /** Files the parser could not read (not a rule problem; reported for information). */
  parseErrors: number;
  reports: Record<string, number>;
  /** A rule threw: the file and the error. Must stay empty. */
  crashes: { file: string; error: string }[];
}

const allRulesOn = Object.fromEntries(Object.keys(rules).map((id) => [`response-lifecycle/${id}`, 'error' as const]));

function configFor(file: string, sourceType: 'module' | 'commonjs' | 'script'): Linter.Config[] {
  const ts = /\.[cm]?ts$/u.test(file);
  return [
    {
      files: ['**/*'],
      plugins: { 'response-lifecycle': plugin as never },
      // Foreign files carry directives for rules that are not loaded here: ignore them.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType,
        ...(ts ? { parser: tsParser as never } : {}),
        parserOptions: { ecmaFeatures: { jsx: /\.[jt]sx$/u.test(file) } },
      },
      rules: allRulesOn,
    },
  ];
}

/** The name a file is linted under: its path with node_modules segments renamed. */
export function lintedName(file: string): string {
  return file.split(path.sep).map((part) => (part === 'node_modules' ? 'deps' : part)).join(path.sep);
}

/** Lint one file's text with every rule; a rule exception is recorded, never thrown. */
export function lintWithEveryRule(linter: Linter, file: string, text: string, result: SweepResult): void {
  const attempts: ('module' | 'commonjs' | 'script')[] = file.endsWith('.cjs')
    ? ['commonjs']
    : file.endsWith('.mjs')
      ? ['module']
      : ['module', 'commonjs'];
  for (const [i, sourceType] of attempts.entries()) {
    let messages: Linter.LintMessage[];
    try {
      // Flat config ignores **/node_modules/** by default, and Linter then returns no message at
      // all: lint the text under a path outside node_modules so the rules really run.
      messages = linter.verify(text, configFor(file, sourceType), { filename: lintedName(file) });
    } catch (error) {
      result.crashes.push({ file, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return;
    }
    const fatal = messages.some((m) => m.fatal);
    if (fatal && i < attempts.length - 1) continue;
    if (fatal) result.parseErrors += 1;
    for (const message of messages) {
      if (message.ruleId?.startsWith('response-lifecycle/')) result.reports[message.ruleId] = (result.reports[message.ruleId] ?? 0) + 1;
    }
    return;
  }
}

/** Lint files until `maxLines` lines have been linted (all of them when omitted). */
export function sweep(files: readonly string[], maxLines = Infinity): SweepResult {
  const linter = new Linter({ configType: 'flat' });
  const result: SweepResult = { files: 0, lines: 0, parseErrors: 0, reports: {}, crashes: [] };
  for (const file of files) {
    if (result.lines >= maxLines) break;
    const text = readFileSync(file, 'utf8');
    result.files += 1;
    result.lines += text.split('\n').length;
    lintWithEveryRule(linter, file, text, result);
  }
  return result;
}

/** Every n-th file, so that a bounded sample still spans every package. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}
