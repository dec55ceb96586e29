import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields: the configs and the docs generator are derived from them. */
export interface PluginDocs {
  /** In the `recommended` config (and `recommended-type-checked`); `strict`-only rules say `'strict'`. */
  recommended?: 'recommended' | 'strict';
  /** The rule needs type information; without it, it does nothing useful. */
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/response-lifecycle/eslint-plugin-response-lifecycle';

export const createRule = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${REPO_URL}/blob/main/docs/rules/${name}.md`,
);
