import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import typedResponseParam from '../../rules/typed-response-param.js';
import { testable } from './testers.js';

type Invalid = InvalidTestCase<'untypedResponse' | 'annotateResponse', [{ typesModules?: string[] }]>;

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
