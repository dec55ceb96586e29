import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import typedResponseParam from '../../rules/typed-response-param.js';
import { testable } from './testers.js';

type Invalid = InvalidTestCase<'untypedResponse' | 'annotateResponse' | 'annotateResponseAndReturn', [{ typesModules?: string[] }]>;

const rule = testable(typedResponseParam);
const ruleTester = new RuleTester();

const MODULE = 'eslint-plugin-response-lifecycle/types';
const IMPORT_RES = `import type { Res } from '${MODULE}';`;

/** One report on `line`, with one suggestion producing `output`. */
function invalid(code: string, output: string, { name = 'res', type = 'Res', line = 3 } = {}): Invalid {
  const data = { name, type, module: MODULE };
  return {
    code,
    errors: [{ messageId: 'untypedResponse', line, data, suggestions: [{ messageId: 'annotateResponse', data, output }] }],
  };
}

/** One report on `line` whose suggestion also rewrites the declared return type to `returns`. */
function invalidWithReturn(code: string, output: string, returns: string, { name = 'res', type = 'Res', line = 3 } = {}): Invalid {
  const data = { name, type, module: MODULE };
  return {
    code,
    errors: [
      { messageId: 'untypedResponse', line, data, suggestions: [{ messageId: 'annotateResponseAndReturn', data: { ...data, returns }, output }] },
    ],
  };
}

ruleTester.run('typed-response-param', rule, {
  valid: [
    `${IMPORT_RES}\nimport express from 'express';\nexpress().get('/', (req, res: Res) => { res.end(); });`,
    `import type { Res as R } from '${MODULE}';\nconst router = express.Router();\nrouter.post('/', (req, res: R) => { res.end(); });`,
    `import type * as T from '${MODULE}';\napp.use((req, res: T.Res, next) => next());`,
    `import http from 'node:http';\nimport type { NodeRes } from '${MODULE}';\nhttp.createServer((req, res: NodeRes) => res.end());`,
    `import { typed, type Res } from '${MODULE}';\napp.get('/', typed((req, res: Res) => res.end()));`,
    // A helper that receives a sent response is annotated with a state type too.
    `import type { SentRes } from '${MODULE}';\napp.get('/', (req, res: SentRes) => res.end());`,
    // Not registered: helpers, stored functions.
    `function helper(req, res) { res.end(); }`,
    `const handler = (req, res) => res.end();`,
    // Registered by name, annotated.
    `${IMPORT_RES}\nfunction getUser(req, res: Res) { res.end(); }\napp.get('/u', getUser);`,
    // A helper that takes a response but no request is not a handler.
    `import type { Response } from 'express';\nexport function fail(code: number, res: Response) { res.sendStatus(code); }`,
    // Typed as something other than Express's handler.
    `import type { Handler } from 'aws-lambda';\nexport const h: Handler = (event, context) => context.done();`,
    // A named function that is never registered.
    `function format(a, b) { return a + b; }\nformat(1, 2);`,
    // No response parameter.
    `app.use((req) => { console.log(req.url); });`,
    // JavaScript has no annotations to ask for.
    { code: `app.get('/', (req, res) => { res.end(); });`, filename: 'app.js' },
    // The app re-exports the typings from its own module.
    {
      code: `import type { Res } from '~/http';\napp.get('/', (req, res: Res) => res.end());`,
      options: [{ typesModules: ['~/http'] }],
    },
  ],
  invalid: [
    // No annotation, no import yet: the import goes after the last one.
    invalid(
      `import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.send('x');\n});`,
      `import express from 'express';\n${IMPORT_RES}\nconst app = express();\napp.get('/', (req, res: Res) => {\n  res.send('x');\n});`,
    ),
    // The plain Express type is replaced.
    invalid(
      `import express from 'express';\nconst router = express.Router();\nrouter.post('/', function (req: express.Request, res: express.Response) { res.end(); });`,
      `import express from 'express';\n${IMPORT_RES}\nconst router = express.Router();\nrouter.post('/', function (req: express.Request, res: Res) { res.end(); });`,
    ),
    // An existing type import from the module gains the name.
    invalid(
      `import type { SentRes } from '${MODULE}';\nexport type S = SentRes;\napp.put('/', async (req, res) => { res.end(); });`,
      `import type { SentRes, Res } from '${MODULE}';\nexport type S = SentRes;\napp.put('/', async (req, res: Res) => { res.end(); });`,
    ),
    // A value import gains a type specifier; the registration helper counts as registration.
    invalid(
      `import { typed } from '${MODULE}';\n\napp.get('/', typed((req, res) => res.end()));`,
      `import { typed, type Res } from '${MODULE}';\n\napp.get('/', typed((req, res: Res) => res.end()));`,
    ),
    // Already imported: only the annotation, under the local name.
    invalid(
      `import type { Res as R } from '${MODULE}';\nexport type X = R;\napp.delete('/', (req, res) => res.end());`,
      `import type { Res as R } from '${MODULE}';\nexport type X = R;\napp.delete('/', (req, res: R) => res.end());`,
      { type: 'Res' },
    ),
    // node:http servers get NodeRes.
    invalid(
      `import http from 'node:http';\n\nhttp.createServer((req, res) => { res.end(); });`,
      `import http from 'node:http';\nimport type { NodeRes } from '${MODULE}';\n\nhttp.createServer((req, res: NodeRes) => { res.end(); });`,
      { type: 'NodeRes' },
    ),
    invalid(
      `import http from 'node:http';\nconst server = http.createServer();\nserver.on('request', (req, response) => { response.end(); });`,
      `import http from 'node:http';\nimport type { NodeRes } from '${MODULE}';\nconst server = http.createServer();\nserver.on('request', (req, response: NodeRes) => { response.end(); });`,
      { type: 'NodeRes', name: 'response' },
    ),
    // Error handlers: the response is the third parameter.
    invalid(
      `import express from 'express';\nconst app = express();\napp.use((err, req, res, next) => { res.status(500).end(); });`,
      `import express from 'express';\n${IMPORT_RES}\nconst app = express();\napp.use((err, req, res: Res, next) => { res.status(500).end(); });`,
    ),
    // No imports at all: the import goes first.
    invalid(`app.get('/', (req, res) => res.end());`, `${IMPORT_RES}\napp.get('/', (req, res: Res) => res.end());`, { line: 1 }),
    // A namespace import is used qualified.
    invalid(
      `import type * as T from '${MODULE}';\nexport type X = T.SentRes;\napp.get('/', (req, res) => res.end());`,
      `import type * as T from '${MODULE}';\nexport type X = T.SentRes;\napp.get('/', (req, res: T.Res) => res.end());`,
    ),
    // Registered by name: a function declaration and a const arrow.
    invalid(
      `function getUser(req, res) {\n  res.json({});\n}\napp.get('/u', getUser);`,
      `${IMPORT_RES}\nfunction getUser(req, res: Res) {\n  res.json({});\n}\napp.get('/u', getUser);`,
      { line: 1 },
    ),
    invalid(
      `import http from 'node:http';\n\nconst listener = (request, reply) => reply.end();\nhttp.createServer(listener);`,
      `import http from 'node:http';\nimport type { NodeRes } from '${MODULE}';\n\nconst listener = (request, reply: NodeRes) => reply.end();\nhttp.createServer(listener);`,
      { type: 'NodeRes', name: 'reply' },
    ),
    // A handler declared to return the framework's response: `return res.json(x)` would be TS2322
    // ('void' is not assignable to 'Response') once `res` is a `Res`, so the return type goes too.
    invalidWithReturn(
      `import express, { type Response } from 'express';\nconst app = express();\napp.get('/', async (req, res: Response): Promise<Response> => {\n  return res.json({});\n});`,
      `import express, { type Response } from 'express';\n${IMPORT_RES}\nconst app = express();\napp.get('/', async (req, res: Res): Promise<unknown> => {\n  return res.json({});\n});`,
      'Promise<unknown>',
    ),
    invalidWithReturn(
      `import express from 'express';\nconst router = express.Router();\nrouter.get('/', (req: express.Request, res: express.Response): express.Response | undefined => res.json({}));`,
      `import express from 'express';\n${IMPORT_RES}\nconst router = express.Router();\nrouter.get('/', (req: express.Request, res: Res): unknown => res.json({}));`,
      'unknown',
    ),
    invalidWithReturn(
      `import type * as core from 'express-serve-static-core';\nexport type P = core.Request;\nfunction show(req, res): Promise<core.Response<{ id: string }>> {\n  return res.json({ id: '1' });\n}\napp.get('/', show);`,
      `import type * as core from 'express-serve-static-core';\n${IMPORT_RES}\nexport type P = core.Request;\nfunction show(req, res: Res): Promise<unknown> {\n  return res.json({ id: '1' });\n}\napp.get('/', show);`,
      'Promise<unknown>',
    ),
    invalidWithReturn(
      `import http, { type ServerResponse } from 'node:http';\n\nhttp.createServer((req, res): ServerResponse => res.end());`,
      `import http, { type ServerResponse } from 'node:http';\nimport type { NodeRes } from '${MODULE}';\n\nhttp.createServer((req, res: NodeRes): unknown => res.end());`,
      'unknown',
      { type: 'NodeRes' },
    ),
    // A return type that does not name the framework's response stays as it is.
    invalid(
      `import express from 'express';\nconst app = express();\napp.get('/', async (req, res): Promise<void> => { res.end(); });`,
      `import express from 'express';\n${IMPORT_RES}\nconst app = express();\napp.get('/', async (req, res: Res): Promise<void> => { res.end(); });`,
    ),
    // fetch's global Response is not Express's.
    invalid(
      `import express from 'express';\nconst app = express();\napp.get('/', async (req, res): Promise<Response> => { res.end(); return fetch('x'); });`,
      `import express from 'express';\n${IMPORT_RES}\nconst app = express();\napp.get('/', async (req, res: Res): Promise<Response> => { res.end(); return fetch('x'); });`,
    ),
    // Registered in another module: a controller typed as Express's handler.
    invalid(
      `import type { RequestHandler } from 'express';\n\nexport const getUser: RequestHandler = (req, res) => {\n  res.json({});\n};`,
      `import type { RequestHandler } from 'express';\n${IMPORT_RES}\n\nexport const getUser: RequestHandler = (req, res: Res) => {\n  res.json({});\n};`,
    ),
    invalid(
      `import express from 'express';\n\nexport const onError: express.ErrorRequestHandler = (err, req, out, next) => out.status(500).end();`,
      `import express from 'express';\n${IMPORT_RES}\n\nexport const onError: express.ErrorRequestHandler = (err, req, out: Res, next) => out.status(500).end();`,
      { name: 'out' },
    ),
    invalid(
      `import type { Request, Response } from 'express';\n\nexport async function listUsers(req: Request, res: Response) {\n  res.json([]);\n}`,
      `import type { Request, Response } from 'express';\n${IMPORT_RES}\n\nexport async function listUsers(req: Request, res: Res) {\n  res.json([]);\n}`,
    ),
    // A local `Res` that is something else: reported, but no suggestion that would clash.
    {
      code: `type Res = { ok: boolean };\nexport const r: Res = { ok: true };\napp.get('/', (req, res) => res.end());`,
      errors: [{ messageId: 'untypedResponse', line: 3, data: { name: 'res', type: 'Res', module: MODULE }, suggestions: [] }],
    },
    // A custom types module: its name is used by the suggestion.
    {
      code: `app.get('/', (req, res) => res.end());`,
      options: [{ typesModules: ['~/http'] }],
      errors: [
        {
          messageId: 'untypedResponse',
          data: { name: 'res', type: 'Res', module: '~/http' },
          suggestions: [
            {
              messageId: 'annotateResponse',
              data: { name: 'res', type: 'Res', module: '~/http' },
              output: `import type { Res } from '~/http';\napp.get('/', (req, res: Res) => res.end());`,
            },
          ],
        },
      ],
    },
  ],
});

// App types built on the state types that the compiler can no longer narrow.
const LOCALS = (typeName: string, base = 'Res') => ({ messageId: 'redeclaredLocals' as const, data: { typeName, base } });
const REQUIRED = (typeName: string, member: string, base = 'Res') => ({ messageId: 'requiredMember' as const, data: { typeName, base, member } });
ruleTester.run('typed-response-param: app types that hide the narrowing', rule, {
  valid: [
    // Locals through the type parameters, optional additions: the narrowing holds (tests/types/cases).
    `${IMPORT_RES}\ninterface AppLocals { user: string }\nexport interface AppRes extends Res<{ id: number }, AppLocals> {}`,
    `${IMPORT_RES}\nexport interface AppRes extends Res { readonly requestId?: string; trace?(): void }`,
    `${IMPORT_RES}\nexport type AppRes = Res & { requestId?: string };`,
    // Not built on the package's types.
    `import type { Response } from 'express';\nexport interface AppRes extends Response { locals: { user: string }; requestId: string }`,
    `interface Res { json(): void }\nexport interface AppRes extends Res { locals: object }`,
  ],
  invalid: [
    {
      code: `${IMPORT_RES}\ninterface AppLocals { user: string }\nexport interface AppRes extends Res<{ id: number }> {\n  locals: AppLocals;\n}`,
      errors: [{ ...LOCALS('AppRes'), line: 4 }],
    },
    {
      code: `import type * as T from '${MODULE}';\nexport interface AppRes extends T.Res { requestId: string; trace(): void; note?: string }`,
      errors: [REQUIRED('AppRes', 'requestId'), REQUIRED('AppRes', 'trace')],
    },
    {
      code: `${IMPORT_RES}\nexport type AppRes = Res<{ id: number }> & { requestId: string; locals: { user: string } };`,
      errors: [REQUIRED('AppRes', 'requestId'), LOCALS('AppRes')],
    },
    {
      code: `import type { NodeRes } from '${MODULE}';\nexport interface Traced extends NodeRes { traceId: string; locals: object }`,
      errors: [REQUIRED('Traced', 'traceId', 'NodeRes'), REQUIRED('Traced', 'locals', 'NodeRes')],
    },
  ],
});

// `exportedHandlers`: handlers a module exports for another module to register.
const EXPORTED = [{ exportedHandlers: true }] as const;
const IMPORT_NODE_RES = `import type { NodeRes } from '${MODULE}';`;
/** One report on line 1 (`res`, `Res`), with one suggestion producing `output`. */
function exported(code: string, output: string, { type = 'Res', line = 1, name = 'res' } = {}) {
  const data = { name, type, module: MODULE };
  return {
    code,
    options: EXPORTED,
    errors: [{ messageId: 'untypedResponse' as const, line, data, suggestions: [{ messageId: 'annotateResponse' as const, data, output }] }],
  };
}
ruleTester.run('typed-response-param: exportedHandlers', rule, {
  valid: [
    // The option is off by default.
    'export function getUser(req, res) { res.json({ id: req.params.id }); }',
    // Not exported.
    { code: 'function getUser(req, res) { res.json({ id: req.params.id }); }', options: EXPORTED },
    { code: 'const getUser = (req, res) => { res.json({}); };\nexport const other = 1;', options: EXPORTED },
    // Exported, but not a handler: other names, the response not used like one, a helper with extra parameters.
    { code: 'export function merge(a, b) { a.json(b); }', options: EXPORTED },
    { code: 'export function copy(req, res) { return { ...req, ...res }; }', options: EXPORTED },
    { code: 'export function log(req, res) { console.log(req.url, res.statusCode, res.get("x")); }', options: EXPORTED },
    { code: 'export function sendPage(req, res, page, size) { res.json({ page, size }); }', options: EXPORTED },
    // A static method is not a controller action; a nested function is not exported.
    { code: 'export class Users { static list(req, res) { res.json([]); } }', options: EXPORTED },
    // Private methods are called by the class (`(req, res) => this.handle(req, res)`), not exported.
    { code: 'export class Users { private list(req, res) { res.json([]); } #show = (req, res) => { res.json({}); }; }', options: EXPORTED },
    { code: 'export function route() { return function inner(req, res) { res.json({}); }; }', options: EXPORTED },
    // Already annotated, or annotated with a type of the app's own.
    { code: `${IMPORT_RES}\nexport function getUser(req, res: Res) { res.json({}); }`, options: EXPORTED },
    { code: 'interface Reply { json(x: unknown): void }\nexport function getUser(req, res: Reply) { res.json({}); }', options: EXPORTED },
  ],
  invalid: [
    exported(
      'export function getUser(req, res) { res.json({ id: req.params.id }); }',
      `${IMPORT_RES}\nexport function getUser(req, res: Res) { res.json({ id: req.params.id }); }`,
    ),
    exported(
      'export const getUser = async (req, res, next) => { try { res.status(200).send("x"); } catch (e) { next(e); } };',
      `${IMPORT_RES}\nexport const getUser = async (req, res: Res, next) => { try { res.status(200).send("x"); } catch (e) { next(e); } };`,
    ),
    // node:http members only: `NodeRes`, which Express's registration accepts too.
    exported(
      "export default function serve(req, res) { res.writeHead(200); res.end('ok'); }",
      `${IMPORT_NODE_RES}\nexport default function serve(req, res: NodeRes) { res.writeHead(200); res.end('ok'); }`,
      { type: 'NodeRes' },
    ),
    // Exported by name, an error handler, a controller object, a controller class.
    exported(
      'function getUser(req, res) { res.sendStatus(204); }\nexport { getUser };',
      `${IMPORT_RES}\nfunction getUser(req, res: Res) { res.sendStatus(204); }\nexport { getUser };`,
    ),
    exported(
      'export const onError = (err, req, res, next) => { res.status(500).json({ error: String(err) }); };',
      `${IMPORT_RES}\nexport const onError = (err, req, res: Res, next) => { res.status(500).json({ error: String(err) }); };`,
    ),
    exported(
      'export const users = {\n  list(req, res) { res.json([]); },\n};',
      `${IMPORT_RES}\nexport const users = {\n  list(req, res: Res) { res.json([]); },\n};`,
      { line: 2 },
    ),
    exported(
      'export default class Users {\n  show = (req, res) => { res.redirect("/x"); };\n}',
      `${IMPORT_RES}\nexport default class Users {\n  show = (req, res: Res) => { res.redirect("/x"); };\n}`,
      { line: 2 },
    ),
    // Express's `Response` on the response only: rewritten too.
    exported(
      "import type { Response } from 'express';\nexport function getUser(req, res: Response) { res.json({}); }",
      `import type { Response } from 'express';\n${IMPORT_RES}\nexport function getUser(req, res: Res) { res.json({}); }`,
      { line: 2 },
    ),
  ],
});

// `fix`: the annotation as an automatic fix, for annotating a codebase with `eslint --fix`.
const FIX_CODE = 'export function a(req, res) { res.json({}); }\nexport function b(req, res) { res.send("x"); }\nexport function c(req, res) { res.end(); }';
const suggestion = (type: string, output: string) => ({
  messageId: 'untypedResponse' as const,
  suggestions: [{ messageId: 'annotateResponse' as const, data: { name: 'res', type, module: MODULE }, output }],
});
ruleTester.run('typed-response-param: fix', rule, {
  valid: [{ code: 'export function getUser(req, res) { res.json({}); }', options: [{ fix: true }] }],
  invalid: [
    {
      code: FIX_CODE,
      options: [{ exportedHandlers: true, fix: true }],
      // Pass 1: both Express handlers (only the first report adds the import, so their edits do not
      // overlap); the node:http one needs its own import, which overlaps the first: pass 2.
      output: [
        `${IMPORT_RES}\nexport function a(req, res: Res) { res.json({}); }\nexport function b(req, res: Res) { res.send("x"); }\nexport function c(req, res) { res.end(); }`,
        `import type { Res, NodeRes } from '${MODULE}';\nexport function a(req, res: Res) { res.json({}); }\nexport function b(req, res: Res) { res.send("x"); }\nexport function c(req, res: NodeRes) { res.end(); }`,
      ],
      errors: [
        suggestion('Res', FIX_CODE.replace('a(req, res)', 'a(req, res: Res)').replace(/^/u, `${IMPORT_RES}\n`)),
        suggestion('Res', FIX_CODE.replace('b(req, res)', 'b(req, res: Res)').replace(/^/u, `${IMPORT_RES}\n`)),
        suggestion('NodeRes', FIX_CODE.replace('c(req, res)', 'c(req, res: NodeRes)').replace(/^/u, `${IMPORT_NODE_RES}\n`)),
      ],
    },
  ],
});
