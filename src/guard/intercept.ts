import { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import {
  MEMBERS,
  operationOf,
  PSEUDO_OPERATIONS,
  violationFor,
  type MemberSpec,
  type Operation,
} from '../lifecycle/index.js';
import { checkLength, contentLengthHeader, hasLengthHeader, lengthInHeaderArgs, parseLength } from './content-length.js';
import { defer, raise, reportNotEnded, type GuardContext } from './context.js';
import { firstAnswerDemand } from './recorder.js';
import { ensureState, lifecycleOf, stateOf, type ResponseState } from './state.js';

type Res = ServerResponse;
type Method = (this: Res, ...args: unknown[]) => unknown;

/** Marks a guarded prototype, so a response or app is never guarded twice. */
export const GUARDED = Symbol('response-lifecycle.guarded');

/**
 * The response currently inside a guarded call. Express's `res.json()` calls `send`, `set`,
 * `setHeader` and `end` on the same response; only the outermost call is the program's, so
 * nested ones are not checked again (one report per misuse). Calls are synchronous, so one
 * module-level slot is enough.
 */
let active: object | undefined;

/** Frames kept of the first send's stack (`firstStack`): the call site is what the reports point at. */
const FIRST_STACK_FRAMES = 1;

function display(spec: MemberSpec): string {
  return spec.kind === 'method' ? `res.${spec.name}()` : `res.${spec.name} =`;
}

/** Remember which call first sent the head / finished, and where (when this guard records stacks). */
function recordTransition(
  context: GuardContext,
  res: Res,
  before: ReturnType<typeof lifecycleOf>,
  operation: string,
  caller: Method,
  asyncFinish: boolean,
  aborted: boolean,
): void {
  const sent = before === 'open' && res.headersSent;
  const ended = asyncFinish || aborted || res.writableEnded;
  if (!sent && !ended && !aborted) return;
  const record = context.options.recordFirst || firstAnswerDemand.recorders > 0;
  if (!record && !asyncFinish && !aborted) return;
  const st = ensureState(res);
  if (asyncFinish && !res.writableEnded) st.asyncPending = true;
  if (aborted) st.aborted = true;
  if (!record) return;
  const needHead = (sent || (ended && res.headersSent)) && st.headOp === undefined;
  const needEnd = ended && st.endOp === undefined;
  if (!needHead && !needEnd) return;
  // One frame, the program's call: capture cost grows with depth (Express: ~25 µs for 10 frames, ~3 µs for 1).
  const trace: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FIRST_STACK_FRAMES;
  Error.captureStackTrace(trace, caller);
  Error.stackTraceLimit = limit;
  if (needHead) {
    st.headOp = operation;
    st.headTrace = trace;
  }
  if (needEnd) {
    st.endOp = operation;
    st.endTrace = trace;
  }
}

/** Throw (throw mode) after making sure the client is not left hanging by a refused write. */
function refuse(res: Res, error: Error, headCommitted: boolean): never {
  ensureState(res).muted = true;
  if (headCommitted) {
    // The client was promised a head and body we will not deliver: fail it fast.
    res.destroy();
  } else {
    // Give the framework's error handler this turn to answer (Express sends a 500); if nothing
    // does, close the connection rather than leave the client waiting.
    setImmediate(() => {
      if (!res.writableEnded && !res.destroyed) res.destroy();
    });
  }
  throw error;
}

function callNested(res: Res, original: Method, args: unknown[]): unknown {
  const previous = active;
  active = res;
  try {
    return original.apply(res, args);
  } finally {
    active = previous;
  }
}

/**
 * What a dropped call gives back: `write()` says the chunk was not taken (as Node's write after
 * end does), every other lifecycle member returns the response, so a chain goes on (and is checked).
 * A callback is called on the next tick with an error, as Node calls a refused write's callback.
 */
function dropped(res: Res, name: string, operation: string, args: unknown[]): unknown {
  const callback = args[args.length - 1];
  if (typeof callback === 'function') {
    const error = Object.assign(new Error(`response guard: \`${operation}\` was dropped: the response was already answered`), {
      code: 'ERR_RESPONSE_GUARD_DROPPED',
    });
    process.nextTick(callback as (error: Error) => void, error);
  }
  return name === 'write' ? false : res;
}

function wrapMethod(context: GuardContext, spec: MemberSpec, original: Method): Method {
  const operation = display(spec);
  const writes = spec.effect === 'writeBody' || spec.writesDataWithArgs === true;
  const ending = spec.writesDataWithArgs === true;
  const isExpressFinisher = spec.framework === 'express' && spec.effect === 'finish';
  const dropping = context.options.mode === 'drop';
  // Read from `spec` once: every guarded method shares this function's inline caches, and the specs
  // have different shapes, so a load from `spec` here would be megamorphic on every call.
  const name = spec.name;
  const isAsync = spec.async === true;
  const resultGoesToCallback = spec.withCallback !== undefined;
  // The four operations a call can be (with/without data, with/without a callback), computed once.
  const operations: Operation[] = [false, true].flatMap((hasCallback) =>
    [false, true].map((hasData) => operationOf(spec, { hasData, hasCallback })),
  );
  // A member whose every call has one effect that moves the lifecycle synchronously (not an async
  // finisher, a hand-off or an abort) can take the fast path below.
  const effect = operations[0]?.effect;
  const simple = !isAsync && operations.every((op) => op.effect === effect) && effect !== 'handOff' && effect !== 'abort';
  const commitsHead = effect === 'commitHead';
  const checksLength = writes && context.options.contentLength;
  /**
   * The fast path: a call on an open response the guard holds no state for, with no declared
   * Content-Length to count against, cannot be a violation; it only has to mark itself as the
   * program's call (so the calls it makes are not checked again). Everything else goes to `checked`.
   * Kept small, so V8 can inline it where the program calls it, with `original` known there.
   */
  // `arguments` as is, forwarded with Reflect.apply: no rest array built per call (V8 forwards it
  // without materialising it; ~400 instructions per node:http response, callgrind), and the original
  // sees the same arguments.length. `callNested` is written out here for the same reason.
  /* eslint-disable prefer-rest-params, @typescript-eslint/no-this-alias -- see above */
  const guarded: Method = function (this: Res): unknown {
    if (active === this) return Reflect.apply(original, this, arguments);
    if (
      simple &&
      stateOf(this) === undefined &&
      !this.headersSent &&
      !this.writableEnded &&
      !(checksLength && hasLengthHeader(this))
    ) {
      const previous = active;
      active = this;
      let result: unknown;
      try {
        result = Reflect.apply(original, this, arguments);
      } finally {
        active = previous;
      }
      if (commitsHead) rememberDeclaredLength(this, arguments);
      if (context.options.recordFirst || firstAnswerDemand.recorders > 0) {
        recordTransition(context, this, 'open', operation, guarded, false, false);
      }
      return result;
    }
    return checked.call(this, Array.prototype.slice.call(arguments));
  };
  /* eslint-enable prefer-rest-params, @typescript-eslint/no-this-alias */
  const checked = function (this: Res, args: unknown[]): unknown {
    const hasCallback = typeof args[args.length - 1] === 'function';
    const hasData = typeof args[0] !== 'function' && Boolean(args[0]);
    const op = operations[(hasCallback ? 2 : 0) + (hasData ? 1 : 0)] as Operation;
    let st = stateOf(this);
    if (st?.muted === true) {
      // Already reported: what follows is its consequence, not reported again. In 'drop' mode the
      // late calls are still dropped (the first answer stands), except an async finisher's own.
      if (dropping && (st.asyncPending !== true || isExpressFinisher)) {
        if (violationFor(lifecycleOf(this, st), op)) return dropped(this, name, operation, args);
      }
      return original.apply(this, args);
    }

    // While an async finisher (sendFile, a piped stream) owns the response, its own header, write
    // and end calls are expected; only a second send is the program's misuse.
    if (st?.asyncPending === true && !isExpressFinisher) {
      if (writes && context.options.contentLength) {
        const misuse = checkLength(this, st, args[0], args[1], ending, operation);
        // No program call to throw into here: report, and in throw mode cut the connection.
        if (misuse && raise(context, this, st, misuse, guarded)) this.destroy();
      }
      const result = callNested(this, original, args);
      if (this.writableEnded) st.asyncPending = false;
      return result;
    }

    const before = lifecycleOf(this, st);
    const row = before === 'open' ? undefined : violationFor(before, op);
    if (row) {
      const misuse = { rule: row.rule, messageId: row.definite, operation };
      if (row.rule === 'no-header-after-send' && before === 'ended') {
        // Maybe the start of a send chain (`res.status(500).json(b)`): reported after this run of
        // code, or replaced by the chain's send. Dropped in 'drop' and 'throw' mode.
        defer(context, this, st ?? ensureState(this), misuse, guarded);
        return context.options.mode === 'report' ? callNested(this, original, args) : dropped(this, name, operation, args);
      }
      const error = raise(context, this, st, misuse, guarded);
      if (error) throw error;
      // 'report': behave exactly as without the guard, without reporting the nested calls.
      if (!dropping) return callNested(this, original, args);
      // 'drop': the first answer stands. A send refused after `writeHead` would leave the client
      // waiting for a body: end the response with what was already sent.
      if (before === 'sent' && (op.effect === 'finish' || op.effect === 'handOff')) callNested(this, this.end as Method, []);
      return dropped(this, name, operation, args);
    }

    if (writes && context.options.contentLength) {
      const misuse = checkLength(this, st, args[0], args[1], ending, operation);
      if (misuse) {
        const error = raise(context, this, st, misuse, guarded);
        if (error) refuse(this, error, this.headersSent);
      }
    }

    let result: unknown;
    const asyncFinish = isAsync && op.effect === 'finish';
    if (asyncFinish) {
      st = ensureState(this);
      st.asyncPending = true;
      args = withReleasingCallback(this, st, args, hasCallback, resultGoesToCallback);
    }
    try {
      // A hand-off's callbacks run the program's own calls on this response: check them, do not nest.
      result = op.effect === 'handOff' ? original.apply(this, args) : callNested(this, original, args);
    } catch (error) {
      if (st && asyncFinish) st.asyncPending = false;
      throw error;
    }
    if (op.effect === 'commitHead') rememberDeclaredLength(this, args);
    const aborted = op.effect === 'abort';
    // The same test recordTransition starts with, without the call on a clean response.
    if (asyncFinish || aborted || context.options.recordFirst || firstAnswerDemand.recorders > 0) {
      recordTransition(context, this, before, operation, guarded, asyncFinish, aborted);
    }
    return result;
  };
  Object.defineProperty(guarded, 'name', { value: spec.name });
  return guarded;
}

/**
 * An async finisher hands the response back when its callback runs (e.g. sendFile failed and the
 * program answers 404 itself). Wrap the program's callback so the hand-back ends the async state.
 * A finisher whose callback would receive the result (`render`) is given the callback Express
 * would use by default (`next(err)` or `send(html)`), so its own later send is not a second one.
 * Otherwise the state ends when the response really ends or closes.
 */
function withReleasingCallback(
  res: Res,
  st: ResponseState,
  args: unknown[],
  hasCallback: boolean,
  resultGoesToCallback: boolean,
): unknown[] {
  if (hasCallback) {
    const callback = args[args.length - 1] as (...a: unknown[]) => unknown;
    const copy = args.slice();
    copy[copy.length - 1] = function (this: unknown, ...cbArgs: unknown[]) {
      if (!res.writableEnded) st.asyncPending = false;
      return callback.apply(this, cbArgs);
    };
    return copy;
  }
  if (!resultGoesToCallback) return args;
  const expressRes = res as Res & { req: { next: (err?: unknown) => void }; send: (body: unknown) => unknown };
  return [
    args[0],
    args[1],
    (error: unknown, html: unknown) => {
      st.asyncPending = false;
      if (error) return expressRes.req.next(error);
      return expressRes.send(html);
    },
  ];
}

function rememberDeclaredLength(res: Res, args: ArrayLike<unknown>): void {
  const declared = lengthInHeaderArgs(args) ?? parseLength(contentLengthHeader(res));
  if (declared !== undefined) ensureState(res).declared = declared;
}

/** Where an intercepted property's value lives, per response: `read` is the accessor's getter. */
interface Slots {
  read(this: Res): unknown;
  write(res: Res, value: unknown): void;
}

/**
 * A symbol-keyed field, as Node's own `statusCode` field would be: cheapest on responses born
 * with their prototype (node:http). On responses Express re-parents per request (slow-shape
 * objects) every property added costs microseconds, so a WeakMap is cheaper there (measured:
 * ~3.5 µs vs ~0 per Express request; +0.3 µs on node:http). Until assigned, a response reads the
 * prototype's value (`initial`).
 */
function slotsFor(name: string, reparented: boolean, initial: unknown): Slots {
  if (reparented) {
    const values = new WeakMap<Res, unknown>();
    const read = function (this: Res): unknown {
      const value = values.get(this);
      return value === undefined ? initial : value;
    };
    return {
      read,
      // Node's writeHead assigns the status it just read (200 on 200): storing the same value again
      // would add a WeakMap entry per response (and work for the collector) and change nothing the
      // getter returns.
      write: (res, value) => void (Object.is(value, read.call(res)) || values.set(res, value)),
    };
  }
  // One function literal per property: closures of one literal share their inline caches, and a
  // keyed load that sees two symbols there is polymorphic (measured: ~0.1 µs per node:http response).
  type Fields = Res & Record<symbol, unknown>;
  if (name === 'statusCode') {
    return {
      read(this: Res) {
        const value = (this as Fields)[STATUS_CODE];
        return value === undefined ? initial : value;
      },
      write: (res, value) => void ((res as Fields)[STATUS_CODE] = value),
    };
  }
  if (name === 'statusMessage') {
    return {
      read(this: Res) {
        const value = (this as Fields)[STATUS_MESSAGE];
        return value === undefined ? initial : value;
      },
      write: (res, value) => void ((res as Fields)[STATUS_MESSAGE] = value),
    };
  }
  const slot = Symbol(name);
  return {
    read(this: Res) {
      const value = (this as Fields)[slot];
      return value === undefined ? initial : value;
    },
    write: (res, value) => void ((res as Fields)[slot] = value),
  };
}

const STATUS_CODE = Symbol('statusCode');
const STATUS_MESSAGE = Symbol('statusMessage');

/**
 * `res.statusCode = 500` and Express's `res.status(500)` assign a property that Node keeps as a
 * plain data property on ServerResponse.prototype. An accessor on the guarded prototype sees every
 * assignment at no per-response set-up cost.
 */
function guardProperty(context: GuardContext, proto: object, spec: MemberSpec, initial: unknown, reparented: boolean): void {
  const slots = slotsFor(spec.name, reparented, initial);
  const operation = display(spec);
  const op = operationOf(spec, { hasData: false, hasCallback: false });
  const dropping = context.options.mode === 'drop';
  const set = function (this: Res, value: unknown): void {
    // Not checked: nested in a guarded call, or set by an async finisher (sendFile's 404).
    if (active !== this && (this.headersSent || this.writableEnded || stateOf(this) !== undefined)) {
      const st = stateOf(this);
      const row = st?.asyncPending === true ? undefined : violationFor(lifecycleOf(this, st), op);
      if (row) {
        // An assignment cannot start a chain: reported (and in 'throw' mode thrown) at once, once.
        if (st?.muted !== true) {
          const error = raise(context, this, st, { rule: row.rule, messageId: row.definite, operation }, set);
          if (error) throw error;
        }
        // 'drop': the status that went out stays the status the response reports.
        if (dropping) return;
      }
    }
    slots.write(this, value);
  };
  Object.defineProperty(proto, spec.name, {
    configurable: true,
    enumerable: false,
    get: slots.read,
    set,
  });
}

/** 'pipe' (a stream piped in) and 'close' arrive as events; one prototype-level `emit` sees them all. */
function guardEvents(context: GuardContext, proto: object, originalEmit: Method): void {
  const pipeOp = PSEUDO_OPERATIONS.pipedInto;
  const dropping = context.options.mode === 'drop';
  const emit = function (this: Res, event: unknown, source?: unknown): unknown {
    if (event === 'pipe') onPipe(this, source as Readable);
    else if (event === 'unpipe') {
      const st = stateOf(this);
      if (st && st.activeSources > 0) st.activeSources -= 1;
    } else if (event === 'close') onClose(this);
    // `arguments` as is: no array built per event (emit runs several times per response).
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(originalEmit, this, arguments);
  };
  function onPipe(res: Res, source: Readable): void {
    const st = ensureState(res);
    const before = st.activeSources > 0 ? 'ended' : lifecycleOf(res, st);
    // The finisher's own stream (sendFile's file), or the extra stream of an already reported send
    // (which 'drop' mode still keeps out of the response).
    if (st.asyncPending && st.activeSources === 0) {
      st.activeSources += 1;
      return;
    }
    if (st.muted) {
      if (dropping && violationFor(before, { effect: pipeOp.effect })) source.unpipe(res);
      else st.activeSources += 1;
      return;
    }
    const row = violationFor(before, { effect: pipeOp.effect });
    if (row) {
      const error = raise(
        context,
        res,
        st,
        { rule: row.rule, messageId: row.definite, operation: pipeOp.display },
        emit,
      );
      // 'drop' and 'throw': the second stream never reaches the response.
      if (error || dropping) source.unpipe(res);
      if (error) throw error;
      if (!dropping) st.activeSources += 1;
      return;
    }
    st.activeSources += 1;
    recordTransition(context, res, before, pipeOp.display, emit as Method, true, false);
  }
  function onClose(res: Res): void {
    context.watchdog?.remove(res);
    const st = stateOf(res);
    const handled = st !== undefined && (st.asyncPending || st.aborted || st.muted);
    if (st) st.asyncPending = false;
    // Closed before the handler responded at all: the client gave up waiting.
    if (!handled && !res.writableEnded && !res.headersSent) {
      reportNotEnded(context, res, 'before the connection closed', emit);
    }
  }
  Object.defineProperty(proto, 'emit', { value: emit, configurable: true, writable: true, enumerable: false });
}

/** The lifecycle properties the guard intercepts by assignment (from MEMBERS). */
export function interceptedProperties(): string[] {
  return MEMBERS.filter((spec) => spec.kind === 'property' && isGuarded(spec)).map((spec) => spec.name);
}

function isGuarded(spec: MemberSpec): boolean {
  return spec.effect !== 'read' && spec.effect !== 'neutral';
}

function findDescriptor(start: object, name: string): PropertyDescriptor | undefined {
  for (let p: object | null = start; p; p = Object.getPrototypeOf(p) as object | null) {
    const desc = Object.getOwnPropertyDescriptor(p, name);
    if (desc) return desc;
  }
  return undefined;
}

/**
 * A prototype that behaves like `base` with every lifecycle member of MEMBERS guarded. Everything
 * of `base` above `http.ServerResponse.prototype` (Express's `res` methods) is copied onto it, so
 * the guard sits beneath those methods and above Node's, and nothing global is mutated.
 * `reparented`: responses get this prototype by setPrototypeOf (Express, guardResponse) rather
 * than being constructed with it.
 */
export function guardedPrototype(context: GuardContext, base: object, { reparented }: { reparented: boolean }): object {
  const cached = context.prototypes.get(base);
  if (cached) return cached;
  const layers: object[] = [];
  let p: object | null = base;
  for (; p && p !== ServerResponse.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.hasOwn(p, GUARDED)) throw new TypeError('response guard: this response is already guarded');
    layers.push(p);
  }
  if (!p) throw new TypeError('response guard: not an http.ServerResponse');
  const proto: object = Object.create(ServerResponse.prototype);
  for (const layer of layers.reverse()) Object.defineProperties(proto, Object.getOwnPropertyDescriptors(layer));

  for (const spec of MEMBERS) {
    if (!isGuarded(spec)) continue;
    const desc = findDescriptor(proto, spec.name);
    if (!desc) continue; // e.g. Express members on a plain node:http response
    if (spec.kind === 'method' && typeof desc.value === 'function') {
      Object.defineProperty(proto, spec.name, {
        value: wrapMethod(context, spec, desc.value as Method),
        configurable: true,
        writable: true,
        enumerable: false,
      });
    } else if (spec.kind === 'property' && 'value' in desc) {
      guardProperty(context, proto, spec, desc.value, reparented);
    }
  }
  guardEvents(context, proto, (findDescriptor(proto, 'emit')?.value ?? ServerResponse.prototype.emit) as Method);
  Object.defineProperty(proto, GUARDED, { value: true });
  context.prototypes.set(base, proto);
  return proto;
}
