import type { ServerResponse } from 'node:http';
import type { LifecycleState } from '../lifecycle/index.js';
import type { Violation } from './violation.js';

/**
 * What the guard remembers about one response. Created only when there is something to remember
 * (a first call to point at, an async finisher, counted bytes); kept in a WeakMap so it dies with
 * the response and adds no own property to `res` (under Express each one costs ~2 µs).
 */
export interface ResponseState {
  /**
   * The call that sent the head first, and where (when recorded). The trace is the object
   * `Error.captureStackTrace` filled: V8 formats its `stack` only when read, i.e. only when a
   * violation is reported (formatting on every response cost ~30 µs).
   */
  headOp?: string;
  headTrace?: { stack?: string };
  /** The call that finished the response first, and where (when recorded). */
  endOp?: string;
  endTrace?: { stack?: string };
  /** An async finisher (sendFile, a piped stream) owns the response until it really ends. */
  asyncPending: boolean;
  /** `res.destroy()` was called by the program. */
  aborted: boolean;
  /** Streams piped in and not yet unpiped. */
  activeSources: number;
  /** The declared Content-Length once the head is committed, and what was written so far. */
  declared?: number;
  written: number;
  /** UTF-16 length of the string chunks written, to spot `Content-Length: str.length`. */
  chars: number;
  /**
   * A misuse of this response was reported (or the guard cut it off): what follows is its
   * consequence (Express's error path, the other stream, the later route), not a new misuse, so later
   * calls on it are not checked. One report per misuse.
   */
  muted: boolean;
  /** A late head change on the finished response, reported at the end of this run unless a send chain's later call supersedes it. */
  pendingHead?: Violation;
  /** A require-end violation was already reported for this response. */
  endReported: boolean;
}

const states = new WeakMap<object, ResponseState>();
/**
 * No response has had a state yet: until one does, nothing needs looking up. A clean JSON answer
 * (Express `res.json`, node:http `end(body)` without a declared Content-Length) never creates one,
 * and a WeakMap lookup costs ~100 machine instructions, done several times per response.
 */
let noStateYet = true;

export function stateOf(res: object): ResponseState | undefined {
  return noStateYet ? undefined : states.get(res);
}

export function ensureState(res: object): ResponseState {
  let st = states.get(res);
  if (!st) {
    st = { asyncPending: false, aborted: false, activeSources: 0, written: 0, chars: 0, muted: false, endReported: false };
    states.set(res, st);
    noStateYet = false;
  }
  return st;
}

/**
 * The lifecycle state, read mostly from Node's own flags (`headersSent`, `writableEnded`) so a
 * clean response needs no guard state at all.
 */
export function lifecycleOf(res: ServerResponse, st: ResponseState | undefined): LifecycleState {
  if (st !== undefined && (st.asyncPending || st.aborted)) return 'ended';
  if (res.writableEnded) return 'ended';
  return res.headersSent ? 'sent' : 'open';
}
