/** The rule ids shared by the lint rules, the guard's violations and the docs. */
export const RULE_IDS = [
  'no-double-send',
  'no-header-after-send',
  'no-write-after-end',
  'require-end',
  'content-length-in-bytes',
  'typed-response-param',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
