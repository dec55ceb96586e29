/**
 * Names of helpers that, by the conventions found in real code, answer the request with the
 * response they are given: `sendError(res, …)`, `respondWith(res, …)`, `replyJson`, `renderPage`,
 * `redirectTo`, micro's `send(res, 200, body)`, and error-style names given the response:
 * `failWith(res)`, `error(res, …)`, `errorResponse(res, …)`, `handleError(res, err)`. When such a
 * helper comes from another module (no summary), it counts as "may finish": `if (err)
 * sendError(res, err); res.json(x)` is the same missing `return` as with `res.status(500).json(…)`.
 *
 * The name is read as words (`prepareJsonResponse` → prepare, json, response). It answers when its
 * first word is an answering verb, or when it speaks of an error and its first word is not a verb
 * that only prepares, reads or records (`prepareJsonResponse(res)` and `setCors(res)` only set
 * headers; `logError(res, e)` logs). Helpers named like an error status answer by convention:
 * `badRequest(res, …)`, `bad_request(req, res, …)`, `notFound(res)`, `serverError(res, err)`,
 * `unauthorized(res)`, `tooManyRequests(res)` (the 4xx/5xx reason phrases, alone or followed by
 * `response`; success names such as `ok` or `created` are too often something else: `assert.ok(res)`).
 * Exact names are still best given in the `finishingHelpers` option (then the finish is certain).
 */
const ANSWERING_VERBS = new Set(['send', 'respond', 'reply', 'render', 'redirect', 'fail', 'error', 'reject']);
const ERROR_WORDS = new Set(['error', 'errors', 'fail', 'failure', 'reject']);
const PREPARING_VERBS = new Set([
  'prepare', 'set', 'add', 'build', 'format', 'log', 'get', 'with', 'apply', 'parse', 'create', 'make', 'to', 'is',
  'has', 'validate', 'check', 'transform', 'serialize', 'read', 'wrap', 'mock', 'fake', 'normalize', 'map',
  'convert', 'init', 'track', 'record', 'report', 'capture', 'count',
]);

/** The reason phrases of the 4xx and 5xx statuses, as words (and the usual short forms). */
const ERROR_STATUS_NAMES = new Set([
  'bad request', 'unauthorized', 'unauthorised', 'payment required', 'forbidden', 'not found', 'method not allowed',
  'not acceptable', 'request timeout', 'conflict', 'gone', 'length required', 'precondition failed',
  'payload too large', 'unsupported media type', 'unprocessable entity', 'unprocessable content', 'too many requests',
  'internal server error', 'server error', 'internal error', 'not implemented', 'bad gateway', 'service unavailable',
  'gateway timeout',
]);

/** `notFound`, `bad_request`, `internalServerErrorResponse`: named like an error status. */
function namesErrorStatus(words: readonly string[]): boolean {
  const phrase = (words[words.length - 1] === 'response' ? words.slice(0, -1) : words).join(' ');
  return ERROR_STATUS_NAMES.has(phrase);
}

/** `prepareJsonResponse` → ['prepare', 'json', 'response']; `send_error` → ['send', 'error']. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .split(/[\s_$]+/u)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

export function looksLikeResponder(name: string | undefined): boolean {
  if (name === undefined) return false;
  const words = wordsOf(name);
  const first = words[0];
  if (first === undefined) return false;
  if (ANSWERING_VERBS.has(first) || namesErrorStatus(words)) return true;
  return !PREPARING_VERBS.has(first) && words.some((word) => ERROR_WORDS.has(word));
}
