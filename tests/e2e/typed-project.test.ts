/**
 * A small project whose handlers are annotated with the app's own aliases of `Res` / `Handler`
 * (tests/fixtures/typed-app), linted with `recommended-type-checked`, reports the same bugs as the
 * same project without the annotations, linted with and without type information. Annotating
 * must never silence the lint rules (issue 18): before the typed analysis knew the package's
 * declarations, the checker called these parameters "not a response" and every report vanished.
 *
 * The typings resolve through the package name (`eslint-plugin-response-lifecycle/types`, this
 * repository's own exports), so `npm run build` must have run, as for package-export.test.ts.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { runTsc } from '../types/tsc.js';

const FIXTURE = path.resolve('tests/fixtures/typed-app');
const PLAIN = path.resolve('.tmp/typed-app-plain');

/**
 * The project as it was before annotating: `: AppRes<...>` and `: AdminRes` removed (the router
 * types `res`), `: AppHandler` back to Express's `RequestHandler`, the import of those names gone.
 */
export function stripAnnotations(source: string): string {
  let out = source.replace(/^import type \{[^}]*\} from '\.\/types\.js';\n/mu, '').replaceAll(': AppHandler', ': express.RequestHandler');
  for (;;) {
    const match = /: (?:AppRes|AdminRes)\b/u.exec(out);
    if (!match) return out;
    let end = match.index + match[0].length;
    if (out[end] === '<') {
      for (let depth = 0; end < out.length; end++) {
        if (out[end] === '<') depth++;
        else if (out[end] === '>' && --depth === 0) break;
      }
      end++;
    }
    out = out.slice(0, match.index) + out.slice(end);
  }
}

type Report = [rule: string | null, line: number, messageId: string | undefined];

async function lint(cwd: string, config: 'recommended' | 'recommended-type-checked'): Promise<Report[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as never } },
      // typescript-eslint's and ESLint's config types disagree on languageOptions' index signature.
      { ...plugin.configs[config], files: ['**/*.ts'] } as never,
    ],
  });
  const results = await eslint.lintFiles(['src/users.ts']);
  return results.flatMap((result) => result.messages.map((m): Report => [m.ruleId, m.line, m.messageId]));
}

beforeAll(() => {
  rmSync(PLAIN, { recursive: true, force: true });
  mkdirSync(path.join(PLAIN, 'src'), { recursive: true });
  cpSync(path.join(FIXTURE, 'tsconfig.json'), path.join(PLAIN, 'tsconfig.json'));
  for (const file of readdirSync(path.join(FIXTURE, 'src'))) {
    if (file === 'types.ts') continue;
    writeFileSync(path.join(PLAIN, 'src', file), stripAnnotations(readFileSync(path.join(FIXTURE, 'src', file), 'utf8')));
  }
});
afterAll(() => rmSync(PLAIN, { recursive: true, force: true }));

describe('a project annotated with app aliases of Res, linted with recommended-type-checked', () => {
  it('compiles, annotated and plain', () => {
    expect(existsSync('dist/types/index.d.ts'), 'run `npm run build` first').toBe(true);
    expect(readFileSync(path.join(PLAIN, 'src/users.ts'), 'utf8')).not.toMatch(/AppRes|AdminRes|AppHandler/u);
    for (const dir of [FIXTURE, PLAIN]) expect(runTsc('tsc6', path.join(dir, 'tsconfig.json'))).toEqual([]);
  });

  it('reports the same bugs as without the annotations', async () => {
    const annotated = await lint(FIXTURE, 'recommended-type-checked');
    expect(annotated).toEqual([
      ['response-lifecycle/no-double-send', 15, 'mayBeFinished'],
      ['response-lifecycle/no-header-after-send', 22, 'headAfterSend'],
      ['response-lifecycle/content-length-in-bytes', 28, 'stringLength'],
      ['response-lifecycle/require-end', 35, 'someNotRespond'],
    ]);
    // Same lines: stripping removes the import, one line above every handler.
    const shift = (reports: Report[]) => reports.map(([rule, line, id]): Report => [rule, line + 1, id]);
    expect(shift(await lint(PLAIN, 'recommended-type-checked'))).toEqual(annotated);
    expect(shift(await lint(PLAIN, 'recommended'))).toEqual(annotated);
  });
});
