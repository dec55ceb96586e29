/**
 * The typings agree with the lifecycle model: for every member of MEMBERS, every sample use in
 * every state is a compile error exactly where `violationFor(state, operationOf(...))` says so, and
 * every transition leaves `res` in the state `stateAfter` says. Both compilers, one generated file
 * per framework, exact line sets.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MEMBERS,
  operationOf,
  stateAfter,
  violationFor,
  type LifecycleState,
  type MemberSpec,
} from '../../src/lifecycle/index.js';
import { declaredMembers } from '../../scripts/type-model.js';
import { SAMPLES, type Sample } from './member-samples.js';
import { COMPILERS, runTsc, type Compiler, type TscDiagnostic } from './tsc.js';

const DIR = path.resolve('.tmp/type-cases/model');
const STATE_TYPES = {
  node: { open: 'NodeRes', sent: 'NodeSentRes', ended: 'NodeEndedRes' },
  express: { open: 'Res', sent: 'SentRes', ended: 'EndedRes' },
} as const;
type Framework = keyof typeof STATE_TYPES;

interface Expectation {
  line: number;
  /** What the error text must contain. */
  mustMention: string;
  why: string;
}

const declared = declaredMembers();
const op = (spec: MemberSpec, sample: Sample) =>
  operationOf(spec, { hasData: sample.hasData ?? false, hasCallback: sample.hasCallback ?? false });
const isRefused = (spec: MemberSpec, sample: Sample, state: LifecycleState) =>
  !declared.has(spec.name) || violationFor(state, op(spec, sample)) !== undefined;
const mention = (spec: MemberSpec) => (declared.has(spec.name) ? `res.${spec.name}` : `'${spec.name}' does not exist`);

/** Members whose refusal marks a state: a head mutation (refused once sent), a body write (refused once ended). */
const PROBES = ['mutateHead', 'writeBody'].map((effect) => {
  const spec = MEMBERS.find((m) => m.effect === effect && m.kind === 'method' && declared.has(m.name));
  if (!spec) throw new Error(`no probe member with effect ${effect}`);
  return { spec, sample: SAMPLES[spec.name]![0]! };
});

function render(framework: Framework): { source: string; expected: Expectation[]; cases: number } {
  const types = STATE_TYPES[framework];
  const lines = [`import type { ${Object.values(types).join(', ')} } from '../../../types/index.js';`, ''];
  const expected: Expectation[] = [];
  let cases = 0;
  const fn = (param: string, body: readonly (readonly [code: string, expect?: Omit<Expectation, 'line'>])[]) => {
    lines.push(`export function case${cases++}(res: ${param}) {`);
    for (const [code, expectation] of body) {
      lines.push(`  ${code};`);
      if (expectation) expected.push({ line: lines.length, ...expectation });
    }
    lines.push('}');
  };
  const members = MEMBERS.filter((spec) => framework === 'express' || spec.framework === 'node');
  for (const spec of members) {
    for (const sample of SAMPLES[spec.name] ?? []) {
      for (const state of ['open', 'sent', 'ended'] as const) {
        // The member used in a state.
        const refused = isRefused(spec, sample, state);
        fn(types[state], [[sample.code, refused ? { mustMention: mention(spec), why: `${sample.code} in ${state}` } : undefined]]);
        // The state it leaves behind, seen through each probe.
        if (refused || state === 'ended') continue;
        const after = stateAfter(state, op(spec, sample));
        for (const probe of PROBES) {
          const probeRefused = isRefused(probe.spec, probe.sample, after);
          fn(types[state], [
            [sample.code],
            [probe.sample.code, probeRefused ? { mustMention: mention(probe.spec), why: `${sample.code} (${state} -> ${after}) then ${probe.sample.code}` } : undefined],
          ]);
        }
      }
    }
  }
  return { source: lines.join('\n') + '\n', expected, cases };
}

const rendered = { node: render('node'), express: render('express') };

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(
    path.join(DIR, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', include: ['*.ts'] }, null, 2),
  );
  for (const framework of ['node', 'express'] as const) writeFileSync(path.join(DIR, `${framework}.ts`), rendered[framework].source);
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('the typings agree with the lifecycle model', () => {
  it('has a sample for every member the model classifies', () => {
    expect(MEMBERS.filter((spec) => !SAMPLES[spec.name]?.length).map((spec) => spec.name)).toEqual([]);
  });

  it('covers refused and allowed uses in both frameworks', () => {
    for (const framework of ['node', 'express'] as const) {
      expect(rendered[framework].expected.length).toBeGreaterThan(50);
      expect(rendered[framework].cases - rendered[framework].expected.length).toBeGreaterThan(100);
    }
  });

  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    it(`${compiler}: errors exactly where violationFor says, and each names the operation`, () => {
      const diagnostics = runTsc(compiler, path.join(DIR, 'tsconfig.json'));
      for (const framework of ['node', 'express'] as const) {
        const file = path.join(DIR, `${framework}.ts`);
        const byLine = new Map<number, TscDiagnostic[]>();
        for (const d of diagnostics.filter((d) => d.file === file)) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
        const { expected, source } = rendered[framework];
        const sourceLines = source.split('\n');
        const missing = expected.filter((e) => !byLine.has(e.line)).map((e) => `${framework}:${e.line} ${e.why}`);
        const expectedLines = new Set(expected.map((e) => e.line));
        const unexpected = [...byLine.values()]
          .flat()
          .filter((d) => !expectedLines.has(d.line))
          .map((d) => `${framework}:${d.line} ${sourceLines[d.line - 1]?.trim()} -> TS${d.code} ${d.text}`);
        const wrongText = expected
          .filter((e) => byLine.has(e.line) && !byLine.get(e.line)!.some((d) => d.text.includes(e.mustMention)))
          .map((e) => `${framework}:${e.line} ${e.why}: ${byLine.get(e.line)!.map((d) => d.text).join(' | ')}`);
        expect({ missing, unexpected, wrongText }).toEqual({ missing: [], unexpected: [], wrongText: [] });
      }
      expect(diagnostics.filter((d) => !d.file.startsWith(DIR))).toEqual([]);
    });
  }
});
