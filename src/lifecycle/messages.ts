import type { RuleId } from './rules.js';

/**
 * Message templates, shared by the lint rules (as `meta.messages`) and the guard. Placeholders:
 * - `{{operation}}`: the offending call, e.g. `res.json()`;
 * - `{{first}}`: the call that sent or ended the response first;
 * - `{{where}}`: where `first` happened: "on line 12" for lint, "at app.js:12:5" for the guard.
 * Every message says what happened and what to do.
 */
export const MESSAGES = {
  'no-double-send': {
    alreadyFinished:
      '`{{operation}}` finishes a response that `{{first}}` already finished {{where}}. Return after the first send (`return {{first}}`), or check the response\'s `headersSent` first.',
    mayBeFinished:
      '`{{operation}}` may finish a response that `{{first}}` already finished {{where}} on some path. Return after the first send, or make the branches exclusive.',
    nextAfterFinish:
      '`{{operation}}` passes the request on after `{{first}}` already finished the response {{where}}: a later handler such as a 404 page answers again (ERR_HTTP_HEADERS_SENT), and after `next(err)` Express\'s final handler destroys the socket. Return after the send instead of also calling next.',
    nextMayBeAfterFinish:
      '`{{operation}}` may pass the request on after `{{first}}` finished the response {{where}} on some path: a later handler such as a 404 page answers again (ERR_HTTP_HEADERS_SENT), and after `next(err)` Express\'s final handler destroys the socket. Return after the send instead of also calling next.',
    afterNext:
      '`{{operation}}` runs after `{{first}}` already passed the request on {{where}}, so the next handler (or the error handler) answers too. Return after calling next (`return {{first}}`).',
    mayBeAfterNext:
      '`{{operation}}` may run after `{{first}}` passed the request on {{where}} on some path, so two handlers answer. Return after calling next.',
  },
  'no-header-after-send': {
    headAfterSend:
      '`{{operation}}` changes the head after `{{first}}` already sent it {{where}} (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.',
    headMayBeAfterSend:
      '`{{operation}}` changes the head, but `{{first}}` may already have sent it {{where}} on some path (ERR_HTTP_HEADERS_SENT). Set status and headers before sending, or return after the send.',
  },
  'no-write-after-end': {
    writeAfterEnd:
      '`{{operation}}` writes to a response that `{{first}}` already ended {{where}} (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.',
    writeMayBeAfterEnd:
      '`{{operation}}` may write to a response that `{{first}}` already ended {{where}} on some path (ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.',
  },
  'require-end': {
    // {{unanswered}} and {{remedy}} mention `next()` only where the handler has one (see src/require-end/report-at.ts).
    neverResponds:
      '{{handler}} never {{unanswered}}; the client waits until a timeout. {{remedy}} on every path.',
    someNotRespond:
      '{{handler}} leaves the request hanging when it {{exit}}: that path never {{unanswered}}, so the client waits until a timeout. {{remedy}} there.',
    swallowedRejection:
      'The `.{{operation}}()` handler on line {{line}} swallows the error of a promise chain that answers the request, without answering it: when the chain fails, the client waits until a timeout. Call `next(err)` or send an error response there.',
    asyncRejectionHangs:
      'This async handler can reject (`{{operation}}` on line {{line}} is outside try/catch), and Express 4 does not catch rejected promises: the client waits until a timeout. Catch the error and call `next(err)`, or use Express 5.',
    notEndedAtRuntime:
      'The response was not finished {{where}}; the client is left waiting. Finish it (`res.end()`, `res.send()`, …) or call `next()` on every path.',
  },
  'content-length-in-bytes': {
    stringLength:
      'Content-Length counts bytes, but `{{operation}}` counts UTF-16 code units when `{{first}}` is a string; any non-ASCII character then truncates the body or leaves the client waiting. Use `Buffer.byteLength({{first}})`, which counts the bytes of strings and buffers alike.',
    mismatch:
      'Content-Length declared {{declared}} bytes but {{actual}} were written{{hint}}. Compute it with `Buffer.byteLength(body)`.',
  },
  'typed-response-param': {
    untypedResponse:
      'The response parameter `{{name}}` of this handler is not annotated with a type-state type, so the compiler does not check its lifecycle. Annotate it as `{{name}}: {{type}}` (from \'{{module}}\').',
    redeclaredLocals:
      '`{{typeName}}` re-declares `locals`, so the compiler stops narrowing the response after a send and a second send compiles. Pass the locals type as the second type argument instead (`{{base}}<Body, AppLocals>`) and remove this member.',
    requiredMember:
      '`{{typeName}}` adds the required member `{{member}}` to `{{base}}`, so the compiler stops narrowing the response after a send (the later states lack `{{member}}`) and a second send compiles. Make it optional (`{{member}}?`).',
  },
} as const satisfies Record<RuleId, Record<string, string>>;

/** Messages of the fixes and suggestions, keyed by suggestion id. */
export const SUGGESTION_MESSAGES = {
  addReturn: 'Return right after the earlier send on line {{line}}.',
  moveBeforeSend: 'Move this statement before `{{first}}` on line {{line}}, which sends the head.',
  moveBeforeEnd: 'Move this statement before `{{first}}` on line {{line}}, which ends the response.',
  useByteLength: 'Use `Buffer.byteLength({{text}})`.',
  annotateResponse: 'Annotate `{{name}}` as `{{type}}`, imported from \'{{module}}\'.',
  annotateResponseAndReturn:
    'Annotate `{{name}}` as `{{type}}`, imported from \'{{module}}\', and declare the handler to return `{{returns}}`: an answer on a `{{type}}` is not a `Response`.',
} as const;

export type MessageId<R extends RuleId> = keyof (typeof MESSAGES)[R];

/** Fill `{{name}}` placeholders. Unknown placeholders are left visible, not dropped. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}
