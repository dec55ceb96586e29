import { formatMessage, MESSAGES, type RuleId } from '../lifecycle/index.js';

/** How to get the first answer's call site when it was not recorded (said in the message itself). */
const HOW_TO_RECORD =
  "where it was first answered is not recorded: pass `firstStack: 'always'`, or run the test under `recordViolations()`; the guard also records it from its first violation on";

/**
 * The guard's wording of the model's messages when the first answer was not recorded (the default
 * outside 'throw' mode, to keep the clean path cheap): the same advice, no placeholder for the
 * first call, and how to get it. Keyed by the message ids the guard raises with a first answer.
 */
const FIRST_NOT_RECORDED: Readonly<Record<string, string>> = {
  alreadyFinished: '`{{operation}}` finishes a response that was already finished ({{how}}). Return after the first send, or check `res.headersSent` first.',
  nextAfterFinish: '`{{operation}}` passes the request on after the response was already finished ({{how}}). Return after the send instead of also calling next.',
  headAfterSend: '`{{operation}}` changes the head after it was already sent ({{how}}; ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.',
  writeAfterEnd: '`{{operation}}` writes to a response that was already ended ({{how}}; ERR_STREAM_WRITE_AFTER_END). Write every chunk before `end()`, or return after ending.',
};

/** The message of a violation: the model's template, with the first answer's call and place when recorded. */
export function violationMessage(
  rule: RuleId,
  messageId: string,
  data: Readonly<Record<string, string | number>>,
  first: { operation: string; at: string | undefined } | undefined,
): string {
  const template = (MESSAGES[rule] as Record<string, string>)[messageId] ?? messageId;
  if (first?.at !== undefined) return formatMessage(template, { ...data, first: first.operation, where: `at ${first.at}` });
  const unrecorded = FIRST_NOT_RECORDED[messageId];
  if (unrecorded !== undefined) return formatMessage(unrecorded, { ...data, how: HOW_TO_RECORD });
  // Messages without a first answer (require-end, content-length-in-bytes).
  return formatMessage(template, data);
}
