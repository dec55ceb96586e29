import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sharedScratchProject } from './scratch-project.js';

// A newcomer's first run: a project made by `npm init -y` (CommonJS), the packed tarball installed
// beside ESLint, TypeScript and typescript-eslint, and each ESLint config block of README.md pasted
// as it is into eslint.config.mjs. The blocks are read from README.md itself, so this fails when the
// README drifts. Each block must lint the files it is meant for, report the bugs, and produce no
// parsing or configuration error.

/** The README's config blocks: ```js blocks whose first line is `// eslint.config.mjs`. */
function readmeConfigBlocks(readme: string): string[] {
  return [...readme.matchAll(/```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/gu)].map((match) => match[1]!);
}

const BLOCKS = readmeConfigBlocks(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

// The run's shared install (scratch-project.ts): an `npm init -y` project with the tarball beside
// ESLint, TypeScript and typescript-eslint; each block gets its own folder in it.
let scratch = '';
const project = () => scratch;

beforeAll(async () => {
  scratch = await sharedScratchProject();
}, 300_000);

/** A CommonJS Express app with a missing return: no-double-send on line 7. */
const EXPRESS_JS = `const express = require('express');
const app = express();
app.get('/users/:id', (req, res) => {
  if (!req.params.id) {
    res.status(400).json({ error: 'id required' });
  }
  res.json({ id: req.params.id });
});
module.exports = app;
`;

/** A .ts file with no TypeScript-only syntax: any parser reads it; no-header-after-send on line 4. */
const PLAIN_TS = `import http from 'node:http';
export const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.setHeader('X-Late', 'yes');
  res.end('ok');
});
`;

/** Real TypeScript: no-write-after-end on line 5. */
const TYPED_TS = `import http from 'node:http';
export const server = http.createServer((req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.write('part 1');
  res.end();
  res.write('part 2');
});
`;

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; fatal?: boolean; message: string }[];
}

/** Writes `files` into a fresh folder of the project and runs the installed ESLint CLI there. */
function lintWith(name: string, files: Record<string, string>): Record<string, string[]> {
  const dir = path.join(project(), name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const run = spawnSync(process.execPath, [path.join(project(), 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as LintResult[];
  const out: Record<string, string[]> = {};
  for (const result of results) {
    out[path.relative(dir, result.filePath).split(path.sep).join('/')] = result.messages.map(
      (m) => `${m.ruleId ?? (m.fatal ? 'FATAL' : 'null')}:${m.line}${m.ruleId ? '' : ` ${m.message}`}`,
    );
  }
  return out;
}

describe("README's ESLint configs, pasted into an `npm init -y` project", () => {
  it('README.md has the three config blocks, each named eslint.config.mjs and using defineConfig', () => {
    expect(BLOCKS).toHaveLength(3);
    for (const block of BLOCKS) expect(block).toContain("import { defineConfig } from 'eslint/config';");
    const manifest = JSON.parse(readFileSync(path.join(project(), 'package.json'), 'utf8')) as { type?: string };
    expect(manifest.type ?? 'commonjs').toBe('commonjs');
  });

  it('the JavaScript block lints .js and (plain) .ts files and reports the bugs', () => {
    const results = lintWith('js', { 'eslint.config.mjs': BLOCKS[0]!, 'app.js': EXPRESS_JS, 'lib/plain.ts': PLAIN_TS });
    expect(results).toEqual({
      'app.js': ['response-lifecycle/no-double-send:7'],
      'eslint.config.mjs': [],
      'lib/plain.ts': ['response-lifecycle/no-header-after-send:4'],
    });
  });

  it('the TypeScript block (no type information) lints .js and .ts files and reports the bugs', () => {
    const results = lintWith('ts', { 'eslint.config.mjs': BLOCKS[1]!, 'app.js': EXPRESS_JS, 'src/server.ts': TYPED_TS });
    expect(results).toEqual({
      'app.js': expect.arrayContaining(['response-lifecycle/no-double-send:7']),
      'eslint.config.mjs': [],
      'src/server.ts': ['response-lifecycle/no-write-after-end:5'],
    });
    // typescript-eslint's recommended rules may speak up about CommonJS; nothing else may.
    expect(results['app.js']!.filter((m) => !m.startsWith('@typescript-eslint/'))).toEqual(['response-lifecycle/no-double-send:7']);
  });

  it('the typed block lints the TypeScript sources with types, and the config file and stray JS without', () => {
    const tsconfig = {
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', types: ['node'], noEmit: true },
      include: ['src'],
    };
    const results = lintWith('typed', {
      'eslint.config.mjs': BLOCKS[2]!,
      'tsconfig.json': JSON.stringify(tsconfig, null, 2),
      'src/server.ts': TYPED_TS,
      'scripts/seed.js': EXPRESS_JS,
    });
    expect(results['eslint.config.mjs']).toEqual([]);
    expect(results['src/server.ts']).toEqual(['response-lifecycle/no-write-after-end:5']);
    expect(results['scripts/seed.js']!.filter((m) => !m.startsWith('@typescript-eslint/'))).toEqual(['response-lifecycle/no-double-send:7']);
    expect(Object.keys(results).sort()).toEqual(['eslint.config.mjs', 'scripts/seed.js', 'src/server.ts']);
  });
});
