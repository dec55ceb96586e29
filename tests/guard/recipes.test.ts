import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The test recipes of docs/guard.md, run for real: a test runner in a child process against the
// Express app of tests/guard/recipes/app.mjs, which imports the built package by its name (as an
// application would), so `npm run build` comes first (`npm test` does it).
const ROOT = path.resolve(import.meta.dirname, '../..');
const RECIPES = path.join(ROOT, 'tests/guard/recipes');
const built = existsSync(path.join(ROOT, 'dist/src/guard/index.js'));

/** The environment of a child test runner: without this run's vitest variables. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const child = spawnSync(command, args, { cwd: ROOT, env: childEnv(), encoding: 'utf8', timeout: 120_000 });
  // eslint-disable-next-line no-control-regex -- vitest colours its output
  return { status: child.status, output: `${child.stdout}${child.stderr}`.replace(/\u001b\[[0-9;]*m/gu, '') };
}

/** The failure must carry the violation: rule, request, message, and both call sites in app.mjs. */
function expectViolationReport(output: string): void {
  expect(output).toContain('1 response lifecycle violation:');
  expect(output).toContain('no-double-send (GET /twice): `res.json()` finishes a response that `res.json()` already finished');
  expect(output).toMatch(/late call: {4}.*app\.mjs:12:\d+/u);
  expect(output).toMatch(/first answer: .*app\.mjs:11:\d+/u);
}

describe('the test recipes: a test of a handler that answers twice fails, a correct one passes', () => {
  it('the build is there (npm test builds first)', () => {
    expect(built).toBe(true);
  });

  it.runIf(built)('node:test (node --test)', () => {
    const { status, output } = run(process.execPath, ['--test', '--test-reporter=tap', path.join(RECIPES, 'node-test.fixture.mjs')]);
    expect(status).toBe(1);
    expect(output).toMatch(/^not ok 1 - GET \/twice answers 200$/mu);
    expect(output).toMatch(/^ok 2 - GET \/once answers 200$/mu);
    expect(output).toMatch(/^# pass 1$/mu);
    expect(output).toMatch(/^# fail 1$/mu);
    expectViolationReport(output);
  });

  it.runIf(built)('vitest', () => {
    const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
    const { status, output } = run(process.execPath, [vitest, 'run', '--config', path.join(RECIPES, 'vitest.fixture.config.mjs')]);
    expect(status).toBe(1);
    expect(output).toMatch(/× GET \/twice answers 200/u);
    expect(output).toMatch(/✓ GET \/once answers 200/u);
    expect(output).toMatch(/Tests {2}1 failed \| 1 passed \(2\)/u);
    expectViolationReport(output);
  });
});

describe('call sites mapped to the source with --enable-source-maps', () => {
  it.runIf(built)('a violation in compiled TypeScript names the .ts file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'guard-sourcemap-'));
    const guardUrl = pathToFileURL(path.join(ROOT, 'dist/src/guard/index.js')).href;
    // Type-only lines vanish from the JavaScript, so its lines differ from the source's.
    const source = [
      "import http from 'node:http';",
      `import { guard } from '${guardUrl}';`,
      'interface Answer {',
      '  ok: boolean;',
      '}',
      'type Body = string;',
      'const body: Body = JSON.stringify({ ok: true } satisfies Answer);',
      'const server = http.createServer(',
      '  guard((_req, res) => {',
      '    res.end(body); // line 10',
      "    res.end('again'); // line 11",
      '  }, { firstStack: "always" }),',
      ');',
      "server.listen(0, '127.0.0.1', async () => {",
      '  const { port } = server.address() as { port: number };',
      '  await (await fetch(`http://127.0.0.1:${port}/`)).text();',
      '  server.close();',
      '});',
    ].join('\n');
    const { outputText } = ts.transpileModule(source, {
      fileName: path.join(dir, 'server.ts'),
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
    });
    writeFileSync(path.join(dir, 'server.mjs'), outputText);
    const mapped = run(process.execPath, ['--enable-source-maps', path.join(dir, 'server.mjs')]);
    expect(mapped.output).toContain('[response guard] no-write-after-end (GET /)');
    expect(mapped.output).toMatch(/late call: {4}.*server\.ts:11:\d+/u);
    expect(mapped.output).toMatch(/first answer: .*server\.ts:10:\d+/u);
    // Without the flag the same report names the compiled file.
    const unmapped = run(process.execPath, [path.join(dir, 'server.mjs')]);
    expect(unmapped.output).toMatch(/late call: {4}.*server\.mjs:\d+:\d+/u);
  });
});
