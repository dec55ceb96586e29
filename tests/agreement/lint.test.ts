import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { MEMBERS } from '../../src/lifecycle/index.js';
import plugin from '../../src/index.js';
import { agreementCases, chainCases } from './cases.js';

// Every classified member, used in every state, is reported by the lint rules exactly as the
// lifecycle model's violation table says: the rule it names, or nothing.
const LIFECYCLE_RULES = ['no-double-send', 'no-header-after-send', 'no-write-after-end'];
const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  {
    plugins: { 'response-lifecycle': plugin as never },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: Object.fromEntries(LIFECYCLE_RULES.map((id) => [`response-lifecycle/${id}`, 'error'])),
  },
];

describe('the lint rules agree with the lifecycle model', () => {
  const cases = agreementCases();

  it('covers every classified member', () => {
    expect(new Set(cases.map((c) => c.member))).toEqual(new Set(MEMBERS.map((m) => m.name)));
  });

  // Send chains, bare end(), end(data) and next() after a finish: one verdict per statement.
  for (const c of [...cases, ...chainCases()]) {
    it(`${c.prefix || c.state}: ${c.code} -> ${c.expected ?? 'legal'}`, () => {
      const code = `app.get('/', (req, res, next) => {\n  ${c.prefix}\n  ${c.code};\n});\n`;
      const reported = linter
        .verify(code, config, { filename: 'case.js' })
        .map((m) => (m.fatal ? `fatal: ${m.message}` : `${m.ruleId?.replace('response-lifecycle/', '')}@${m.line}`));
      expect(reported).toEqual(c.expected ? [`${c.expected}@3`] : []);
    });
  }
});
