import { MEMBERS, operationOf, violationFor, type LifecycleState, type RuleId } from '../../src/lifecycle/index.js';
import { SAMPLES } from '../types/member-samples.js';

/**
 * One use of a classified member in one lifecycle state, and the rule the model says it breaks.
 * The same cases drive the lint rules and the guard (and, through the same SAMPLES, the typings in
 * tests/types/model.test.ts), so the three layers are held to the one model.
 */
export interface AgreementCase {
  readonly member: string;
  readonly framework: 'node' | 'express';
  readonly state: LifecycleState;
  /** Statements that bring `res` into `state`. */
  readonly prefix: string;
  /** The statement under test. */
  readonly code: string;
  readonly expected: RuleId | undefined;
  readonly effect: string;
  /** What the runtime guard reports: `expected`, except for members it cannot observe (see MemberSpec.ownProperty). */
  readonly expectedAtRuntime: RuleId | undefined;
}

export const STATE_PREFIX: Record<LifecycleState, string> = {
  open: '',
  sent: 'res.writeHead(200);',
  ended: 'res.end();',
};

export function agreementCases(): AgreementCase[] {
  const cases: AgreementCase[] = [];
  for (const spec of MEMBERS) {
    for (const sample of SAMPLES[spec.name] ?? []) {
      const op = operationOf(spec, { hasData: sample.hasData === true, hasCallback: sample.hasCallback === true });
      for (const state of ['open', 'sent', 'ended'] as const) {
        cases.push({
          member: spec.name,
          framework: spec.framework,
          state,
          prefix: STATE_PREFIX[state],
          code: sample.code,
          expected: violationFor(state, op)?.rule,
          expectedAtRuntime: spec.ownProperty ? undefined : violationFor(state, op)?.rule,
          effect: op.effect,
        });
      }
    }
  }
  return cases;
}
