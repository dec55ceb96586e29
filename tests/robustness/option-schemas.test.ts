import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import plugin from '../../src/index.js';

type Schema = { type?: string; properties?: Record<string, Schema & { description?: string }>; additionalProperties?: boolean; items?: Schema };

/** Every object schema in a rule's options, however nested. */
function objectSchemas(schema: Schema | undefined, found: Schema[] = []): Schema[] {
  if (!schema || typeof schema !== 'object') return found;
  if (schema.type === 'object' || schema.properties) found.push(schema);
  for (const sub of Object.values(schema.properties ?? {})) objectSchemas(sub, found);
  if (schema.items) objectSchemas(schema.items, found);
  return found;
}

function lintWith(ruleId: string, options: unknown[]): void {
  new Linter({ configType: 'flat' }).verify(
    "app.get('/', (req, res) => res.end());\n",
    [{ plugins: { 'response-lifecycle': plugin as never }, rules: { [`response-lifecycle/${ruleId}`]: ['error', ...options] as Linter.RuleEntry } }],
    { filename: 'a.js' },
  );
}

describe('rule options are validated by their schemas', () => {
  for (const [ruleId, rule] of Object.entries(rules)) {
    describe(ruleId, () => {
      const schemas = (Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema]) as Schema[];

      it('describes every option and refuses unknown keys', () => {
        const objects = schemas.flatMap((s) => objectSchemas(s));
        expect(objects.length).toBeGreaterThan(0);
        for (const object of objects) {
          expect(object.additionalProperties).toBe(false);
          for (const [key, property] of Object.entries(object.properties ?? {})) {
            expect(property.description, `${ruleId}: ${key}`).toMatch(/\S/u);
          }
        }
        expect(rule.meta.defaultOptions).toBeDefined();
      });

      it('accepts its default options', () => {
        expect(() => lintWith(ruleId, (rule.meta.defaultOptions ?? []) as unknown[])).not.toThrow();
      });

      it("rejects an unknown option with ESLint's schema error", () => {
        expect(() => lintWith(ruleId, [{ noSuchOption: true }])).toThrow(new RegExp(`Key "response-lifecycle/${ruleId}":[\\s\\S]*Unexpected property "noSuchOption"`, 'u'));
      });

      it("rejects a wrongly typed option with ESLint's schema error", () => {
        const [first, property] = Object.entries(objectSchemas(schemas[0])[0]?.properties ?? {})[0] ?? [];
        expect(first).toBeDefined();
        const wrong = property?.type === 'string' ? 42 : 'not valid here';
        expect(() => lintWith(ruleId, [{ [first!]: wrong }])).toThrow(new RegExp(`Key "response-lifecycle/${ruleId}":`, 'u'));
      });
    });
  }
});

describe("no-double-send's allowNextAfterFinish", () => {
  it('accepts a boolean', () => {
    expect(() => lintWith('no-double-send', [{ allowNextAfterFinish: true }])).not.toThrow();
    expect(() => lintWith('no-double-send', [{ allowNextAfterFinish: false, definiteOnly: true }])).not.toThrow();
  });

  it('rejects anything else', () => {
    expect(() => lintWith('no-double-send', [{ allowNextAfterFinish: 'yes' }])).toThrow(
      /Key "response-lifecycle\/no-double-send":[\s\S]*Value "yes" should be boolean/u,
    );
  });

  it('is no option of the other state rules', () => {
    for (const ruleId of ['no-header-after-send', 'no-write-after-end']) {
      expect(() => lintWith(ruleId, [{ allowNextAfterFinish: true }])).toThrow(
        new RegExp(`Key "response-lifecycle/${ruleId}":[\\s\\S]*Unexpected property "allowNextAfterFinish"`, 'u'),
      );
    }
  });
});
