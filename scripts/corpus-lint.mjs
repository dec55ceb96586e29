// The shared loop of the corpus lint scripts (lint-lifecycle-corpus, lint-require-end-corpus,
// lint-content-length-corpus): every source file under the given roots is linted with the given
// built rules, without type information; sloppy-mode JavaScript that fails as a module is retried
// as a script. Each script prints its own reports through `onReport` and its own summary.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { sourceFiles } from './corpus-files.mjs';

// Where `npm run bench:real` extracts the development corpus (real code by repository and commit,
// bench/real/corpus.json). No third-party code is kept in the repository, so there is no corpus to
// fall back on otherwise.
const EXTRACTED_CORPUS = path.resolve(import.meta.dirname, '../bench/.cache/real');

/**
 * The roots given on the command line (arguments not starting with `--`); without any, the
 * development corpus extracted by `npm run bench:real` when it is there; otherwise print `usage`
 * and exit 2 rather than lint nothing and print empty figures.
 * @param {string[]} args
 * @param {string} usage
 * @returns {string[]}
 */
export function corpusRoots(args, usage) {
  const roots = args.filter((arg) => !arg.startsWith('--'));
  if (roots.length > 0) return roots;
  if (existsSync(EXTRACTED_CORPUS)) return [EXTRACTED_CORPUS];
  console.error(`usage: ${usage}`);
  console.error(`No directory given, and no extracted development corpus at ${path.relative(process.cwd(), EXTRACTED_CORPUS)} (run \`npm run bench:real\` with snapshots first).`);
  process.exit(2);
}

/**
 * The name a corpus file is linted under: `file.js` or `file.ts` (so one config fits `.mjs`,
 * `.cts`, …) in the file's real directory, so rules that read the project around a file (the
 * nearest package.json) see the project's layout.
 * @param {string} file
 * @param {boolean} isTs
 */
export function virtualFilename(file, isTs) {
  return path.join(path.dirname(path.resolve(file)), isTs ? 'file.ts' : 'file.js');
}

/**
 * @param {string[]} roots directories (or files) to lint
 * @param {{ rules: Record<string, object>, settings: Record<string, unknown> }} plugin rules by id,
 *   and the rule entries by id (e.g. `{ 'require-end': ['error', {…}] }`); they run as `rl/<id>`
 * @param {(report: { file: string, lines: string[], message: import('eslint').Linter.LintMessage, ruleId: string }) => void} onReport
 * @returns {{ files: number, lines: number, reports: number, crashes: number, unparsable: number }}
 */
export function lintCorpus(roots, { rules, settings }, onReport) {
  const linter = new Linter({ configType: 'flat' });
  const config = (sourceType, parser) => [
    {
      files: ['**/*.js', '**/*.ts'],
      plugins: { rl: { rules } },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: { ecmaVersion: 'latest', sourceType, ...(parser ? { parser } : {}) },
      rules: Object.fromEntries(Object.entries(settings).map(([id, entry]) => [`rl/${id}`, entry])),
    },
  ];
  const totals = { files: 0, lines: 0, reports: 0, crashes: 0, unparsable: 0 };
  for (const root of roots) {
    for (const file of sourceFiles(root)) {
      const code = readFileSync(file, 'utf8');
      const lines = code.split('\n');
      totals.files += 1;
      totals.lines += lines.length;
      const isTs = /ts$/u.test(file);
      const filename = virtualFilename(file, isTs);
      let messages;
      try {
        messages = linter.verify(code, config(file.endsWith('.cjs') ? 'commonjs' : 'module', isTs ? tsParser : undefined), { filename });
        // old sloppy-mode files: retry as scripts before giving up
        if (messages.some((m) => m.fatal) && !isTs) messages = linter.verify(code, config('script'), { filename });
      } catch (error) {
        totals.crashes += 1;
        console.log(`CRASH ${file}: ${String(error.message).split('\n')[0]}`);
        continue;
      }
      if (messages.some((m) => m.fatal)) {
        totals.unparsable += 1;
        continue;
      }
      for (const message of messages) {
        if (message.ruleId === null) {
          if (message.severity === 1) continue; // e.g. inline directives ignored because of noInlineConfig
          totals.crashes += 1;
          console.log(`CRASH ${file}: ${message.message}`);
          continue;
        }
        totals.reports += 1;
        onReport({ file, lines, message, ruleId: message.ruleId.replace(/^rl\//u, '') });
      }
    }
  }
  return totals;
}

/**
 * A rule that only subscribes to the shared analysis and counts what it saw, so a corpus run says
 * how much of the code the lifecycle rules actually looked at.
 */
export function analysisCoverageProbe(subscribeToAnalysis) {
  const coverage = { handlers: 0, registered: 0, touching: 0 };
  const rule = {
    meta: { type: 'problem', schema: [] },
    create: (context) =>
      subscribeToAnalysis(context, {}, (file) => {
        for (const fn of file.functions) {
          if (fn.handler) coverage.handlers += 1;
          if (fn.handler?.registered) coverage.registered += 1;
          if (fn.touchesResponse) coverage.touching += 1;
        }
      }),
  };
  return { rule, coverage };
}
