/**
 * Type-state typings for Express's `res`: `Res` (open) → `SentRes` (head sent) → `EndedRes`
 * (finished), each a subtype of the one before, so an assertion narrows to it.
 */
import type * as core from 'express-serve-static-core';
import type { ChainEnded, ChainSent, EndedRes, ManagedMembers, MisuseMessages, SentRes } from './generated/lifecycle.js';
import type {
  ExpressChainMembers,
  ExpressOpenMembers,
  NodeChainMembers,
  NodeOpenMembers,
  NodeSentWrites,
  RenderCallback,
} from './members.js';

export type { ChainEnded, ChainSent, EndedRes, SentRes };

/** The default of Express's `res.locals` type parameter. */
export type LocalsObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's own default

/** The body type of the states after the head is sent (see `Res`). */
type LaterBody = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- nothing legal there takes a body

// The kept keys do not depend on Body or Locals: computed once here, not by an `Omit` (whose
// `Exclude` distributes over every key of `core.Response`) for every body type a program uses; and
// no kept member mentions the body type, so the base is one per locals type, not per body type.
type UnmanagedKeys = Exclude<keyof core.Response, ManagedMembers<'express'>>;
type Unmanaged<Locals extends LocalsObject> = Pick<core.Response<LaterBody, Locals>, UnmanagedKeys>;

/**
 * An open Express response: annotate the handler's parameter with it (`res: Res`).
 *
 * The states after the head is sent are `SentRes<any, Locals>` / `EndedRes<any, Locals>`: nothing
 * legal there takes a body (send/json/jsonp are refused), and with one set of later states per
 * locals type, a program with a body type per handler pays about as much as with plain Express
 * (narrowing compares the later state with `Res<Body>` member by member, once per distinct
 * pair; `npm run bench:types`, per body type: 900 -> 238 instantiations per handler, plain 342).
 */
export interface Res<Body = any, Locals extends LocalsObject = LocalsObject> // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's default body type
  extends Unmanaged<Locals>,
    NodeOpenMembers<SentRes<LaterBody, Locals>, EndedRes<LaterBody, Locals>, ChainRes<Body, Locals>>,
    ExpressOpenMembers<Body, EndedRes<LaterBody, Locals>, ChainRes<Body, Locals>> {}

/** What stays legal once the head is sent; generated/lifecycle.ts adds the refusals. */
export interface SentBase<Body, Locals extends LocalsObject> extends Res<Body, Locals> {
  write: NodeSentWrites['write'];
  // `render(view, cb)` hands the HTML to the callback and stays legal; `render(view)` sets headers.
  render(view: string, options: object | undefined, callback: RenderCallback): void;
  render(view: string, callback: RenderCallback): void;
  render(this: MisuseMessages['render'], view: string, options?: object): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- see generated/lifecycle.ts
}

/** What `res.status(...)` and the other head mutations return: the chain is checked, `res` is not narrowed. */
export interface ChainRes<Body = any, Locals extends LocalsObject = LocalsObject> // eslint-disable-line @typescript-eslint/no-explicit-any -- as Res
  extends Unmanaged<Locals>,
    NodeChainMembers<ChainRes<Body, Locals>, ChainSent<LaterBody, Locals>, ChainEnded<LaterBody, Locals>>,
    ExpressChainMembers<Body, ChainRes<Body, Locals>, ChainEnded<LaterBody, Locals>> {}

/** An Express handler whose response is tracked. The `res` parameter must still be annotated (docs/types.md). */
export type Handler<
  P = core.ParamsDictionary,
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's default
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's default
  ReqQuery = core.Query,
  Locals extends LocalsObject = LocalsObject,
> = (req: core.Request<P, ResBody, ReqBody, ReqQuery, Locals>, res: Res<ResBody, Locals>, next: core.NextFunction) => unknown;

/** An Express error handler whose response is tracked. */
export type ErrorHandler<
  P = core.ParamsDictionary,
  ResBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's default
  ReqBody = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- Express's default
  ReqQuery = core.Query,
  Locals extends LocalsObject = LocalsObject,
> = (
  err: unknown,
  req: core.Request<P, ResBody, ReqBody, ReqQuery, Locals>,
  res: Res<ResBody, Locals>,
  next: core.NextFunction,
) => unknown;

// Compile-time completeness: every head mutation and transition of the model is re-declared above.
type MustBeNever<T extends never> = T;
export type _ExpressRedeclaresAll = MustBeNever<
  Exclude<ManagedMembers<'express'>, keyof NodeOpenMembers<never, never, never> | keyof ExpressOpenMembers<never, never, never>>
>;
