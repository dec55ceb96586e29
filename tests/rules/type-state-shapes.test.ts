/**
 * Annotating with the type-state typings must never hide a handler from the lint rules: every
 * shape built on them (an alias, an interface that extends `Res`, a generic instantiation, a
 * `Handler`/`ErrorHandler`-typed value, a `typed(...)` callback, node:http's `NodeRes`) reports,
 * with type information, exactly what the analysis reports without it. Before the typed check
 * knew the package's declarations, the checker's verdict on these was "not a response" and vetoed
 * the handler (docs/types.md, "Lint rules and the typings").
 */
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import { lifecycleError, testable, tsTester, typedTester } from './testers.js';

const ts = tsTester();
const typed = typedTester('lifecycle');

const HEADER = `import express from 'express';
import http from 'node:http';
import { typed, type ErrorHandler, type Handler, type NodeRes, type Res } from '../../../types/index.js';
const app = express();
`;
const HEADER_LINES = HEADER.split('\n').length - 1;

/** A shape: declarations, then one handler whose first answer is `FIRST` and whose second is `SECOND`. */
interface Shape {
  name: string;
  code: string;
}
const FIRST = 'res.json(1);';
const SECOND = 'res.json(2);';

const SHAPES: Shape[] = [
  {
    name: 'an app alias of Res',
    code: `type ApiRes = Res<{ id: number }>;
app.get('/a', (req, res: ApiRes) => { ${FIRST} ${SECOND} });`,
  },
  {
    name: 'an interface that extends Res',
    code: `interface AppRes extends Res<{ id: number }> { readonly requestId?: string }
app.get('/b', (req, res: AppRes) => { ${FIRST} ${SECOND} });`,
  },
  {
    name: 'a generic instantiation with a locals type',
    code: `app.get('/c', (req, res: Res<{ id: number }, { user: string }>) => { ${FIRST} ${SECOND} });`,
  },
  {
    name: 'an intersection with Res',
    code: `type WithUser = Res & { user?: string };
app.get('/d', (req, res: WithUser) => { ${FIRST} ${SECOND} });`,
  },
  {
    name: 'a Handler-typed value',
    code: `const show: Handler = (req, res) => { ${FIRST} ${SECOND} };
app.get('/e', show);`,
  },
  {
    name: 'an ErrorHandler-typed value',
    code: `const onError: ErrorHandler = (err, req, res, next) => { ${FIRST} ${SECOND} };
app.use(onError);`,
  },
  {
    name: 'a typed(...) callback',
    code: `app.get('/f', typed((req, res) => { ${FIRST} ${SECOND} }));`,
  },
  {
    name: 'an alias of a generic alias',
    code: `type JsonRes<T> = Res<T, { user: string }>;
type UserRes = JsonRes<{ name: string }>;
export function show(req: unknown, res: UserRes) { ${FIRST} ${SECOND} }`,
  },
];

const lineOf = (code: string, needle: string) => HEADER_LINES + code.slice(0, code.indexOf(needle)).split('\n').length;

const doubleSendCases = SHAPES.map((shape) => {
  const code = HEADER + shape.code;
  return {
    name: shape.name,
    code,
    errors: [
      lifecycleError('alreadyFinished', lineOf(shape.code, SECOND), 'res.json()', 'res.json()', lineOf(shape.code, FIRST), code.replace(FIRST, `return ${FIRST}`)),
    ],
  };
});

const nodeCode = `${HEADER}type Out = NodeRes;
interface Traced extends NodeRes { readonly traceId?: string }
http.createServer((req, res: Out) => { res.end('b'); if (req.url) res.setHeader('x-a', '1'); });
http.createServer((req, res: Traced) => { res.writeHead(200); res.write('c'); res.setHeader('x-b', '1'); });
`;
// (Late headers that no fix can move: the report alone is what these cases are about.)
const headerCases = [
  {
    name: 'node:http: an alias of NodeRes and an interface that extends it',
    code: nodeCode,
    errors: [
      lifecycleError('headAfterSend', HEADER_LINES + 3, 'res.setHeader()', 'res.end()', HEADER_LINES + 3),
      lifecycleError('headAfterSend', HEADER_LINES + 4, 'res.setHeader()', 'res.writeHead()', HEADER_LINES + 4),
    ],
  },
];

for (const [tester, mode] of [
  [ts, 'annotations only'],
  [typed, 'type information'],
] as const) {
  tester.run(`no-double-send: shapes built on the type-state types (${mode})`, testable(noDoubleSend), {
    valid: [],
    invalid: doubleSendCases,
  });
  tester.run(`no-header-after-send: shapes built on NodeRes (${mode})`, testable(noHeaderAfterSend), {
    valid: [],
    invalid: headerCases,
  });
}

// With types, any name works (the analysis asks the checker about parameters used like a
// response), and a user's own type that happens to be called `Res` is not the package's.
const helperCode = `${HEADER}type ApiRes = Res<{ id: number }>;
export function fail(status: number, out: ApiRes) { out.sendStatus(status); out.json({}); }
`;
typed.run('no-double-send: type-state shapes the checker alone recognises', testable(noDoubleSend), {
  valid: [
    `interface Res { json(body: unknown): void; end(): void }
export function reply(data: unknown, out: Res) { out.json(data); out.json(data); }`,
    `type SentRes = { end(): void };
export function close(req: unknown, res: SentRes) { res.end(); res.end(); }`,
  ],
  invalid: [
    {
      code: helperCode,
      errors: [
        lifecycleError('alreadyFinished', HEADER_LINES + 2, 'out.json()', 'out.sendStatus()', HEADER_LINES + 2, helperCode.replace('out.sendStatus(status);', 'return out.sendStatus(status);')),
      ],
    },
  ],
});
