import { ServerResponse, type IncomingMessage } from 'node:http';
import { createContext, type GuardContext } from './context.js';
import { GUARDED, guardedPrototype, interceptedProperties } from './intercept.js';
import type { GuardOptions } from './options.js';

/** Re-parent one response onto the guarded version of its prototype (one pointer change, no own properties). */
export function attach(context: GuardContext, res: ServerResponse): void {
  const proto = Object.getPrototypeOf(res) as object;
  if ((proto as Record<symbol, unknown>)[GUARDED] === true) return;
  Object.setPrototypeOf(res, guardedPrototype(context, proto));
}

/**
 * Guard a node:http request listener: `http.createServer(guard((req, res) => { ... }))`.
 * Each response is re-parented onto a guarded subclass prototype of ServerResponse.
 */
export function guard<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: (req: Req, res: Res) => unknown,
  options?: GuardOptions,
): (req: Req, res: Res) => unknown {
  if (typeof handler !== 'function') throw new TypeError('response guard: guard(handler) needs a request listener function');
  const context = createContext(options);
  // Build the prototype now, so set-up errors surface at start-up and the first request pays nothing.
  guardedPrototype(context, ServerResponse.prototype);
  return function guardedListener(this: unknown, req: Req, res: Res): unknown {
    attach(context, res);
    context.watchdog?.add(res);
    return handler.call(this, req, res);
  };
}

/** Guard one response object (other frameworks, tests). */
export function guardResponse<Res extends ServerResponse>(res: Res, options?: GuardOptions): Res {
  if (!(res instanceof ServerResponse)) throw new TypeError('response guard: guardResponse(res) needs an http.ServerResponse');
  const context = createContext(options);
  // A status assigned before guarding sits on the instance and would hide the prototype's accessor.
  const own = res as unknown as Record<string, unknown>;
  const saved: Record<string, unknown> = {};
  for (const name of interceptedProperties()) {
    if (Object.hasOwn(own, name)) {
      saved[name] = own[name];
      delete own[name];
    }
  }
  attach(context, res);
  Object.assign(res, saved);
  context.watchdog?.add(res);
  return res;
}
