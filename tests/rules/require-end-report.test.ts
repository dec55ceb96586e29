import requireEnd from '../../rules/require-end.js';
import { testable, jsTester } from './testers.js';

// Where require-end reports and what it says: at the exit that leaves the request hanging (the
// `return`, the `catch` the path ends in, the closing brace), naming the handler, and offering
// `next()` only where the handler has a `next`.
const rule = testable(requireEnd);

const WITH_NEXT = {
  unanswered: 'finishes the response or calls `next()`',
  remedy: 'Send a response (e.g. `res.end()`) or call `next()`',
};
const WITHOUT_NEXT = { unanswered: 'finishes the response', remedy: 'Send a response (e.g. `res.end()`)' };

jsTester().run('require-end (report location and message)', rule, {
  valid: [],
  invalid: [
    {
      // Express with next: at the bare return
      code: `app.get('/users/:id', (req, res, next) => {
  if (!req.params.id) return;
  res.json({ id: req.params.id });
});`,
      errors: [
        {
          messageId: 'someNotRespond',
          data: { handler: "The `app.get('/users/:id')` handler", exit: 'returns here', ...WITH_NEXT },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 30,
        },
      ],
    },
    {
      // node:http has no next: the message does not offer it; reported at the closing brace
      code: `http.createServer((req, res) => {
  if (req.url === '/') {
    res.end('home');
  }
});`,
      errors: [
        {
          messageId: 'someNotRespond',
          data: { handler: 'The `http.createServer()` handler', exit: 'reaches its end', ...WITHOUT_NEXT },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 2,
        },
      ],
    },
    {
      // the catch that swallows the failure is the exit
      code: `app.get('/items', async (req, res) => {
  try {
    res.json(await load());
  } catch (err) {
    console.error(err);
  }
});`,
      errors: [
        {
          messageId: 'someNotRespond',
          data: { handler: "The `app.get('/items')` handler", exit: 'ends in this `catch`', ...WITHOUT_NEXT },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 16,
        },
      ],
    },
    {
      // a catch that answers is not the exit: the end of the function is
      code: `app.get('/items', async (req, res) => {
  try {
    if (cached) res.json(cached);
  } catch (err) {
    res.status(500).end();
  }
});`,
      errors: [
        {
          messageId: 'someNotRespond',
          data: { handler: "The `app.get('/items')` handler", exit: 'reaches its end', ...WITHOUT_NEXT },
          line: 7,
          column: 1,
        },
      ],
    },
    {
      // a named handler declared apart from its registration
      code: `function show(req, res) {
  if (user) res.json(user);
}`,
      errors: [{ messageId: 'someNotRespond', data: { handler: '`show`', exit: 'reaches its end', ...WITHOUT_NEXT }, line: 3, column: 1 }],
    },
    {
      // middleware: next exists
      code: `const auth = (req, res, next) => {
  if (ok(req)) return next();
  if (req.headers.authorization) return;
  res.sendStatus(401);
};`,
      errors: [{ messageId: 'someNotRespond', data: { handler: '`auth`', exit: 'returns here', ...WITH_NEXT }, line: 3, column: 34 }],
    },
    {
      // never answers: at the head, naming the handler, without next for node:http
      code: `http.createServer((req, res) => { res.setHeader('x', '1'); });`,
      errors: [{ messageId: 'neverResponds', data: { handler: 'The `http.createServer()` handler', exit: '', ...WITHOUT_NEXT }, line: 1, column: 30 }],
    },
    {
      code: `app.use((req, res, next) => { req.start = Date.now(); });`,
      errors: [{ messageId: 'neverResponds', data: { handler: 'The `app.use()` handler', exit: '', ...WITH_NEXT }, line: 1, column: 26 }],
    },
    {
      // registered through a wrapper: named by the registration
      code: `app.get('/x', asyncHandler(async (req, res) => {
  if (cached) return;
  res.json(await load());
}));`,
      errors: [{ messageId: 'someNotRespond', data: { handler: "The `app.get('/x')` handler", exit: 'returns here', ...WITHOUT_NEXT }, line: 2 }],
    },
    {
      code: `http.createServer(wrap((req, res) => {
  if (req.url === '/hang') return;
  res.end();
}));`,
      errors: [{ messageId: 'someNotRespond', data: { handler: 'The `http.createServer()` handler', exit: 'returns here', ...WITHOUT_NEXT }, line: 2 }],
    },
    {
      // a callback inside a handler with next: next is in reach
      code: `app.get('/u', (req, res, next) => {
  db.find(id, (err, user) => {
    if (err) return;
    res.json(user);
  });
});`,
      errors: [{ messageId: 'someNotRespond', data: { handler: 'This callback', exit: 'returns here', ...WITH_NEXT }, line: 3, column: 14 }],
    },
  ],
});
