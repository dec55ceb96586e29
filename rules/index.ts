import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../src/util/create-rule.js';

/** A rule of this plugin, with our `meta.docs` fields. */
export type PluginRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

/** Every rule, by id, in alphabetical order. */
export const rules: Record<string, PluginRule> = {};
