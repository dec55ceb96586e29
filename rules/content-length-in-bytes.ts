import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  contentLengthValue,
  contentLengthValuesInArray,
  contentLengthValuesInText,
  lengthReads,
} from '../src/content-length/header-values.js';
import { AsciiText } from '../src/content-length/ascii.js';
import { BinaryResponses } from '../src/content-length/binary-response.js';
import { SyntacticOrigins, type Origin } from '../src/content-length/origin.js';
import { TypeOrigins } from '../src/content-length/type-origin.js';
import { MESSAGES, SUGGESTION_MESSAGES } from '../src/lifecycle/index.js';
import { createRule } from '../src/util/create-rule.js';

type Options = [{ reportUnknownOrigin?: boolean }];
type MessageIds = 'stringLength' | 'useByteLength';

const MAX_SHOWN = 40;
/** Long expressions (a whole `JSON.stringify({...})`) are shortened in the message, never in the fix. */
const shown = (text: string): string => {
  const flat = text.replace(/\s+/gu, ' ');
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
};

export default createRule<Options, MessageIds>({
  name: 'content-length-in-bytes',
  meta: {
    type: 'problem',
    docs: {
      description: "Require Content-Length to be a byte count, not a string's `.length`",
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      stringLength: MESSAGES['content-length-in-bytes'].stringLength,
      useByteLength: SUGGESTION_MESSAGES.useByteLength,
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportUnknownOrigin: {
            type: 'boolean',
            description:
              'Also report `.length` of a value the rule cannot classify (a parameter, a property, `any`), with a suggestion instead of an autofix. Values known to be strings are always reported.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportUnknownOrigin: true }],
  },
  create(context, [{ reportUnknownOrigin = true }]) {
    const sourceCode = context.sourceCode;
    // Every header name the rule recognises is spelled out in the file (a literal, a template, a
    // same-file constant, the http2 constant): a file without one has nothing to check, and most
    // files have none (the listeners below run on every call, property and array otherwise).
    if (!mentionsContentLength(sourceCode.text)) return {};
    const syntactic = new SyntacticOrigins(sourceCode);
    const services = sourceCode.parserServices;
    const typed = services?.program && services.esTreeNodeToTSNodeMap ? new TypeOrigins(services as never) : undefined;
    const binary = new BinaryResponses(sourceCode);
    const ascii = new AsciiText(sourceCode, typed && ((node) => typed.isNumeric(node)));
    const reported = new Set<TSESTree.Node>();

    /** With types, the type decides; `any`/`unknown` fall back to how the value was built. */
    function originOf(object: TSESTree.Expression): Origin {
      const fromSyntax = (): Origin => syntactic.ofLengthObject(object);
      if (!typed) return fromSyntax();
      const fromType = typed.of(object);
      if (fromType !== 'unknown') return fromType;
      const built = fromSyntax();
      return built === 'bytes' || built === 'other' || built === 'string' ? built : 'unknown';
    }

    function check(value: TSESTree.Node): void {
      for (const read of lengthReads(value, sourceCode)) {
        if (reported.has(read)) continue;
        const object = read.object as TSESTree.Expression;
        // pure ASCII text has one byte per UTF-16 unit: its `.length` is its byte count
        if (ascii.proven(object)) continue;
        const origin = originOf(object);
        if (origin === 'bytes' || origin === 'other') continue;
        // unknown origin: a handler that declares a binary Content-Type sends bytes
        if (origin === 'unknown' && (!reportUnknownOrigin || binary.around(read))) continue;
        reported.add(read);
        const objectText = sourceCode.getText(object);
        const replacement = `Buffer.byteLength(${object.type === 'SequenceExpression' ? `(${objectText})` : objectText})`;
        const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix => fixer.replaceText(read, replacement);
        // an optional read (`body?.length`) tolerates a missing body; Buffer.byteLength would throw
        const certain = origin === 'string' && !read.optional;
        context.report({
          node: read,
          messageId: 'stringLength',
          data: { operation: shown(sourceCode.getText(read)), first: shown(objectText) },
          ...(certain
            ? { fix }
            : { suggest: [{ messageId: 'useByteLength', data: { text: shown(objectText) }, fix }] }),
        });
      }
    }

    const checkSite = (node: TSESTree.Node): void => {
      const value = contentLengthValue(node, sourceCode);
      if (value) check(value);
    };
    return {
      CallExpression: checkSite,
      Property: checkSite,
      AssignmentExpression: checkSite,
      ArrayExpression(node) {
        for (const value of contentLengthValuesInArray(node, sourceCode)) check(value);
      },
      'TemplateLiteral, BinaryExpression'(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression) {
        for (const value of contentLengthValuesInText(node)) check(value);
      },
    };
  },
});

const CONTENT_LENGTH_TEXT = /content-length|HTTP2_HEADER_CONTENT_LENGTH/iu;

function mentionsContentLength(text: string): boolean {
  return CONTENT_LENGTH_TEXT.test(text);
}
