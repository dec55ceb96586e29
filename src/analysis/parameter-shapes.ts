/**
 * What a function's parameter names say about where its response is, when neither a registration
 * nor a type says it (see ./handlers.ts):
 * - `(req, res)`, `(req, res, next)`: a handler or middleware;
 * - `(err, req, res, next)`: Express error middleware, only when the first parameter is named like
 *   an error (any four-parameter function used to be read this way);
 * - `(req, res, next, value)`: the `app.param`/`router.param` callback, also when it is defined
 *   apart and registered elsewhere (`router.param('id', loadUser)`);
 * - `(req, res, …more)` with other extra parameters (`sendPage(req, res, page)`): a helper given
 *   the request and response. Its own paths are checked for double sends and late headers or
 *   writes, but it owes no answer by itself (the caller may answer after it returns).
 * Response names: `res`, `resp`, `rsp`, `response`.
 */

export const REQ_NAME = /^(?:_?(?:req|request)|_{1,2})$/u;
export const RES_NAME = /^_?(?:res|resp|rsp|response)$/u;
export const NEXT_NAME = /^_?next$/u;
export const ERR_NAME = /^_?(?:err|error|e|ex|exception)$/u;

export interface ParameterShape {
  readonly responseIndex: number;
  /** `(err, req, res, next)` */
  readonly errorHandler: boolean;
  /** `(req, res, …more)`: state rules only, no answer owed unless registered. */
  readonly helper: boolean;
  /** Where `next` is, if the shape has one. */
  readonly nextIndex: number | undefined;
}

type Names = readonly (string | undefined)[];

const matches = (pattern: RegExp, name: string | undefined): boolean => name !== undefined && pattern.test(name);

/**
 * Where a registered function's response is: a four-parameter function is error middleware
 * (Express decides by arity) unless it is an `app.param` callback or named `(req, res, next, value)`.
 */
export function registeredResponseIndex(names: Names, paramRegistration: boolean): number {
  if (names.length !== 4 || paramRegistration) return 1;
  return matches(REQ_NAME, names[0]) && matches(RES_NAME, names[1]) && !matches(ERR_NAME, names[0]) ? 1 : 2;
}

/** The conventional shape of a function known only by its parameter names, if it has one. */
export function conventionalShape(names: Names): ParameterShape | undefined {
  if (names.length === 4 && matches(ERR_NAME, names[0])) {
    if (!matches(REQ_NAME, names[1]) || !matches(RES_NAME, names[2]) || !matches(NEXT_NAME, names[3])) return undefined;
    return { responseIndex: 2, errorHandler: true, helper: false, nextIndex: 3 };
  }
  if (!matches(REQ_NAME, names[0]) || !matches(RES_NAME, names[1])) return undefined;
  const nextNamed = matches(NEXT_NAME, names[2]);
  // `(req, res)`, `(req, res, next)` and the param callback `(req, res, next, id)`
  if (names.length === 2 || (nextNamed && names.length <= 4)) {
    return { responseIndex: 1, errorHandler: false, helper: false, nextIndex: nextNamed ? 2 : undefined };
  }
  return { responseIndex: 1, errorHandler: false, helper: true, nextIndex: nextNamed ? 2 : undefined };
}
