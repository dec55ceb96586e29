import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, sharedScratchProject } from './scratch-project.js';

// Installs the packed tarball (what `npm publish` would ship) into a scratch project, the way a
// user would, and uses it there: ESLint Node API with the recommended config (including a fix),
// the typings through `./types`, and the guard through `./guard`. `npm test` builds dist/ first.
// The install is the run's shared one (scratch-project.ts); this file's ES-module project is its
// own folder in it, with its own package.json, resolving packages from the install above it as
// a package in a workspace does.
let installed = '';
let esmProject = '';

beforeAll(async () => {
  installed = await sharedScratchProject();
  esmProject = path.join(installed, 'esm-app');
  mkdirSync(esmProject);
  writeFileSync(path.join(esmProject, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
}, 300_000);

const project = () => esmProject;

describe('the packed package, installed in a scratch project', () => {
  it('ships only what users need', () => {
    const files = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
    const paths = (JSON.parse(files) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(paths).toContain('dist/src/index.js');
    expect(paths).toContain('dist/src/index.d.ts');
    expect(paths).toContain('README.md');
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('CHANGELOG.md');
    expect(paths.filter((p) => !/^(dist\/|docs\/|README\.md$|CHANGELOG\.md$|LICENSE$|package\.json$)/u.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.test\.|\.map$/u.test(p))).toEqual([]);
  });

  it('lints through the ESLint Node API with the recommended config, and applies a fix', () => {
    writeFileSync(
      path.join(project(), 'eslint.config.js'),
      "import responseLifecycle from 'eslint-plugin-response-lifecycle';\nexport default [responseLifecycle.configs.recommended];\n",
    );
    const source = [
      "import express from 'express';",
      'const app = express();',
      "app.get('/users/:id', (req, res) => {",
      '  if (!req.params.id) {',
      "    res.status(400).json({ error: 'id' });",
      '  }',
      '  res.json({ id: req.params.id });',
      '});',
      "app.get('/hi', (req, res) => {",
      "  const body = JSON.stringify({ city: 'Zürich' });",
      "  res.setHeader('Content-Length', body.length);",
      '  res.end(body);',
      '});',
      '',
    ].join('\n');
    writeFileSync(path.join(project(), 'app.js'), source);
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({ cwd: process.cwd() });
      const [before] = await eslint.lintFiles(['app.js']);
      const [fixed] = await new ESLint({ cwd: process.cwd(), fix: true }).lintFiles(['app.js']);
      console.log(JSON.stringify({ messages: before.messages.map((m) => [m.ruleId, m.line]), output: fixed.output }));
    `;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project(), encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const { messages, output } = JSON.parse(out.stdout) as { messages: [string, number][]; output: string };
    expect(messages).toEqual([
      ['response-lifecycle/no-double-send', 7],
      ['response-lifecycle/content-length-in-bytes', 11],
    ]);
    expect(output).toContain("res.setHeader('Content-Length', Buffer.byteLength(body));");
  });

  it('type-checks a typed handler against the installed ./types', () => {
    writeFileSync(
      path.join(project(), 'handlers.ts'),
      [
        "import express from 'express';",
        "import type { Res } from 'eslint-plugin-response-lifecycle/types';",
        'const app = express();',
        "app.get('/', (req, res: Res) => {",
        "  res.json({ ok: true });",
        '  // @ts-expect-error a header after the response was sent',
        "  res.set('X-Late', '1');",
        '});',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project(), 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', strict: true, noEmit: true, types: ['node'] },
        files: ['handlers.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(installed, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: project(),
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('imports the plugin from CommonJS (require(esm)) and the guard from ./guard', async () => {
    const cjs = spawnSync(process.execPath, ['-e', "console.log(require('eslint-plugin-response-lifecycle').meta.namespace)"], {
      cwd: project(),
      encoding: 'utf8',
    });
    expect(cjs.stdout.trim()).toBe('response-lifecycle');
    const guardUrl = pathToFileURL(
      createRequire(path.join(project(), 'package.json')).resolve('eslint-plugin-response-lifecycle/guard'),
    ).href;
    const guardModule = (await import(guardUrl)) as Record<string, unknown>;
    expect(typeof guardModule['responseGuard']).toBe('function');
    expect(typeof guardModule['guard']).toBe('function');
    expect(readFileSync(path.join(installed, 'node_modules/eslint-plugin-response-lifecycle/package.json'), 'utf8')).toContain('"./guard"');
  });
});
