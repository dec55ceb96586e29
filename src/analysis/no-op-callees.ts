/**
 * Callees known not to take over a response given to them: logging, inspection, assertions.
 * `console.log(res)` or `debug(res.statusCode, res)` leave the handler responsible, so they are
 * no hand-off for `require-end` (unlike an unknown `render(res)`, which may finish it).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeName, unwrapTs } from './handlers.js';

/** Loggers, called as functions (`debug(…)`) or through their methods (`logger.info(…)`). */
const LOGGER_NAMES = ['console', 'logger', 'log', 'debug', 'winston', 'pino'];
const LOGGERS = new RegExp(`^(?:${LOGGER_NAMES.join('|')})$`, 'u');
/** Objects whose methods only log or inspect: the loggers, and `util.inspect`, `JSON.stringify`, … */
const NO_OP_OBJECTS = new RegExp(`^(?:${[...LOGGER_NAMES, 'util', 'JSON', 'assert', 'Object'].join('|')})$`, 'u');
/** Plain functions that only log, inspect or assert. */
const NO_OP_FUNCTIONS = /^(?:debug|log|logger|trace|inspect|assert|ok|expect|print)$/u;

export function isNoOpCallee(callee: TSESTree.Node): boolean {
  const node = unwrapTs(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return NO_OP_FUNCTIONS.test(node.name);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  let root: TSESTree.Node = unwrapTs(node.object);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapTs(root.object);
  if (root.type === AST_NODE_TYPES.Identifier && NO_OP_OBJECTS.test(root.name)) {
    // `Object.assign(target, res)` copies, `JSON.stringify(res)` reads: neither finishes anything.
    return true;
  }
  // `this.logger.warn(res)`, `req.log.info(res)`
  const object = unwrapTs(node.object);
  const objectName = object.type === AST_NODE_TYPES.MemberExpression ? calleeName(object) : undefined;
  return objectName !== undefined && /^(?:log|logger|console)$/u.test(objectName);
}

/**
 * A call of a logger (`console.error(e)`, `logger.warn(…)`, `debug(…)`): not counted as a point
 * where a `try` block may throw, unlike `JSON.parse(…)`, which `isNoOpCallee` also accepts.
 */
export function isLoggingCall(callee: TSESTree.Node): boolean {
  const node = unwrapTs(callee);
  if (node.type === AST_NODE_TYPES.Identifier) return LOGGERS.test(node.name);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrapTs(node.object);
  return object.type === AST_NODE_TYPES.Identifier && LOGGERS.test(object.name);
}
