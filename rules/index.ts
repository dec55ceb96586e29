import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../src/util/create-rule.js';
import contentLengthInBytes from './content-length-in-bytes.js';
import noDoubleSend from './no-double-send.js';
import noHeaderAfterSend from './no-header-after-send.js';
import noWriteAfterEnd from './no-write-after-end.js';
import requireEnd from './require-end.js';
import typedResponseParam from './typed-response-param.js';

/** A rule of this plugin, with our `meta.docs` fields. */
export type PluginRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

/** Every rule, by id, in alphabetical order. */
export const rules: Record<string, PluginRule> = {
  'content-length-in-bytes': contentLengthInBytes,
  'no-double-send': noDoubleSend,
  'no-header-after-send': noHeaderAfterSend,
  'no-write-after-end': noWriteAfterEnd,
  'require-end': requireEnd,
  'typed-response-param': typedResponseParam,
};
