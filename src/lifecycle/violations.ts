import { EFFECTS, type Effect } from './effects.js';
import type { MemberSpec } from './members.js';
import type { MESSAGES } from './messages.js';
import type { LifecycleState } from './states.js';

/** How an operation's effect is refined by its arguments and its member. */
export interface Operation {
  readonly effect: Effect;
  /** Sets headers first (Express `send`, `json`, `format`, …). */
  readonly setsHead?: boolean;
  /** A finish that also writes a chunk (`end(data)`). */
  readonly writesData?: boolean;
  /**
   * A bare `end()` (no chunk): Node returns at once when the response has already finished, so
   * `res.json(x); res.end()` is redundant, not a second answer. `end(data)` then is a write after end.
   */
  readonly noOpOnceEnded?: boolean;
}

type RuleMessage = {
  [R in keyof typeof MESSAGES]: { rule: R; definite: keyof (typeof MESSAGES)[R]; maybe: keyof (typeof MESSAGES)[R] };
}[keyof typeof MESSAGES];

export type ViolationRow = {
  readonly state: Exclude<LifecycleState, 'open'>;
  readonly effect: Effect;
  /** Matches only operations with this refinement; rows are tried in order, first match wins. */
  readonly setsHead?: true;
  readonly writesData?: true;
} & RuleMessage;

const headAfterSend = { rule: 'no-header-after-send', definite: 'headAfterSend', maybe: 'headMayBeAfterSend' } as const;
const doubleSend = { rule: 'no-double-send', definite: 'alreadyFinished', maybe: 'mayBeFinished' } as const;
const nextAfter = { rule: 'no-double-send', definite: 'nextAfterFinish', maybe: 'nextMayBeAfterFinish' } as const;
const writeAfterEnd = { rule: 'no-write-after-end', definite: 'writeAfterEnd', maybe: 'writeMayBeAfterEnd' } as const;

/**
 * The wrong (state, operation) pairs and the rule each one breaks. One misuse is one row: a
 * second `res.json()` is a double send, not also the header error Express raises inside it.
 * A pair that is not listed here is legal.
 */
export const VIOLATIONS: readonly ViolationRow[] = [
  { state: 'sent', effect: 'mutateHead', ...headAfterSend },
  { state: 'ended', effect: 'mutateHead', ...headAfterSend },
  { state: 'sent', effect: 'commitHead', ...headAfterSend },
  { state: 'ended', effect: 'commitHead', ...headAfterSend },
  { state: 'sent', effect: 'informational', ...headAfterSend },
  { state: 'ended', effect: 'informational', ...headAfterSend },
  // `res.writeHead(200); res.json(x)`: Express sets Content-Type inside json()
  { state: 'sent', effect: 'finish', setsHead: true, ...headAfterSend },
  // `res.writeHead(200); res.format({...})`: format sets Vary before it picks a callback
  { state: 'sent', effect: 'handOff', setsHead: true, ...headAfterSend },
  { state: 'ended', effect: 'finish', writesData: true, ...writeAfterEnd },
  { state: 'ended', effect: 'finish', ...doubleSend },
  { state: 'ended', effect: 'writeBody', ...writeAfterEnd },
  { state: 'ended', effect: 'trailers', ...writeAfterEnd },
  { state: 'ended', effect: 'passOn', ...nextAfter },
  { state: 'ended', effect: 'handOff', ...doubleSend },
];

/** The violation an operation commits in a state, or `undefined` when it is legal there. */
export function violationFor(state: LifecycleState, op: Operation): ViolationRow | undefined {
  if (state === 'open') return undefined;
  if (state === 'ended' && op.noOpOnceEnded === true) return undefined;
  return VIOLATIONS.find(
    (row) =>
      row.state === state &&
      row.effect === op.effect &&
      (!row.setsHead || op.setsHead === true) &&
      (!row.writesData || op.writesData === true),
  );
}

/** The state after an operation (unchanged for effects that do not move the lifecycle). */
export function stateAfter(state: LifecycleState, op: Operation): LifecycleState {
  const to = EFFECTS[op.effect].to;
  if (to === undefined) return state;
  // A write after the end does not reopen the response.
  return state === 'ended' ? 'ended' : to;
}

/**
 * The operation a call of `spec` performs, given what its arguments look like.
 * `hasData`: a first argument that is a chunk (for `end`); `hasCallback`: a last argument that is a function.
 */
export function operationOf(spec: MemberSpec, args: { hasData: boolean; hasCallback: boolean }): Operation {
  const effect = args.hasCallback && spec.withCallback ? spec.withCallback : spec.effect;
  return {
    effect,
    setsHead: effect === spec.effect && spec.setsHead === true,
    writesData: effect === 'finish' && spec.writesDataWithArgs === true && args.hasData,
    noOpOnceEnded: effect === 'finish' && spec.writesDataWithArgs === true && !args.hasData,
  };
}
