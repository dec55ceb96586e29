import type { ServerResponse } from 'node:http';
import { PSEUDO_OPERATIONS, violationFor } from '../lifecycle/index.js';
import { ANSWERED_BEFORE_GUARD, createContext, raise, warnInstalledLate, type GuardContext } from './context.js';
import { GUARDED, guardedPrototype } from './intercept.js';
import type { GuardOptions } from './options.js';
import { lifecycleOf, stateOf } from './state.js';
import { ResponseLifecycleError } from './violation.js';

type Next = (err?: unknown) => void;
interface Layer {
  handle?: unknown;
  handleRequest?: (req: unknown, res: ServerResponse, next: Next) => unknown;
  handleError?: (error: unknown, req: unknown, res: ServerResponse, next: Next) => unknown;
  route?: { path?: unknown; stack?: Layer[] };
}
interface ExpressApp {
  response: object;
  router?: { stack?: Layer[] };
}
interface ExpressRequest {
  app?: ExpressApp;
}

const WRAPPED = Symbol('response-lifecycle.next-guarded');

/**
 * Express middleware: `app.use(responseGuard())`, first. On the first request it inserts a guarded
 * prototype beneath the app's `app.response` (Express re-parents every `res` onto `app.response`,
 * so the guard then sees every response at no per-request cost) without touching the global
 * `express.response`, and wraps the `next` each handler receives to see `next()` after a send.
 */
export function responseGuard(options?: GuardOptions): (req: object, res: ServerResponse, next: Next) => void {
  const context = createContext(options);
  const guardedLayers = new WeakMap<Layer[], number>();
  // The router stack this guard last checked and its length then: one app, one stack, so the usual
  // request compares two values instead of looking the stack up in `guardedLayers` twice.
  let checkedStack: Layer[] | undefined;
  let checkedLength = -1;
  return function responseGuardMiddleware(req, res, next): void {
    const app = (req as ExpressRequest).app;
    if (!app) throw new TypeError('response guard: responseGuard() is Express middleware; use guard() for node:http');
    const appResponse = app.response;
    if ((appResponse as Record<symbol, unknown>)[GUARDED] !== true) {
      // Everything above node's prototype is copied onto the guarded prototype, so app.response's
      // own prototype (express.response) is no longer consulted: the global stays untouched.
      Object.setPrototypeOf(appResponse, guardedPrototype(context, Object.getPrototypeOf(appResponse) as object, { reparented: true }));
    }
    if (res.headersSent || res.writableEnded) warnInstalledLate(context, ANSWERED_BEFORE_GUARD);
    const stack = app.router?.stack;
    if (stack !== checkedStack || stack?.length !== checkedLength) {
      if (stack && !guardedLayers.has(stack)) {
        const before = routesBefore(stack, responseGuardMiddleware);
        if (before.length > 0) {
          warnInstalledLate(
            context,
            `responseGuard() was registered after ${before.length === 1 ? 'a route' : `${before.length} routes`} (${before.slice(0, 3).join(', ')}${before.length > 3 ? ', …' : ''}): ` +
              'the requests they answer never reach the guard, which guards nothing until one request does. Register it first: app.use(responseGuard()) before any route.',
          );
        }
      }
      if (stack && guardedLayers.get(stack) !== stack.length) {
        guardLayers(context, stack);
        guardedLayers.set(stack, stack.length);
      }
      checkedStack = stack;
      checkedLength = stack?.length ?? -1;
    }
    context.watchdog?.add(res);
    next();
  };
}

/** The paths of the routes (and routers holding routes) registered before the guard's own layer. */
function routesBefore(stack: Layer[], own: unknown): string[] {
  const index = stack.findIndex((layer) => layer.handle === own);
  const paths: string[] = [];
  for (const layer of stack.slice(0, Math.max(index, 0))) {
    if (layer.route) paths.push(String(layer.route.path));
    else if (hasRoutes(layer)) paths.push('a router');
  }
  return paths;
}

function hasRoutes(layer: Layer): boolean {
  const inner = (layer.handle as { stack?: Layer[] } | undefined)?.stack;
  return Array.isArray(inner) && inner.some((l) => l.route !== undefined || hasRoutes(l));
}

/** Hand every handler a `next` that checks the lifecycle (PSEUDO_OPERATIONS.next) before passing on. */
function guardLayers(context: GuardContext, stack: Layer[]): void {
  for (const layer of stack) {
    if (Object.hasOwn(layer, WRAPPED)) continue;
    Object.defineProperty(layer, WRAPPED, { value: true });
    if (layer.route?.stack) {
      // The route's dispatcher passes the router's own next on; its handlers get the guarded one.
      guardLayers(context, layer.route.stack);
      continue;
    }
    const inner = (layer.handle as { stack?: Layer[] } | undefined)?.stack;
    if (inner) guardLayers(context, inner);
    const { handleRequest, handleError } = layer;
    if (handleRequest) {
      layer.handleRequest = function (this: Layer, req, res, next) {
        return handleRequest.call(this, req, res, guardedNext(context, res, next));
      };
    }
    if (handleError) {
      layer.handleError = function (this: Layer, error, req, res, next) {
        return handleError.call(this, error, req, res, guardedNext(context, res, next));
      };
    }
  }
}

function guardedNext(context: GuardContext, res: ServerResponse, next: Next): Next {
  const operation = PSEUDO_OPERATIONS.next;
  const checked: Next = function (err) {
    const st = stateOf(res);
    if (st?.muted === true || st?.pendingHead !== undefined) {
      // already reported (or about to be): what follows is its consequence (Express's next(err)
      // with the ERR_HTTP_HEADERS_SENT of a late res.set() in 'report' mode)
    } else if (st?.asyncPending === true && !res.headersSent) {
      // An async finisher (sendFile) handing its failure on: the response is open again.
      st.asyncPending = false;
    } else if (!(err instanceof ResponseLifecycleError)) {
      const row = violationFor(lifecycleOf(res, st), { effect: operation.effect });
      if (row) {
        const error = raise(context, res, st, { rule: row.rule, messageId: row.definite, operation: operation.display }, checked);
        if (error) throw error;
      }
    }
    next(err);
  };
  return checked;
}
