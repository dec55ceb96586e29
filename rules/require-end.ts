import { ASTUtils } from '@typescript-eslint/utils';
import { isFunctionNode, subscribeToAnalysis } from '../src/analysis/index.js';
import { FINISHING_HELPERS_SCHEMA } from '../src/analysis/lifecycle-rule.js';
import { MESSAGES } from '../src/lifecycle/index.js';
import { isExpress4Project } from '../src/project/express4-project.js';
import { uncaughtRejection } from '../src/require-end/express4-rejection.js';
import { continuationName } from '../src/require-end/continuations.js';
import { findMissingEnds, isMistakenHandler, returnsResult } from '../src/require-end/findings.js';
import { overrideWording } from '../src/require-end/overrides.js';
import { exitReport, hangData } from '../src/require-end/report-at.js';
import { swallowingErrorCallbacks } from '../src/require-end/swallowed-rejections.js';
import { createRule } from '../src/util/create-rule.js';

interface Options {
  finishingHelpers: string[];
  handOffHelpers: string[];
  unknownCalleesHandOff: boolean;
  /** `'auto'`: when the nearest package.json runs Express 4 without a global patch (../src/project/express4-project.ts). */
  express4AsyncRejections: boolean | 'auto';
}

const { neverResponds, someNotRespond, swallowedRejection, asyncRejectionHangs } = MESSAGES['require-end'];

/** A handler path that neither finishes the response nor passes the request on leaves the client waiting. */
export default createRule<[Options], 'neverResponds' | 'someNotRespond' | 'swallowedRejection' | 'asyncRejectionHangs'>({
  name: 'require-end',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every path of a handler to finish the response, call next(), or hand the response on',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          finishingHelpers: FINISHING_HELPERS_SCHEMA,
          handOffHelpers: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Names of functions (`respond(res, …)`) or response methods that take the response over and answer for it. Only needed with `unknownCalleesHandOff: false`.',
          },
          unknownCalleesHandOff: {
            type: 'boolean',
            description:
              'Whether passing the response to a function the rule does not know (or calling a response method it does not know) hands the response on. Logging and inspection calls never do.',
          },
          express4AsyncRejections: {
            type: ['boolean', 'string'],
            oneOf: [
              { type: 'boolean', description: 'Force the check on (`true`) or off (`false`).' },
              { type: 'string', enum: ['auto'], description: 'On when the nearest package.json depends on Express 4 without a global patch.' },
            ],
            description:
              "Also report async handlers with an `await` or `throw` outside `try`/`catch` (Express 4 does not catch their rejections): `true`, `false`, or `'auto'`, when the nearest package.json depends on `express` below 5 and not on `express-async-errors`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ finishingHelpers: [], handOffHelpers: [], unknownCalleesHandOff: true, express4AsyncRejections: 'auto' }],
    messages: { neverResponds, someNotRespond, swallowedRejection, asyncRejectionHangs },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysisOptions = {
      finishingHelpers: options.finishingHelpers,
      handOffHelpers: options.handOffHelpers,
      unknownCalleesHandOff: options.unknownCalleesHandOff,
    };
    const express4 = (): boolean =>
      options.express4AsyncRejections === 'auto' ? isExpress4Project(context.physicalFilename) : options.express4AsyncRejections;
    return subscribeToAnalysis(context, analysisOptions, (file) => {
      const reported = new Set<unknown>();
      for (const found of findMissingEnds(file, sourceCode)) {
        reported.add(found.fn);
        const exitState = found.exit?.responses.get(found.key);
        const data = found.override ? overrideWording(found.override) : hangData(found.fn, found.key, file, sourceCode, exitState);
        const handler = found.continuation ? continuationName(found.continuation, sourceCode) : data.handler;
        // A hanging exit is reported where the fix goes; a handler that never answers, at its head.
        const at = found.exit ? exitReport(found.fn, found.exit, found.key, sourceCode) : undefined;
        context.report({
          loc: at ? at.loc : ASTUtils.getFunctionHeadLocation(found.fn, sourceCode),
          messageId: found.messageId,
          data: { ...data, handler, exit: at?.exit ?? '' },
        });
      }
      for (const { handler, method } of swallowingErrorCallbacks(file, sourceCode, returnsResult)) {
        if (reported.has(handler)) continue;
        reported.add(handler);
        context.report({
          loc: isFunctionNode(handler) ? ASTUtils.getFunctionHeadLocation(handler, sourceCode) : handler.loc,
          messageId: 'swallowedRejection',
          data: { operation: method, line: handler.loc.start.line },
        });
      }
      if (!express4()) return;
      for (const fn of file.functions) {
        if (reported.has(fn.node) || !fn.handler || isMistakenHandler(fn.handler)) continue;
        if (fn.handler.kind === 'helper' && !fn.handler.registered) continue; // its caller answers
        const point = uncaughtRejection(fn.handler.node, fn.handler.registered, sourceCode);
        if (!point) continue;
        context.report({
          loc: ASTUtils.getFunctionHeadLocation(fn.handler.node, sourceCode),
          messageId: 'asyncRejectionHangs',
          data: { operation: point.display, line: point.node.loc.start.line },
        });
      }
    });
  },
});
