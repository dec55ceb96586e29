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
