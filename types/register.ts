import type * as core from 'express-serve-static-core';
import type { Res } from './express.js';

/**
 * Registers a handler whose `res` is annotated with `Res`, without Express's generic overloads
 * inferring route parameters, body and locals types by walking `Res` member by member on every
 * `app.get(...)` call. That inference costs as much for a plain `express.Response` (docs/types.md,
 * Cost: with 1000 handlers under tsc 6, registering through a non-generic wrapper about halves the
 * check time, whatever the response type). The `res` parameter must still be annotated:
 * `typed((req, res: Res) => ...)`.
 */
export function typed(handler: (req: core.Request, res: Res, next: core.NextFunction) => unknown): core.RequestHandler {
  return handler;
}
