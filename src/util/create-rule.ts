import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields: the configs and the docs generator are derived from them. */
export interface PluginDocs {
  /** In the `recommended` config (and `recommended-type-checked`); `strict`-only rules say `'strict'`. */
  recommended?: 'recommended' | 'strict';
  /** The rule needs type information; without it, it does nothing useful. */
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/response-lifecycle/eslint-plugin-response-lifecycle';

const namedRule = ESLintUtils.RuleCreator<PluginDocs>((name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`);

/**
 * typescript-eslint's `RuleCreator`, with the options merged with their defaults once per distinct
 * options rather than on every file: its `create` deep-clones the defaults (`structuredClone`) for
 * every rule on every file, a measurable share of the plugin's cost on files with no response at
 * all (bench/real cost profile). The merged options are shared between files, so rules must treat
 * them as read-only (they do: they are frozen here, and a write would throw in strict mode).
 */
export const createRule: typeof namedRule = (rule) => {
  const created = namedRule(rule);
  type Options = Parameters<typeof rule.create>[1];
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  return {
    ...created,
    create(context) {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        options = deepFreeze(ESLintUtils.applyDefault(defaults, context.options as Options));
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
