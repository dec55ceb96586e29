import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import plugin from '../../src/index.js';

const DOCS = path.resolve(import.meta.dirname, '../../docs/rules');

interface Example {
  lang: 'js' | 'ts';
  kind: 'incorrect' | 'correct';
  options: unknown[];
  code: string;
  line: number;
}

/** Code fences whose info string is `js incorrect`, `ts correct`, … (optionally followed by JSON options). */
function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const fence = /^```(js|ts) (incorrect|correct)(?: (.*))?\n([\s\S]*?)^```$/gmu;
  for (const match of markdown.matchAll(fence)) {
    found.push({
      lang: match[1] as 'js' | 'ts',
      kind: match[2] as 'incorrect' | 'correct',
      options: match[3] ? (JSON.parse(match[3]) as unknown[]) : [],
      code: match[4] ?? '',
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return found;
}

function lint(ruleId: string, example: Example): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    example.code,
    [
      {
        files: ['**/*.js', '**/*.ts'],
        plugins: { 'response-lifecycle': plugin as never },
        languageOptions: {
          ecmaVersion: 'latest',
          sourceType: 'module',
          ...(example.lang === 'ts' ? { parser: tsParser as never } : {}),
        },
        rules: { [`response-lifecycle/${ruleId}`]: ['error', ...example.options] as Linter.RuleEntry },
      },
    ],
    { filename: example.lang === 'ts' ? 'example.ts' : 'example.js' },
  );
}

describe('rule docs', () => {
  it('has exactly one page per rule', () => {
    const pages = (existsSync(DOCS) ? readdirSync(DOCS) : [])
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.replace(/\.md$/u, ''))
      .sort();
    expect(pages).toEqual(Object.keys(rules).sort());
  });

  for (const [ruleId, rule] of Object.entries(rules)) {
    describe(ruleId, () => {
      const markdown = readFileSync(path.join(DOCS, `${ruleId}.md`), 'utf8');

      it('links meta.docs.url to its page', () => {
        expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${ruleId}\\.md$`, 'u'));
      });

      it('has the sections users look for', () => {
        for (const heading of ['## Rule details', '## Examples', '## Options', '## When not to use it']) {
          expect(markdown).toContain(heading);
        }
      });

      const all = examples(markdown);
      it('has both incorrect and correct examples', () => {
        expect(all.some((e) => e.kind === 'incorrect')).toBe(true);
        expect(all.some((e) => e.kind === 'correct')).toBe(true);
      });

      for (const example of all) {
        it(`${example.kind} example at line ${example.line} is ${example.kind === 'incorrect' ? 'reported' : 'clean'}`, () => {
          const messages = lint(ruleId, example);
          expect(messages.filter((m) => m.fatal)).toEqual([]);
          const own = messages.filter((m) => m.ruleId === `response-lifecycle/${ruleId}`);
          if (example.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
          else expect(own).toEqual([]);
        });
      }
    });
  }
});
