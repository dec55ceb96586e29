// bench/recall: the line carried from a fix's parent to the fix (lines.mjs), and the shape of
// cases.json, which people edit by hand (a typo in a kind or a short sha would silently drop a case
// from its group or fail only where snapshots exist).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs bench module without declarations
import { mapLine } from '../../bench/recall/lines.mjs';

const map = mapLine as (diff: string, line: number) => number;

describe('bench/recall mapLine', () => {
  it('leaves lines before the first hunk alone', () => {
    expect(map('@@ -10,2 +10,3 @@', 9)).toBe(9);
  });
  it('shifts lines after a changed hunk by the lines it added', () => {
    expect(map('@@ -10,2 +10,3 @@', 12)).toBe(13);
  });
  it('maps a changed line to the start of its replacement', () => {
    expect(map('@@ -10,2 +10,3 @@', 11)).toBe(10);
  });
  it('shifts lines after a pure insertion, not the line it follows', () => {
    expect(map('@@ -10,0 +11,2 @@', 10)).toBe(10);
    expect(map('@@ -10,0 +11,2 @@', 11)).toBe(13);
  });
  it('shifts lines after a pure deletion back', () => {
    expect(map('@@ -10,2 +9,0 @@', 12)).toBe(10);
    expect(map('@@ -10,2 +9,0 @@', 10)).toBe(10);
  });
  it('adds up several hunks', () => {
    expect(map('@@ -3 +3,2 @@\n@@ -10,2 +10,0 @@', 20)).toBe(19);
  });
});

const RULE_OF_KIND: Record<string, string> = {
  'double-send': 'no-double-send',
  'header-after-send': 'no-header-after-send',
  'write-after-end': 'no-write-after-end',
  hang: 'require-end',
  'content-length': 'content-length-in-bytes',
};
const PLACES = ['route handler', 'middleware', 'proxy', 'static server', 'error listener', 'response method', 'framework'];

describe('bench/recall/cases.json', () => {
  const { cases } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../bench/recall/cases.json'), 'utf8')) as {
    cases: Array<Record<string, unknown>>;
  };
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  it.each(cases.map((c) => [`${String(c.repo)} ${String(c.fix).slice(0, 10)} ${String(c.path)}:${String(c.line)}`, c]))('%s is well formed', (_, c) => {
    expect(c.repo).toMatch(/^[\w.-]+\/[\w.-]+$/u);
    expect(c.fix).toMatch(/^[0-9a-f]{40}$/u);
    expect(typeof c.path).toBe('string');
    expect(Number.isInteger(c.line) && (c.line as number) > 0).toBe(true);
    if (c.alsoAt !== undefined) {
      expect(Array.isArray(c.alsoAt) && (c.alsoAt as unknown[]).every((l) => Number.isInteger(l) && (l as number) > 0)).toBe(true);
    }
    expect(Object.keys(RULE_OF_KIND)).toContain(c.kind);
    expect(c.rule).toBe(RULE_OF_KIND[c.kind as string]);
    expect(PLACES).toContain(c.where);
    expect(String(c.why).length).toBeGreaterThan(40);
  });
  it('has no case twice', () => {
    const keys = cases.map((c) => `${String(c.fix)} ${String(c.path)}:${String(c.line)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
