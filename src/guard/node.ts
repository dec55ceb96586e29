import { ServerResponse, type IncomingMessage } from 'node:http';
import { ANSWERED_BEFORE_GUARD, createContext, warnInstalledLate, type GuardContext } from './context.js';
import { GUARDED, guardedPrototype, interceptedProperties } from './intercept.js';
import type { GuardOptions } from './options.js';

/** Re-parent one response onto the guarded version of its prototype (one pointer change, no own properties). */
export function attach(context: GuardContext, res: ServerResponse, reparented: boolean): void {
  const proto = Object.getPrototypeOf(res) as object;
  if ((proto as Record<symbol, unknown>)[GUARDED] === true) return;
  Object.setPrototypeOf(res, guardedPrototype(context, proto, { reparented }));
}

/** A ServerResponse subclass whose prototype chain holds the guard. */
function guardedResponseClass(context: GuardContext): typeof ServerResponse {
  const proto = guardedPrototype(context, ServerResponse.prototype, { reparented: false });
  // A plain constructor calling Node's (a function, not a class) with its two arguments: a derived
  // class's implicit `constructor(...args)` spreads an array on every response.
  function GuardedServerResponse(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  GuardedServerResponse.prototype = Object.create(proto) as object;
  Object.defineProperty(GuardedServerResponse.prototype, 'constructor', { value: GuardedServerResponse, configurable: true, writable: true });
  Object.setPrototypeOf(GuardedServerResponse, ServerResponse);
  return GuardedServerResponse as unknown as typeof ServerResponse;
}

/**
 * Make the server construct guarded responses itself from now on, as `createServer({ ServerResponse })`
 * would. Re-parenting each response with setPrototypeOf instead costs ~40 µs per response on
 * Node 20 (measured: V8 moves the object to a slow shape). Node keeps the class under a symbol
 * described 'ServerResponse'; when it is not found (another Node version), fall back to re-parenting.
 */
function adoptServer(server: unknown, Guarded: typeof ServerResponse): boolean {
  if (server === null || typeof server !== 'object') return false;
  const slots = server as Record<symbol, unknown>;
  const key = Object.getOwnPropertySymbols(server).find((symbol) => symbol.description === 'ServerResponse');
  if (key === undefined) return false;
  if (slots[key] === Guarded) return true;
  if (slots[key] !== ServerResponse) return false; // the program chose its own class: leave it alone
  slots[key] = Guarded;
  return true;
}

/**
 * Guard a node:http request listener: `http.createServer(guard((req, res) => { ... }))`.
 * On the first request the server is switched to a guarded ServerResponse subclass, so later
 * responses are born guarded; until then (and where that is impossible) each response is re-parented.
 */
export function guard<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: (req: Req, res: Res) => unknown,
  options?: GuardOptions,
): (req: Req, res: Res) => unknown {
  if (typeof handler !== 'function') throw new TypeError('response guard: guard(handler) needs a request listener function');
  const context = createContext(options);
  // Build the prototype now, so set-up errors surface at start-up and the first request pays nothing.
  const Guarded = guardedResponseClass(context);
  return function guardedListener(this: unknown, req: Req, res: Res): unknown {
    if (res.headersSent || res.writableEnded) warnInstalledLate(context, ANSWERED_BEFORE_GUARD);
    if (!(res instanceof Guarded)) {
      attach(context, res, false);
      adoptServer((req.socket as { server?: unknown } | null)?.server, Guarded);
    }
    context.watchdog?.add(res);
    return handler.call(this, req, res);
  };
}

/** One context (options, watchdog, guarded prototypes) per options object passed to guardResponse. */
const responseContexts = new WeakMap<object, GuardContext>();

/**
 * Guard one response object (other frameworks, tests). Pass the same options object for every
 * response so they share one guarded prototype and one watchdog.
 */
export function guardResponse<Res extends ServerResponse>(res: Res, options?: GuardOptions): Res {
  if (!(res instanceof ServerResponse)) throw new TypeError('response guard: guardResponse(res) needs an http.ServerResponse');
  let context = options && typeof options === 'object' ? responseContexts.get(options) : undefined;
  if (!context) {
    context = createContext(options);
    if (options && typeof options === 'object') responseContexts.set(options, context);
  }
  if (res.headersSent || res.writableEnded) warnInstalledLate(context, ANSWERED_BEFORE_GUARD);
  // A status assigned before guarding sits on the instance and would hide the prototype's accessor.
  const own = res as unknown as Record<string, unknown>;
  const saved: Record<string, unknown> = {};
  for (const name of interceptedProperties()) {
    if (Object.hasOwn(own, name)) {
      saved[name] = own[name];
      delete own[name];
    }
  }
  attach(context, res, true);
  Object.assign(res, saved);
  context.watchdog?.add(res);
  return res;
}
