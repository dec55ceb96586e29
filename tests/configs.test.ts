import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { RULE_IDS } from '../src/lifecycle/index.js';
import plugin from '../src/index.js';

const enabled = (name: keyof typeof plugin.configs) => Object.keys(plugin.configs[name].rules ?? {}).sort();
const prefixed = (ids: string[]) => ids.map((id) => `response-lifecycle/${id}`).sort();

describe('plugin object and configs', () => {
  it('has the flat-config plugin shape', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-response-lifecycle', version: expect.any(String), namespace: 'response-lifecycle' });
    expect(Object.keys(plugin.configs).sort()).toEqual(['all', 'recommended', 'recommended-type-checked', 'strict']);
    for (const config of Object.values(plugin.configs)) {
      expect(config.plugins?.['response-lifecycle']).toBe(plugin);
    }
  });

  it('derives recommended from meta.docs (no type information needed)', () => {
    const expected = Object.entries(rules)
      .filter(([, r]) => r.meta.docs?.recommended === 'recommended' && !r.meta.docs.requiresTypeChecking)
      .map(([id]) => id);
    expect(enabled('recommended')).toEqual(prefixed(expected));
  });

  it('recommended-type-checked turns on the same rules plus type-aware ones, with the project service', () => {
    expect(enabled('recommended-type-checked')).toEqual(
      prefixed(Object.entries(rules).filter(([, r]) => r.meta.docs?.recommended === 'recommended').map(([id]) => id)),
    );
    expect(plugin.configs['recommended-type-checked'].languageOptions?.parserOptions).toEqual({ projectService: true });
  });

  it('every config covers JavaScript and TypeScript files, not only the .js/.mjs/.cjs ESLint lints by default', async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as never] });
    for (const file of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx', 'src/deep/a.ts']) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> } | undefined;
      expect(Object.keys(config?.rules ?? {}), file).toContain('response-lifecycle/no-double-send');
    }
    for (const config of Object.values(plugin.configs)) expect(config.files).toEqual(plugin.configs.recommended.files);
  });

  it('strict adds the strict rules; all has every rule', () => {
    const strictIds = Object.entries(rules)
      .filter(([, r]) => r.meta.docs?.recommended !== undefined)
      .map(([id]) => id);
    expect(enabled('strict')).toEqual(prefixed(strictIds));
    expect(enabled('all')).toEqual(prefixed(Object.keys(rules)));
  });

  it('has a rule for every lifecycle rule id that exists so far, each in recommended', () => {
    // typed-response-param only asks for annotations; issue 6 puts it in strict, not recommended.
    const strictOnly = new Set(['typed-response-param']);
    for (const id of RULE_IDS.filter((id) => id in rules)) {
      expect(enabled(strictOnly.has(id) ? 'strict' : 'recommended')).toContain(`response-lifecycle/${id}`);
      if (strictOnly.has(id)) expect(enabled('recommended')).not.toContain(`response-lifecycle/${id}`);
    }
  });
});
