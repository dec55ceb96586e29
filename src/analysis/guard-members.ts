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
  // Node's rendered head: `headersSent` is `!!this._header`. Middleware that wraps `res.end` /
  // `res.write` (compression, express-session) tests it directly.
  _header: 'sent',
};

/** Internal properties that are not in the lifecycle model (nobody assigns or types them) but are read as guards. */
const INTERNAL_STATE_READS = new Set(['_header']);

/** A state read of the model (`res.headersSent`, `res.writableEnded`) whose value a guard can test. */
export function isStateGuard(name: string): boolean {
  return Object.hasOwn(GUARD_MEANING, name) && (INTERNAL_STATE_READS.has(name) || memberSpec(name)?.effect === 'read');
}
