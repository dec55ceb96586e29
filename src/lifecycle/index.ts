/**
 * The one model of the response lifecycle: states, what each member of a response does, the rule
 * ids and their messages. The lint rules, the type-state typings and the runtime guard all read it.
 */
export * from './effects.js';
export * from './members.js';
export * from './messages.js';
export * from './rules.js';
export * from './states.js';
export * from './violations.js';
