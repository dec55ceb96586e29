import {
  memberSpec,
  MEMBERS,
  operationOf,
  PSEUDO_OPERATIONS,
  stateAfter,
  violationFor,
  type LifecycleState,
  type Operation,
  type RuleId,
} from '../../src/lifecycle/index.js';
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

/** One call of a chain: a member with what its arguments look like, or `next()`. */
type Call = readonly [name: string, args?: { hasData?: boolean; hasCallback?: boolean }];

/**
 * Send chains and the calls people write after a finish, each as the calls it makes, left to right.
 * The lint rules report one violation per chain (the outermost call that breaks a rule: in
 * `res.status(500).json(b)` after a send, the `json()`); the guard sees the calls one by one and must
 * reach the same verdict.
 */
const CHAINS: readonly { framework: 'node' | 'express'; code: string; calls: readonly Call[] }[] = [
  { framework: 'express', code: 'res.status(500).json({})', calls: [['status'], ['json']] },
  { framework: 'express', code: "res.status(500).set('x-a', '1').json({})", calls: [['status'], ['set'], ['json']] },
  { framework: 'express', code: "res.status(500).set('x-a', '1')", calls: [['status'], ['set']] },
  { framework: 'express', code: "res.type('text').send('b')", calls: [['type'], ['send']] },
  { framework: 'express', code: 'res.status(500).end()', calls: [['status'], ['end']] },
  { framework: 'express', code: "res.status(500).end('b')", calls: [['status'], ['end', { hasData: true }]] },
  { framework: 'express', code: 'res.sendStatus(500)', calls: [['sendStatus']] },
  { framework: 'express', code: 'next()', calls: [['next']] },
  { framework: 'express', code: "next(new Error('late'))", calls: [['next']] },
  { framework: 'node', code: "res.setHeader('x-a', '1').end('b')", calls: [['setHeader'], ['end', { hasData: true }]] },
  { framework: 'node', code: "res.setHeader('x-a', '1').end()", calls: [['setHeader'], ['end']] },
  { framework: 'node', code: "res.writeHead(500).end('b')", calls: [['writeHead'], ['end', { hasData: true }]] },
  { framework: 'node', code: 'res.end()', calls: [['end']] },
  { framework: 'node', code: "res.end('b')", calls: [['end', { hasData: true }]] },
];

/** States a chain is tried in: the model's three, and a response finished by an Express send. */
const CHAIN_PREFIXES: readonly { state: LifecycleState; prefix: string; framework: 'node' | 'express' }[] = [
  { state: 'open', prefix: STATE_PREFIX.open, framework: 'node' },
  { state: 'sent', prefix: STATE_PREFIX.sent, framework: 'node' },
  { state: 'ended', prefix: STATE_PREFIX.ended, framework: 'node' },
  { state: 'ended', prefix: "res.json({ first: true });", framework: 'express' },
];

function operationOfCall([name, args = {}]: Call): Operation {
  if (name === 'next') return { effect: PSEUDO_OPERATIONS.next.effect };
  const spec = memberSpec(name);
  if (!spec) throw new Error(`not a classified member: ${name}`);
  return operationOf(spec, { hasData: args.hasData === true, hasCallback: args.hasCallback === true });
}

/** The model's verdict on a chain: the rule of its last (outermost) call that breaks one, or none. */
export function chainVerdict(state: LifecycleState, calls: readonly Call[]): RuleId | undefined {
  let rule: RuleId | undefined;
  let current = state;
  for (const call of calls) {
    const op = operationOfCall(call);
    rule = violationFor(current, op)?.rule ?? rule;
    current = stateAfter(current, op);
  }
  return rule;
}

/** Every chain in every state, with the model's verdict. */
export function chainCases(): AgreementCase[] {
  return CHAINS.flatMap((chain) =>
    CHAIN_PREFIXES.filter((p) => chain.framework === 'express' || p.framework === 'node').map((p) => {
      const expected = chainVerdict(p.state, chain.calls);
      return {
        member: chain.calls[chain.calls.length - 1]![0],
        framework: p.framework === 'express' ? 'express' : chain.framework,
        state: p.state,
        prefix: p.prefix,
        code: chain.code,
        expected,
        expectedAtRuntime: expected,
        effect: operationOfCall(chain.calls[chain.calls.length - 1]!).effect,
      };
    }),
  );
}
