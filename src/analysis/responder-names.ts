/**
 * Names of helpers that, by every convention we found in real code, answer the request with the
 * response they are given: `sendError(res, …)`, `respondWith(res, …)`, `errorResponse(res, …)`,
 * `handleError(res, err)`, micro's `send(res, 200, body)`. When such a helper comes from another
 * module (no summary), it counts as "may finish": `if (err) sendError(res, err); res.json(x)` is the
 * same missing `return` as with `res.status(500).json(…)`. Exact names are still best given in the
 * `finishingHelpers` option (then the finish is certain).
 */
const VERB_FIRST = /^(?:send|respond|reply)(?:[A-Z_$]\w*)?$/u;
const RESPONSE_LAST = /^(?!(?:log|parse|get|build|format|create|make|to|is|has|set|validate|check|transform|serialize|read|wrap|mock|fake)[A-Z])[a-z]\w*Response$/u;
const HANDLE_ERROR = /^handle\w*Errors?$/u;

export function looksLikeResponder(name: string | undefined): boolean {
  return name !== undefined && (VERB_FIRST.test(name) || RESPONSE_LAST.test(name) || HANDLE_ERROR.test(name));
}
