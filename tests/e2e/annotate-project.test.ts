/**
 * Adopting the typings in one command (docs/rules/typed-response-param.md, "Annotating a
 * codebase"): `eslint --fix` with `typed-response-param`'s `exportedHandlers` and `fix` options,
 * on a small project whose controllers live in one module and are registered in another.
 * Afterwards every handler is annotated, nothing else is touched, and the compiler reports the
 * one misuse in the project (with both compilers), where before it compiled silently.
 *
 * The typings resolve through the package name, so `npm run build` must have run (as for
 * typed-project.test.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { COMPILERS, runTsc, type Compiler } from '../types/tsc.js';

const DIR = path.resolve('.tmp/annotate-project');
const FILES: Record<string, string> = {
  // Unannotated parameters: a project that never turned on noImplicitAny, as many Express apps.
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noImplicitAny: false, noEmit: true, skipLibCheck: true, types: ['node'] },
    include: ['src/**/*.ts'],
  }),
  'src/users.ts': `import { load } from './db.js';

export async function getUser(req, res) {
  const user = await load(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  res.json(user);
}

export const deleteUser = (req, res, next) => {
  res.sendStatus(204);
  next();
};

function listUsers(req, res) {
  res.json([]);
  res.json({ again: true });
}
export { listUsers };
`,
  'src/health.ts': `export default function health(req, res) {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
}

export const admin = {
  stats(req, res) {
    res.set('cache-control', 'no-store').json({ up: true });
  },
};

// Not handlers: other names, and a request/response pair that is not used like one.
export function merge(a, b) {
  return { ...a, ...b };
}
export function describeExchange(req, res) {
  return \`\${req.method} \${res.statusCode}\`;
}
`,
  'src/db.ts': `export async function load(id: string): Promise<{ id: string } | undefined> {
  return id === '0' ? undefined : { id };
}
`,
  'src/routes.ts': `import express from 'express';
import { getUser, deleteUser, listUsers } from './users.js';
import health, { admin } from './health.js';

export const router = express.Router();
router.get('/users', listUsers);
router.get('/users/:id', getUser);
router.delete('/users/:id', deleteUser);
router.get('/health', health);
router.get('/admin/stats', admin.stats);
`,
};

async function annotate(): Promise<void> {
  const eslint = new ESLint({
    cwd: DIR,
    fix: true,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as never } },
      // The one command: `eslint --fix --rule '{"response-lifecycle/typed-response-param": ["error", {"exportedHandlers": true, "fix": true}]}'`.
      {
        files: ['**/*.ts'],
        plugins: { 'response-lifecycle': plugin as never },
        rules: { 'response-lifecycle/typed-response-param': ['error', { exportedHandlers: true, fix: true }] },
      },
    ],
  });
  await ESLint.outputFixes(await eslint.lintFiles(['src']));
}

const read = (file: string) => readFileSync(path.join(DIR, file), 'utf8');

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    writeFileSync(path.join(DIR, file), text);
  }
});
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('annotating a project with eslint --fix (typed-response-param: exportedHandlers, fix)', () => {
  it('compiles before, with nothing checked', () => {
    expect(existsSync('dist/types/index.d.ts'), 'run `npm run build` first').toBe(true);
    expect(runTsc('tsc6', path.join(DIR, 'tsconfig.json'))).toEqual([]);
  });

  it('annotates every exported handler and nothing else', async () => {
    await annotate();
    expect(read('src/users.ts')).toContain(`import { load } from './db.js';\nimport type { Res } from 'eslint-plugin-response-lifecycle/types';\n`);
    expect(read('src/users.ts')).toContain('export async function getUser(req, res: Res) {');
    expect(read('src/users.ts')).toContain('export const deleteUser = (req, res: Res, next) => {');
    expect(read('src/users.ts')).toContain('function listUsers(req, res: Res) {');
    // node:http members only: NodeRes; an Express member: Res; both imports in one statement.
    expect(read('src/health.ts')).toMatch(/^import type \{ (?:NodeRes, Res|Res, NodeRes) \} from 'eslint-plugin-response-lifecycle\/types';\n/u);
    expect(read('src/health.ts')).toContain('export default function health(req, res: NodeRes) {');
    expect(read('src/health.ts')).toContain('  stats(req, res: Res) {');
    expect(read('src/health.ts')).toContain('export function merge(a, b) {');
    expect(read('src/health.ts')).toContain('export function describeExchange(req, res) {');
    expect(read('src/routes.ts')).toBe(FILES['src/routes.ts']);
    expect(read('src/db.ts')).toBe(FILES['src/db.ts']);
  });

  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    it(`${compiler}: then reports the double send, and only that`, () => {
      const errors = runTsc(compiler, path.join(DIR, 'tsconfig.json')).map((d) => `${path.relative(DIR, d.file)}:${d.line} TS${d.code} ${d.text}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^src\/users\.ts:17 TS2684 .*"no-header-after-send, no-double-send: `res\.json\(\)`/u);
    });
  }
});
