/**
 * The lattice of the path analysis: for each response reference, whether it is sent / ended
 * (no / maybe / yes), whether `next` was called or the response handed to other code, and
 * which operations sent or ended it first (for the messages). Join at merges: equal stays,
 * different becomes "maybe"; origin sets are unioned. Finite, so the fixpoint terminates.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** 0 = no, 1 = maybe (on some path), 2 = yes (on every path). */
export type Tri = 0 | 1 | 2;

export type Certainty = 'no' | 'maybe' | 'yes';
export const CERTAINTY: readonly Certainty[] = ['no', 'maybe', 'yes'];

/** A response reference: the variable of the response parameter (aliases resolve to it). */
export type ResponseKey = TSESLint.Scope.Variable;

/** Where an operation that sent or ended a response happened. */
export interface Origin {
  readonly node: TSESTree.Node;
  /** What the messages call it: `res.json()`, `fail()`, `res.headersSent`. */
  readonly display: string;
  /** The statement that consists of this operation, when `return` could be inserted before it. */
  readonly statement: TSESTree.ExpressionStatement | undefined;
  /** Not an operation but a guard (`if (res.writableEnded)`): the code already knows the state. */
  readonly guard?: true;
  /** The effect completes later (`sendFile`, `pipe`): callbacks created after it do not inherit it. */
  readonly async?: true;
  /**
   * The head went out through `src.pipe(res)` and then `src` failed (its `'error'` listener, see
   * ./start-states.ts): the pipe will not end the response, so seeing it sent does not answer it.
   */
  readonly brokenPipe?: true;
}

export interface KeyState {
  readonly sent: Tri;
  readonly ended: Tri;
  readonly next: Tri;
  readonly handedOff: Tri;
  /** A violation on this response was already reported on the path: later ones are the same bug. */
  readonly reported: Tri;
  /**
   * The request is answered on this path: ended, passed on with `next`, handed to other code, or a
   * guard showed it was already sent. Its own bit because joining the others per property loses
   * which path did what (`if (e) next(e); else res.json(x)` is answered on every path). See
   * `answeredNow`; read by `require-end`.
   */
  readonly answered: Tri;
  readonly sentBy: ReadonlySet<Origin>;
  readonly endedBy: ReadonlySet<Origin>;
  /** The `next()` calls that passed the request on. */
  readonly nextBy: ReadonlySet<Origin>;
}

/** The state of every response reference at one point; a missing key is still `OPEN`. */
export type PathState = ReadonlyMap<ResponseKey, KeyState>;

const EMPTY: ReadonlySet<Origin> = new Set();
export const OPEN: KeyState = { sent: 0, ended: 0, next: 0, handedOff: 0, reported: 0, answered: 0, sentBy: EMPTY, endedBy: EMPTY, nextBy: EMPTY };

export function joinTri(a: Tri, b: Tri): Tri {
  return a === b ? a : 1;
}

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): ReadonlySet<T> {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  // Most joins meet sets that already contain each other: keep one instead of copying.
  if (isSubset(b, a)) return a;
  if (isSubset(a, b)) return b;
  const out = new Set(a);
  for (const item of b) out.add(item);
  return out;
}

/** `set` with `item` added: `set` itself when it has it (operations on a path meet the same origin again on every fixpoint pass). */
function withItem<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  if (set.has(item)) return set;
  const out = new Set(set);
  out.add(item);
  return out;
}

function isSubset<T>(small: ReadonlySet<T>, big: ReadonlySet<T>): boolean {
  if (small.size > big.size) return false;
  for (const item of small) if (!big.has(item)) return false;
  return true;
}

export function joinKey(a: KeyState, b: KeyState): KeyState {
  if (a === b) return a;
  const joined: KeyState = {
    sent: joinTri(a.sent, b.sent),
    ended: joinTri(a.ended, b.ended),
    next: joinTri(a.next, b.next),
    handedOff: joinTri(a.handedOff, b.handedOff),
    reported: joinTri(a.reported, b.reported),
    answered: joinTri(a.answered, b.answered),
    sentBy: union(a.sentBy, b.sentBy),
    endedBy: union(a.endedBy, b.endedBy),
    nextBy: union(a.nextBy, b.nextBy),
  };
  // `a` already covers `b`: keep `a` (see joinState).
  return sameKey(joined, a) ? a : joined;
}

/** Join of two states; `undefined` is "not reached" (bottom). */
export function joinState(a: PathState | undefined, b: PathState | undefined): PathState | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  // Joins on the fixpoint's hot path: no key arrays, and `a` itself when the join adds nothing to
  // it (most merges meet a state that already covers the other), so later `sameState` calls meet
  // the same object and the heap is not filled with copies.
  let out: Map<ResponseKey, KeyState> | undefined;
  for (const [key, ka] of a) {
    const joined = joinKey(ka, b.get(key) ?? OPEN);
    if (joined !== ka) (out ??= new Map(a)).set(key, joined);
  }
  for (const [key, kb] of b) {
    if (a.has(key)) continue;
    (out ??= new Map(a)).set(key, joinKey(OPEN, kb));
  }
  return out ?? a;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

function sameKey(a: KeyState, b: KeyState): boolean {
  return (
    a === b ||
    (a.sent === b.sent &&
      a.ended === b.ended &&
      a.next === b.next &&
      a.handedOff === b.handedOff &&
      a.answered === b.answered &&
      a.reported === b.reported &&
      sameSet(a.sentBy, b.sentBy) &&
      sameSet(a.endedBy, b.endedBy) &&
      sameSet(a.nextBy, b.nextBy))
  );
}

export function sameState(a: PathState | undefined, b: PathState | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  for (const [key, ka] of a) if (!sameKey(ka, b.get(key) ?? OPEN)) return false;
  for (const [key, kb] of b) if (!a.has(key) && !sameKey(OPEN, kb)) return false;
  return true;
}

export function withKey(state: PathState, key: ResponseKey, next: KeyState): PathState {
  // An operation that changes nothing (a second `res.status()` on a path that already set it, a
  // response already handed off) keeps the state itself: no copy, and later joins meet the same object.
  if (state.get(key) === next && (next.answered === 2 || !answeredNow(next))) return state;
  const out = new Map(state);
  setKey(out, key, next);
  return out;
}

/** `withKey` on a copy the caller owns: several keys changed with one copy of the map. */
export function setKey(state: Map<ResponseKey, KeyState>, key: ResponseKey, next: KeyState): void {
  state.set(key, next.answered !== 2 && answeredNow(next) ? { ...next, answered: 2 } : next);
}

/**
 * Whether a state written on one path (not a join) answers the request: ended, `next` called or
 * the response handed off for certain, or a guard (`if (res.headersSent) return`) showed that
 * other code already sent it. Not in a piped source's `'error'` listener: there the head was sent
 * by the pipe that just broke, and the response stays open until something ends or destroys it.
 */
function answeredNow(ks: KeyState): boolean {
  if (ks.ended === 2 || ks.next === 2 || ks.handedOff === 2) return true;
  if (ks.sent !== 2) return false;
  let guard = false;
  for (const origin of ks.sentBy) {
    if (origin.brokenPipe) return false;
    if (origin.guard) guard = true;
  }
  return guard;
}

/** After `next()` / `next(err)`. */
export function markNext(ks: KeyState, origin: Origin): KeyState {
  if (ks.next === 2) return ks;
  return { ...ks, next: 2, nextBy: withItem(ks.nextBy, origin) };
}

/** After an operation that puts the head on the wire. */
export function markSent(ks: KeyState, origin: Origin): KeyState {
  if (ks.sent === 2) return ks;
  return { ...ks, sent: 2, sentBy: withItem(ks.sentBy, origin) };
}

/** After an operation that ends the response on every path (`certain`) or only maybe. */
export function markEnded(ks: KeyState, origin: Origin, certain: boolean): KeyState {
  if (!certain) {
    // A helper that finishes it on some of its paths answers for the rest (it is checked itself).
    return {
      ...ks,
      answered: 2,
      sent: ks.sent === 2 ? 2 : 1,
      ended: ks.ended === 2 ? 2 : 1,
      sentBy: ks.sent === 2 ? ks.sentBy : withItem(ks.sentBy, origin),
      endedBy: ks.ended === 2 ? ks.endedBy : withItem(ks.endedBy, origin),
    };
  }
  return {
    ...ks,
    sent: 2,
    ended: 2,
    sentBy: ks.sent === 2 ? ks.sentBy : withItem(ks.sentBy, origin),
    endedBy: ks.ended === 2 ? ks.endedBy : withItem(ks.endedBy, origin),
  };
}

/**
 * "What happened to `key` after the callback `fn` was created", tracked as a key of its own along
 * the paths that create `fn`: an asynchronous callback runs after the rest of its creator, so
 * `db.query(sql, (e, rows) => res.json(rows)); res.end();` finishes the response twice.
 * These keys live only in path states; they are never responses themselves.
 */
interface AfterKey {
  readonly afterCallback: TSESTree.Node;
  readonly of: ResponseKey;
}

const afterKeyCache = new WeakMap<TSESTree.Node, Map<ResponseKey, ResponseKey>>();
const afterKeysByResponse = new WeakMap<ResponseKey, ResponseKey[]>();
const afterKeySet = new WeakSet<object>();

/** The after-key of `key` for the callback `fn` (the same object every time). */
export function afterKey(fn: TSESTree.Node, key: ResponseKey): ResponseKey {
  let byKey = afterKeyCache.get(fn);
  if (!byKey) afterKeyCache.set(fn, (byKey = new Map()));
  let made = byKey.get(key);
  if (!made) {
    const record: AfterKey = { afterCallback: fn, of: key };
    afterKeySet.add(record);
    made = record as unknown as ResponseKey; // a path-state key, never handed out as a response
    byKey.set(key, made);
    afterKeysByResponse.set(key, [...(afterKeysByResponse.get(key) ?? []), made]);
  }
  return made;
}

export function isAfterKey(key: ResponseKey): boolean {
  return afterKeySet.has(key);
}

/** The after-keys made for `key` so far. */
export function afterKeysOf(key: ResponseKey): readonly ResponseKey[] {
  return afterKeysByResponse.get(key) ?? [];
}
