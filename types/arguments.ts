/**
 * Picks a refusal text by the call's arguments, the way the model's `operationOf` does: a first
 * argument that is not a function is data (`res.end('x')` writes, `res.end()` / `res.end(cb)` do not).
 */
export type ByData<Args extends readonly unknown[], Plain, Data> = Args extends readonly [infer First, ...unknown[]]
  ? First extends (...args: never) => unknown
    ? Plain
    : Data
  : Plain;
