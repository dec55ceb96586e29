/**
 * The runtime guard: the lifecycle rules of the lint plugin, enforced on real responses.
 * `eslint-plugin-response-lifecycle/guard`.
 */
export { responseGuard } from './express.js';
export { guard, guardResponse } from './node.js';
export type { FirstStackPolicy, GuardMode, GuardOptions } from './options.js';
export { ResponseLifecycleError, type Violation } from './violation.js';
