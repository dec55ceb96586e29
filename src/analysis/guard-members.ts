import { memberSpec } from '../lifecycle/index.js';

/**
 * The response properties whose value tells the response's state, and what a true value implies
 * (read by ./guards.ts for branch refinement and ./response-uses.ts to spot response-like uses).
 */
export const GUARD_MEANING: Readonly<Record<string, 'sent' | 'ended'>> = {
  headersSent: 'sent',
  writableEnded: 'ended',
  writableFinished: 'ended',
  finished: 'ended',
};

/** A state read of the model (`res.headersSent`, `res.writableEnded`) whose value a guard can test. */
export function isStateGuard(name: string): boolean {
  return Object.hasOwn(GUARD_MEANING, name) && memberSpec(name)?.effect === 'read';
}
