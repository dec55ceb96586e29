import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';

// Every rule page lists its options as a table that eslint-doc-generator writes from the rule's
// schema and defaults (`npm run docs` writes it, `npm run docs:check` fails when it is stale).
// This checks that each page has that table at all, with a row per option.
const DOCS = path.resolve(import.meta.dirname, '../../docs/rules');

describe('rule options tables', () => {
  for (const [id, rule] of Object.entries(rules)) {
    const schema = rule.meta.schema as readonly { properties?: Record<string, unknown> }[];
    const options = Object.keys(schema[0]?.properties ?? {});
    if (options.length === 0) continue;
    it(`docs/rules/${id}.md has the generated options table`, () => {
      const page = readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
      const table = /<!-- begin auto-generated rule options list -->([\s\S]*?)<!-- end auto-generated rule options list -->/u.exec(page)?.[1] ?? '';
      expect(table).toMatch(/\| Name +\| Description +\| Type +\| Default +\|/u);
      for (const option of options) expect(table).toContain(`| \`${option}\``);
    });
  }
});
