/**
 * The three states of a response's lifecycle, in order. A response only moves forward.
 *
 * - `open`: status and headers are still mutable; nothing is on the wire.
 * - `sent`: the head (status line and headers) has been sent; body bytes may follow.
 * - `ended`: the body is finished; nothing more may be written.
 */
export const STATES = ['open', 'sent', 'ended'] as const;

export type LifecycleState = (typeof STATES)[number];

/** Compare two states by their position in the lifecycle. */
export function stateRank(state: LifecycleState): number {
  return STATES.indexOf(state);
}

/** The later of two states (states only move forward). */
export function laterState(a: LifecycleState, b: LifecycleState): LifecycleState {
  return stateRank(a) >= stateRank(b) ? a : b;
}
