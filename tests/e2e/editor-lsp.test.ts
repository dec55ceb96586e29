import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from './lsp-client.js';
import { ROOT } from './scratch-project.js';

// What a user sees in an editor: the ESLint language server (vscode-eslint's server, from the
// vscode-langservers-extracted package) started over stdio like an editor starts it, on a project
// with a flat eslint.config.mjs and a buggy file. The server offers pull diagnostics only, as
// VS Code asks for them. The plugin's diagnostics must arrive with rule
// ids and documentation links; a suggestion must be offered as a code action, and applying it must
// clear the diagnostic. Also pins the pitfall docs/editor.md warns about: the old
// `eslint.experimental.useFlatConfig` setting makes the server show nothing on ESLint 10.
// The plugin comes from dist/ (`npm test` builds first); ESLint from the dev tree.
const SERVER = createRequire(path.join(ROOT, 'package.json')).resolve('vscode-langservers-extracted/bin/vscode-eslint-language-server');

const BUGGY = `import http from 'node:http';

export const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.setHeader('X-Late', 'yes');
  res.end('ok');
});
`;

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  code?: string;
  codeDescription?: { href: string };
  message: string;
  source?: string;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string }; edits: TextEdit[] }[];
}
interface CodeAction {
  title: string;
  kind?: string;
  command?: { command: string; arguments?: unknown[] };
}

/** The edits the server asked the editor to apply (`workspace/applyEdit`), in order. */
const appliedEdits: WorkspaceEdit[] = [];

let scratch = '';
/** One project per ESLint major: 10 uses the dev tree's node_modules, 9 its `eslint9` alias as `eslint`. */
const projects: Record<9 | 10, string> = { 9: '', 10: '' };

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'rl-lsp-'));
  const plugin = pathToFileURL(path.join(ROOT, 'dist/src/index.js')).href;
  for (const major of [9, 10] as const) {
    const dir = path.join(scratch, `eslint${major}`);
    mkdirSync(dir);
    if (major === 10) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    else {
      mkdirSync(path.join(dir, 'node_modules'));
      symlinkSync(path.join(ROOT, 'node_modules/eslint9'), path.join(dir, 'node_modules/eslint'), 'dir');
    }
    writeFileSync(
      path.join(dir, 'eslint.config.mjs'),
      `import { defineConfig } from 'eslint/config';\nimport responseLifecycle from ${JSON.stringify(plugin)};\n\nexport default defineConfig([responseLifecycle.configs.recommended]);\n`,
    );
    writeFileSync(path.join(dir, 'server.js'), BUGGY);
    projects[major] = dir;
  }
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const serverJsUri = (project: string) => pathToFileURL(path.join(project, 'server.js')).href;

/** The settings the VS Code extension sends by default, with `overrides` on top. */
function settings(project: string, overrides: Record<string, unknown>) {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    experimental: {},
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: 'project', uri: pathToFileURL(project).href },
    ...overrides,
  };
}

/** The editor's side of the server's requests: the settings, and applying an edit. */
function answerServer(project: string, method: string, params: unknown, overrides: Record<string, unknown>): unknown {
  if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => settings(project, overrides));
  if (method === 'workspace/applyEdit') {
    appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
    return { applied: true };
  }
  return null;
}

async function startServer(project: string, overrides: Record<string, unknown> = {}): Promise<LspClient> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], project, (method, params) =>
    answerServer(project, method, params, overrides),
  );
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    workspaceFolders: [{ name: 'project', uri: pathToFileURL(project).href }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        publishDiagnostics: { codeDescriptionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: {} });
  return client;
}

function open(client: LspClient, uri: string, text: string): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
}

/** The diagnostics of the open file, pulled the way the server offers them (`textDocument/diagnostic`). */
async function diagnosticsOf(client: LspClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
  expect(report.kind).toBe('full');
  return report.items;
}

/** Applies LSP text edits to `text` (last first, so earlier offsets stay valid). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, edit) => out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)), text);
}

describe('the ESLint language server with the plugin', () => {
  it.each([10, 9] as const)('ESLint %i: reports with rule ids and doc links, offers the suggestion, and applying it clears the diagnostic', async (major) => {
    const project = projects[major];
    const fileUri = serverJsUri(project);
    const client = await startServer(project);
    try {
      open(client, fileUri, BUGGY);
      const diagnostics = await diagnosticsOf(client, fileUri);
      // the server loaded the ESLint of this project (the eslint9 alias for 9)
      expect(JSON.stringify(client.notifications)).toContain(`ESLint library loaded from: ${path.join(ROOT, 'node_modules', major === 9 ? 'eslint9' : 'eslint')}${path.sep}`);
      expect(diagnostics.map((d) => [d.code, d.range.start.line + 1, d.codeDescription?.href])).toEqual([
        [
          'response-lifecycle/no-header-after-send',
          5,
          'https://github.com/response-lifecycle/eslint-plugin-response-lifecycle/blob/main/docs/rules/no-header-after-send.md',
        ],
      ]);
      const diagnostic = diagnostics[0]!;
      expect(diagnostic.message).toContain('`res.setHeader()` changes the head after `res.writeHead()` already sent it on line 4');

      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: fileUri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      const titles = actions.map((a) => a.title);
      expect(titles).toContain('Move this statement before `res.writeHead()` on line 4, which sends the head. (response-lifecycle/no-header-after-send)');
      expect(titles).toContain('Show documentation for response-lifecycle/no-header-after-send');
      // Choosing the suggestion: the editor runs its command, and the server sends the edit back.
      const move = actions.find((a) => a.title.startsWith('Move this statement'))!;
      expect(move.kind).toBe('quickfix');
      appliedEdits.length = 0;
      await client.request('workspace/executeCommand', { command: move.command!.command, arguments: move.command!.arguments });
      expect(appliedEdits).toHaveLength(1);
      const edit = appliedEdits[0]!;
      const edits = edit.changes?.[fileUri] ?? edit.documentChanges?.find((c) => c.textDocument.uri === fileUri)?.edits ?? [];
      const fixed = applyEdits(BUGGY, edits);
      expect(fixed).toBe(BUGGY.replace("  res.writeHead(200, { 'Content-Type': 'text/plain' });\n  res.setHeader('X-Late', 'yes');", "  res.setHeader('X-Late', 'yes');\n  res.writeHead(200, { 'Content-Type': 'text/plain' });"));

      client.notify('textDocument/didChange', { textDocument: { uri: fileUri, version: 2 }, contentChanges: [{ text: fixed }] });
      expect(await diagnosticsOf(client, fileUri)).toEqual([]);
    } finally {
      await client.close();
    }
  }, 30_000);

  it('shows nothing on ESLint 10 with the old eslint.experimental.useFlatConfig setting (the pitfall docs/editor.md warns about)', async () => {
    const uri = serverJsUri(projects[10]);
    const client = await startServer(projects[10], { experimental: { useFlatConfig: true } });
    try {
      open(client, uri, BUGGY);
      // The server looks for a FlatESLint class that ESLint 10 no longer has, logs it, and turns
      // validation off: the buggy file shows no problem at all.
      expect(await diagnosticsOf(client, uri)).toEqual([]);
      expect(JSON.stringify(client.notifications)).toContain("doesn't export a FlatESLint class");
    } finally {
      await client.close();
    }
  }, 30_000);
});
