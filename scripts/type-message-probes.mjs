#!/usr/bin/env node
// What a person reads first when the type-state typings refuse a call: the first line of the
// compiler's diagnostic, for several ways of encoding "this method may not be called in this
// state". Each encoding is a small self-contained probe (an open state, a later state that must
// stay a subtype of it, three refused calls: two arguments, none, an object); both compilers run
// on it and the script prints each diagnostic's first line, and whether the later state is still
// a subtype (TS2430 otherwise: narrowing by an assertion would then stop working).
// Then the real typings (types/) on a few misuses, and what the editor shows: the TypeScript 6
// language service (what tsserver runs) and the TypeScript 7 language server over stdio.
// Evidence for docs/types.md "Messages"; not a test. Usage: node scripts/type-message-probes.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIR = path.join(ROOT, '.tmp/type-message-probes');
const TSC = {
  tsc6: path.join(ROOT, 'node_modules/typescript/bin/tsc'),
  tsc7: path.join(ROOT, 'node_modules/typescript7/bin/tsc'),
};

const METHODS = ['setHeader', 'flushHeaders', 'json'];
/** The message of each refused method, before and after (the rule id first, the lint rule's wording). */
const OLD = (m) => `res.${m}(): the head was already sent (ERR_HTTP_HEADERS_SENT) - set status and headers before the first write or send`;
const NEW = (m) =>
  `no-header-after-send: \`res.${m}()\` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT). Set status and headers before the first write or send.`;

/**
 * One encoding: `member(name)` declares the refused method in the later state; `Msg_<name>` is
 * that method's message as a string literal type, `Msg` a union of them.
 */
const thisLiteral = (m) => `${m}(this: Msg_${m}, ...args: any[]): any;`;
const ENCODINGS = [
  { id: 'this: message literal (before)', text: OLD, member: thisLiteral },
  { id: 'this: message literal, rule id first (after)', text: NEW, member: thisLiteral },
  { id: 'this: message literal written inline (hover shows it)', text: NEW, member: (m) => `${m}(this: ${JSON.stringify(NEW(m))}, ...args: any[]): any;` },
  { id: 'this: message literal, receiver named HeadersAlreadySent', text: NEW, sentName: 'HeadersAlreadySent', member: thisLiteral },
  {
    id: 'this: template literal type',
    text: NEW,
    extra: 'type Refused<Op extends string> = `no-header-after-send: \\`${Op}\\` changes the head after it was already sent`;',
    member: (m) => `${m}(this: Refused<'res.${m}()'>, ...args: any[]): any;`,
  },
  {
    id: 'this: object type named like the message',
    text: NEW,
    extra: 'interface NoHeaderAfterSend_SetStatusAndHeadersBeforeTheFirstWriteOrSend { readonly [state]: "refused" }',
    member: (m) => `${m}(this: NoHeaderAfterSend_SetStatusAndHeadersBeforeTheFirstWriteOrSend, ...args: any[]): any;`,
  },
  {
    id: 'this: enum member named like the message',
    text: NEW,
    extra: 'declare const enum NoHeaderAfterSend { SetHeadersBeforeTheFirstWrite = 1 }',
    member: (m) => `${m}(this: NoHeaderAfterSend.SetHeadersBeforeTheFirstWrite, ...args: any[]): any;`,
  },
  { id: 'rest tuple [message: never]', text: NEW, member: (m) => `${m}(...args: [no_header_after_send_set_headers_before_the_first_write: never]): any;` },
  { id: 'rest tuple typed as the message ([Msg])', text: NEW, member: (m) => `${m}(...args: [Msg_${m}]): any;` },
  { id: 'rest array of the message (Msg[])', text: NEW, member: (m) => `${m}(...args: Msg_${m}[]): any;` },
  { id: 'never-returning, first parameter named like the message', text: NEW, member: (m) => `${m}(no_header_after_send: never, ...rest: any[]): never;` },
  { id: 'generic rest parameter constrained to the message', text: NEW, member: (m) => `${m}<A extends [Msg_${m}]>(...args: A): any;` },
  {
    id: 'member typed as a branded non-callable object',
    text: NEW,
    extra: 'interface HeadAlreadySent_SetHeadersBeforeTheFirstWrite { readonly rule: Msg }',
    member: (m) => `${m}: HeadAlreadySent_SetHeadersBeforeTheFirstWrite;`,
  },
  {
    id: 'member typed as a construct-only object',
    text: NEW,
    extra: 'interface HeadAlreadySent_SetHeadersBeforeTheFirstWrite { new (rule: Msg): never }',
    member: (m) => `${m}: HeadAlreadySent_SetHeadersBeforeTheFirstWrite;`,
  },
  { id: 'member typed as the message string', text: NEW, member: (m) => `${m}: Msg_${m};` },
  { id: 'optional member typed undefined', text: NEW, member: (m) => `${m}?: undefined;` },
];

function probeSource(encoding) {
  const sentName = encoding.sentName ?? 'Sent';
  return [
    '/* eslint-disable */',
    'declare const state: unique symbol;',
    ...METHODS.map((m) => `type Msg_${m} = ${JSON.stringify(encoding.text(m))};`),
    `type Msg = ${METHODS.map((m) => `Msg_${m}`).join(' | ')};`,
    encoding.extra ?? '',
    'interface Open { setHeader(name: string, value: string): void; flushHeaders(): void; json(body?: unknown): void }',
    `interface ${sentName} extends Open { readonly [state]: "sent"; ${METHODS.map(encoding.member).join(' ')} }`,
    `declare const res: ${sentName};`,
    "res.setHeader('x-a', '1');",
    'res.flushHeaders();',
    'res.json({ ok: true });',
    'export {};',
    '',
  ].join('\n');
}

const CALL_LINES = { 11: "setHeader('x-a', '1')", 12: 'flushHeaders()', 13: 'json({ ok: true })' };

/** Runs one compiler on a project; returns its diagnostics as { file, line, code, lines[] }. */
function tsc(compiler, project) {
  const run = spawnSync(process.execPath, [TSC[compiler], '-p', project, '--pretty', 'false'], { encoding: 'utf8' });
  const out = [];
  for (const line of run.stdout.split('\n')) {
    const head = /^(.+?)\((\d+),\d+\): error TS(\d+): (.*)$/u.exec(line);
    if (head) out.push({ file: path.basename(head[1]), line: Number(head[2]), code: Number(head[3]), lines: [head[4]] });
    else if (line.trim() && out.length) out.at(-1).lines.push(line.trim());
  }
  return out;
}

function writeProject(dir, files, include = ['*.ts']) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tests/types/cases/tsconfig.json', compilerOptions: { noEmit: true }, include }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
}

// 1. Encodings.
const encDir = path.join(DIR, 'encodings');
writeProject(encDir, Object.fromEntries(ENCODINGS.map((e, i) => [`e${String(i).padStart(2, '0')}.ts`, probeSource(e)])));
const byCompiler = Object.fromEntries(Object.keys(TSC).map((c) => [c, tsc(c, path.join(encDir, 'tsconfig.json'))]));
console.log('# First line of each diagnostic, per encoding (tsc 6 | tsc 7 when they differ)\n');
ENCODINGS.forEach((encoding, i) => {
  const file = `e${String(i).padStart(2, '0')}.ts`;
  const of = (c) => byCompiler[c].filter((d) => d.file === file);
  const subtype = of('tsc6').some((d) => d.code === 2430) ? 'NO (TS2430: the later state stops being a subtype)' : 'yes';
  console.log(`## ${encoding.id}  [still a subtype: ${subtype}]`);
  for (const [line, call] of Object.entries(CALL_LINES)) {
    const first = (c) => of(c).filter((d) => d.line === Number(line)).map((d) => `TS${d.code} ${d.lines[0]}`);
    const six = first('tsc6');
    const seven = first('tsc7');
    const shown = six.length ? six.join(' / ') : '(compiles: no error)';
    const same = JSON.stringify(six) === JSON.stringify(seven);
    console.log(`- res.${call}: ${shown}${same ? '' : `  |  tsc7: ${seven.join(' / ') || '(compiles)'}`}`);
  }
  console.log('');
});

// 2. The real typings on a few misuses (the same text with both compilers is checked here too).
const REAL = `import express from 'express';
import http from 'node:http';
import type { NodeRes, Res } from '../../../types/index.js';
const app = express();
app.get('/a', (req, res: Res) => {
  res.writeHead(200);
  res.setHeader('x-a', '1');
});
app.get('/b', (req, res: Res) => {
  res.json({});
  res.json({});
});
app.get('/c', (req, res: Res) => {
  res.send('x');
  res.statusCode = 500;
});
app.get('/d', (req, res: Res) => {
  res.end('a');
  res.end('b');
});
app.get('/e', (req, res: Res) => {
  res.status(200).json({}).status(500);
});
http.createServer((req, res: NodeRes) => {
  res.end('done');
  res.write('more');
});
`;
const realDir = path.join(DIR, 'real');
writeProject(realDir, { 'real.ts': REAL });
console.log('# The typings in types/ (first line; tsc 6, and whether tsc 7 prints the same)\n');
const real6 = tsc('tsc6', path.join(realDir, 'tsconfig.json'));
const real7 = tsc('tsc7', path.join(realDir, 'tsconfig.json'));
for (const d of real6) {
  const twin = real7.find((e) => e.line === d.line && e.code === d.code);
  const source = REAL.split('\n')[d.line - 1].trim();
  console.log(`- \`${source}\`: TS${d.code} ${d.lines[0]}${twin?.lines[0] === d.lines[0] ? '' : `  |  tsc7 differs: ${twin?.lines[0]}`}`);
}

// 3. Editors. TypeScript 6's language service is what tsserver (VS Code's default) runs.
const require = createRequire(path.join(ROOT, 'package.json'));
const ts = require('typescript');
function languageService(dir) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
  return ts.createLanguageService({
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
    getCurrentDirectory: () => dir,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
}
/** What the editor shows on `res.setHeader(...)` at `offset` (the start of `setHeader`). */
function editorView(service, file, offset) {
  const source = readFileSync(file, 'utf8');
  const line = source.slice(0, offset).split('\n').length;
  const lineOf = (d) => source.slice(0, d.start).split('\n').length;
  const first = (d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`;
  const errors = service.getSemanticDiagnostics(file).filter((d) => lineOf(d) === line).map(first);
  const suggestions = service.getSuggestionDiagnostics(file).filter((d) => lineOf(d) === line).map(first);
  const info = service.getQuickInfoAtPosition(file, offset);
  const docs = [...(info?.documentation ?? []), ...(info?.tags ?? []).flatMap((t) => [{ text: ` @${t.name} ` }, ...(t.text ?? [])])];
  return { errors, suggestions, hover: `${ts.displayPartsToString(info?.displayParts)}${docs.length ? ` -- ${ts.displayPartsToString(docs)}` : ''}` };
}
console.log('\n# Editor: TypeScript 6 language service (tsserver), hover on `setHeader` in the refused call\n');
const encService = languageService(encDir);
ENCODINGS.slice(0, 4).forEach((encoding, i) => {
  const file = path.join(encDir, `e${String(i).padStart(2, '0')}.ts`);
  const view = editorView(encService, file, readFileSync(file, 'utf8').indexOf("res.setHeader('x-a'") + 4);
  console.log(`- ${encoding.id}: hover \`${view.hover}\`; suggestions: ${view.suggestions.join(' | ') || '(none)'}`);
});
const realFile = path.join(realDir, 'real.ts');
const text = readFileSync(realFile, 'utf8');
const setHeaderAt = text.indexOf("res.setHeader('x-a'") + 'res.'.length;
const realView = editorView(languageService(realDir), realFile, setHeaderAt);
console.log(`- types/: error ${realView.errors.join(' | ')}; hover \`${realView.hover}\``);

// TypeScript 7's language server (what VS Code's TypeScript 7 preview runs), over stdio.
const exe = (await import(pathToFileURL(path.join(ROOT, 'node_modules/typescript7/lib/getExePath.js')).href)).default();
console.log('\n# Editor: TypeScript 7 language server (tsc --lsp --stdio)\n');
await lsp7(exe, realFile, text, setHeaderAt);

async function lsp7(command, file, source, offset) {
  const child = spawn(command, ['--lsp', '--stdio'], { cwd: path.dirname(file), stdio: 'pipe' });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    });
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/iu.exec(buffer.subarray(0, end).toString())?.[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method) send({ id: message.id, result: null }); // server requests
      else if (message.id !== undefined && pending.has(message.id)) {
        pending.get(message.id)(message.result ?? message.error);
        pending.delete(message.id);
      }
    }
  });
  const timeout = setTimeout(() => child.kill(), 60_000);
  const uri = pathToFileURL(file).href;
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(path.dirname(file)).href,
    capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] }, diagnostic: {} } },
  });
  send({ method: 'initialized', params: {} });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'typescript', version: 1, text: source } } });
  const before = source.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before.at(-1).length };
  const report = await request('textDocument/diagnostic', { textDocument: { uri } });
  const onLine = (report?.items ?? []).find((d) => d.range.start.line === position.line);
  console.log(`- diagnostic on res.setHeader: ${onLine ? `TS${onLine.code} ${onLine.message.split('\n')[0]}` : JSON.stringify(report).slice(0, 200)}`);
  const hover = await request('textDocument/hover', { textDocument: { uri }, position });
  const contents = hover?.contents;
  console.log(`- hover on setHeader: ${typeof contents === 'string' ? contents : (contents?.value ?? JSON.stringify(contents))}`.replace(/\n+/gu, ' '));
  await request('shutdown', null);
  send({ method: 'exit' });
  clearTimeout(timeout);
}
