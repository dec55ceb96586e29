import { describe, expect, it } from 'vitest';
import { MEMBERS, MESSAGES, STATES, type ViolationRow } from '../../src/lifecycle/index.js';
import { ARGUMENT_SHAPES, declaredMembers, messageKey, refusalMessage, violationOf } from '../../scripts/type-model.js';

// A refused call's compile error is the `this` type of the refusal, which TypeScript prints after
// its own words on the first line. That text starts with the rule id and says what the lint rule
// says: the same verb ("changes the head after", "finishes a response that", …) and the same fix,
// minus the earlier call, which only the lint rules know (`res.send(...)` stands for it).
const declared = declaredMembers();
// One message per member and `messageKey` (`end` / `end(data)`): it covers every shape and state it refuses.
const refusals = MEMBERS.filter((spec) => declared.has(spec.name)).flatMap((spec) =>
  ARGUMENT_SHAPES.flatMap((shape) => {
    const message = refusalMessage(spec, shape);
    const sameKey = ARGUMENT_SHAPES.filter((other) => messageKey(spec, other) === messageKey(spec, shape));
    const rows = STATES.flatMap((state) => sameKey.map((other) => violationOf(spec, state, other))).filter(
      (row): row is ViolationRow => row !== undefined,
    );
    return message === undefined || rows.length === 0 ? [] : [{ name: `${spec.name} ${shape.key}`, message, rows }];
  }),
);

/** The lint template of a row, as `{ verb, fix }`: the words after the operation, and the last sentence(s). */
function lintParts(row: ViolationRow): { verb: string; fix: string } {
  const template: string = (MESSAGES[row.rule] as Record<string, string>)[row.definite as string]!;
  const verb = /^`\{\{operation\}\}` (.*?) `\{\{first\}\}`/u.exec(template)?.[1];
  const fix = /\. ([A-Z][^.]*(?:\.[^ ][^.]*)*\.)$/u.exec(template.replaceAll('{{first}}', 'res.send(...)'))?.[1];
  if (!verb || !fix) throw new Error(`cannot split the lint message ${row.rule}/${String(row.definite)}: ${template}`);
  return { verb, fix };
}

describe('refusal messages of the typings', () => {
  it('cover the refused calls', () => {
    expect(refusals.length).toBeGreaterThan(30);
  });

  for (const { name, message, rows } of refusals) {
    it(`${name}: starts with the rule id, then the lint rule's verb and fix`, () => {
      const rules = [...new Set(rows.map((row) => row.rule))];
      expect(message.startsWith(`${rules.join(', ')}: \``)).toBe(true);
      for (const row of rows) {
        const { verb, fix } = lintParts(row);
        expect(message).toContain(` ${verb} `);
        expect(message).toContain(fix);
      }
    });
  }
});
