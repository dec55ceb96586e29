/**
 * Where the type-state typings live and what they are called, for the lint rule that asks for them
 * (`typed-response-param`). tests/types/names.test.ts checks these against types/index.ts.
 */

/** The module users import the typings from: package.json `exports["./types"]`. */
export const TYPES_MODULE = 'eslint-plugin-response-lifecycle/types';

/** The type a handler's response is annotated with: the open state, what every handler receives. */
export const OPEN_RESPONSE_TYPE = { express: 'Res', node: 'NodeRes' } as const;

/** Every state type; an annotation with any of them opts the parameter in. */
export const TYPE_STATE_TYPES: ReadonlySet<string> = new Set([
  'Res',
  'SentRes',
  'EndedRes',
  'NodeRes',
  'NodeSentRes',
  'NodeEndedRes',
]);

/** The non-generic registration helper: a function passed to it is a registered Express handler. */
export const REGISTRATION_HELPER = 'typed';
