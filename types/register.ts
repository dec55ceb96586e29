import type * as core from 'express-serve-static-core';
import type { Res } from './express.js';

/**
 * Registers a handler whose `res` is annotated with `Res`, without Express's generic overloads
 * inferring route parameters, body and locals types by walking `Res` member by member on every
 * `app.get(...)` call. Measured with 1000 handlers (docs/types.md, `npm run bench:types`), this is
 * where almost all of the typings' extra check time goes; through `typed()` it mostly disappears.
 * The `res` parameter must still be annotated: `typed((req, res: Res) => ...)`.
 */
export function typed(handler: (req: core.Request, res: Res, next: core.NextFunction) => unknown): core.RequestHandler {
  return handler;
}
