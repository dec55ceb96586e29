/**
 * The runtime guard: the lifecycle rules of the lint plugin, enforced on real responses.
 * `eslint-plugin-response-lifecycle/guard`.
 */
export { VIOLATION_CHANNEL } from './context.js';
export { responseGuard } from './express.js';
export { guard, guardResponse } from './node.js';
export type { FirstStackPolicy, GuardMode, GuardOptions } from './options.js';
export { recordViolations, ResponseLifecycleViolations, type ViolationRecorder } from './recorder.js';
export { describeViolation, ResponseLifecycleError, type Violation } from './violation.js';
