import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginRule } from '../rules/index.js';

export type ConfigName = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

const PREFIX = 'response-lifecycle';

/**
 * Every JavaScript and TypeScript extension. ESLint lints only `.js`, `.mjs` and `.cjs` unless a
 * config names other files, so without this `recommended` alone linted nothing in a TypeScript
 * project (no output, exit 0). Parsing `.ts` still takes the parser the user sets up.
 */
export const LINTED_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** Which rules a config turns on, decided by each rule's `meta.docs` alone. */
export function rulesFor(config: ConfigName, rules: Readonly<Record<string, PluginRule>>): string[] {
  return Object.entries(rules)
    .filter(([, rule]) => {
      const docs = rule.meta.docs;
      if (config === 'all') return true;
      if (config === 'recommended') return docs?.recommended === 'recommended' && !docs.requiresTypeChecking;
      if (config === 'recommended-type-checked') return docs?.recommended === 'recommended';
      return docs?.recommended === 'recommended' || docs?.recommended === 'strict';
    })
    .map(([id]) => id)
    .sort();
}

/** The flat configs, derived from the rules' meta so that docs, configs and rules cannot disagree. */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Readonly<Record<string, PluginRule>>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const config = (name: ConfigName, typeChecked: boolean): TSESLint.FlatConfig.Config => ({
    name: `${PREFIX}/${name}`,
    files: LINTED_FILES,
    plugins: { [PREFIX]: plugin },
    ...(typeChecked ? { languageOptions: { parserOptions: { projectService: true } } } : {}),
    rules: Object.fromEntries(rulesFor(name, rules).map((id) => [`${PREFIX}/${id}`, 'error'])),
  });
  return {
    recommended: config('recommended', false),
    'recommended-type-checked': config('recommended-type-checked', true),
    strict: config('strict', true),
    all: config('all', true),
  };
}
