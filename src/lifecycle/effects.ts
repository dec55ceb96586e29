import type { LifecycleState } from './states.js';

/**
 * What an operation on a response does to its lifecycle. Every classified member of
 * `http.ServerResponse` and Express's `res` has exactly one effect.
 */
export const EFFECTS = {
  /** Changes the status or a header. Only legal while the response is `open`. */
  mutateHead: { legalIn: ['open'], to: undefined },
  /** Puts the head on the wire (`writeHead`, `flushHeaders`). `open` → `sent`. */
  commitHead: { legalIn: ['open'], to: 'sent' },
  /** Writes body bytes (`write`); the first one commits the head. → `sent`. */
  writeBody: { legalIn: ['open', 'sent'], to: 'sent' },
  /** Adds trailers; legal until the end, does not change the state. */
  trailers: { legalIn: ['open', 'sent'], to: undefined },
  /**
   * Finishes the response (`end`, and Express `send`, `json`, …). → `ended`.
   * Finishers that set headers first (`setsHead`) are only legal while `open`.
   */
  finish: { legalIn: ['open', 'sent'], to: 'ended' },
  /** Sends a 1xx interim response. Legal only before the head is sent; no state change. */
  informational: { legalIn: ['open'], to: undefined },
  /** Tears the connection down (`destroy`). Legal in every state; → `ended`. */
  abort: { legalIn: ['open', 'sent', 'ended'], to: 'ended' },
  /** Reads state (`getHeader`, `headersSent`, …). Legal in every state. */
  read: { legalIn: ['open', 'sent', 'ended'], to: undefined },
  /** Stream or socket plumbing (`cork`, `setTimeout`, …): legal in every state, no effect. */
  neutral: { legalIn: ['open', 'sent', 'ended'], to: undefined },
  /**
   * Hands the response to other code, which becomes responsible for finishing it
   * (`res.format`, `res.render(view, cb)`). Legal while `open`; the state afterwards is unknown.
   */
  handOff: { legalIn: ['open'], to: undefined },
  /** Express `next()` / `next(err)`: passes the request on. Legal only while `open`. */
  passOn: { legalIn: ['open'], to: undefined },
} as const satisfies Record<string, { legalIn: readonly LifecycleState[]; to: LifecycleState | undefined }>;

export type Effect = keyof typeof EFFECTS;
