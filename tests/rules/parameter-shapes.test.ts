// Parameter shapes read from names (src/analysis/parameter-shapes.ts): the param callback
// `(req, res, next, value)` defined apart from `router.param`, error middleware only when the first
// parameter is named like an error, the response names `resp`/`rsp`, and helpers `(req, res, …more)`
// that get the state rules but owe no answer of their own.
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, tsTester, lifecycleError } from './testers.js';

const js = jsTester();
const ts = tsTester();

type DoubleId = 'alreadyFinished' | 'mayBeFinished' | 'nextAfterFinish' | 'nextMayBeAfterFinish';
const double = lifecycleError<DoubleId>;
const header = (line: number, operation: string, first: string, firstLine: number, suggestion?: string) =>
  lifecycleError('headAfterSend', line, operation, first, firstLine, suggestion, 'no-header-after-send');
const write = (line: number, operation: string, first: string, firstLine: number, suggestion?: string) =>
  lifecycleError('writeAfterEnd', line, operation, first, firstLine, suggestion, 'no-write-after-end');
/** Reported at the exit that leaves the request unanswered (the line of its `return`, or the function's end). */
const some = (line: number) => ({ messageId: 'someNotRespond' as const, line });
const EXPRESS4 = [{ express4AsyncRejections: true }];

js.run('no-double-send', testable(noDoubleSend), {
  valid: [
    // four parameters whose first is not named like an error: not error middleware, not a handler
    `function combine(a, b, c, d) { c.send(1); c.send(2); }`,
    `function step(ctx, req, res, next) { res.send(1); res.send(2); }`,
    // the param callback that returns after answering
    `function loadUser(req, res, next, id) { if (!id) return res.status(400).send('missing id'); next(); }
router.param('id', loadUser);`,
    `const loadPost = (request, rsp, next, postId) => { if (!postId) { rsp.sendStatus(404); return; } next(); };`,
    // a helper that answers once on each path
    `function sendPage(req, res, page) { if (page) res.send(page); else res.sendStatus(404); }`,
    // a client callback `(error, response, body)` is not a helper
    `request(url, (error, response, body) => { response.send(body); response.send(body); });`,
  ],
  invalid: [
    {
      // the param callback defined apart: it used to be read as `(err, req, res, next)`, with `next` as the response
      code: `function loadUser(req, res, next, id) {
  if (!id) res.status(400).send('missing id');
  next();
}
router.param('id', loadUser);`,
      errors: [
        double('nextMayBeAfterFinish', 3, 'next()', 'res.send()', 2, `function loadUser(req, res, next, id) {
  if (!id) return res.status(400).send('missing id');
  next();
}
router.param('id', loadUser);`),
      ],
    },
    {
      code: `const loadPost = (request, rsp, next, postId) => {
  rsp.json({ postId });
  rsp.send('done');
};`,
      errors: [double('alreadyFinished', 3, 'rsp.send()', 'rsp.json()', 2, `const loadPost = (request, rsp, next, postId) => {
  return rsp.json({ postId });
  rsp.send('done');
};`)],
    },
    {
      // error middleware is read from its first parameter's name
      code: `function onError(ex, request, response, next) {
  response.status(500).json({ error: ex.message });
  response.json({});
}`,
      errors: [double('alreadyFinished', 3, 'response.json()', 'response.json()', 2, `function onError(ex, request, response, next) {
  return response.status(500).json({ error: ex.message });
  response.json({});
}`)],
    },
    {
      // response names resp and rsp
      code: `function show(req, resp) { resp.send(1); resp.send(2); }`,
      errors: [double('alreadyFinished', 1, 'resp.send()', 'resp.send()', 1, `function show(req, resp) { return resp.send(1); resp.send(2); }`)],
    },
    {
      code: `const list = (_req, rsp, next) => { if (bad) rsp.sendStatus(400); rsp.json(items); };`,
      errors: [double('mayBeFinished', 1, 'rsp.json()', 'rsp.sendStatus()', 1, `const list = (_req, rsp, next) => { if (bad) return rsp.sendStatus(400); rsp.json(items); };`)],
    },
    {
      // a helper given the request, the response and more
      code: `function sendPage(req, res, page) {
  if (!page) res.status(404).send('not found');
  res.send(page.html);
}`,
      errors: [double('mayBeFinished', 3, 'res.send()', 'res.send()', 2, `function sendPage(req, res, page) {
  if (!page) return res.status(404).send('not found');
  res.send(page.html);
}`)],
    },
    {
      code: `const sendAll = (request, response, ...parts) => { response.json(parts); response.json(parts); };`,
      errors: [double('alreadyFinished', 1, 'response.json()', 'response.json()', 1, `const sendAll = (request, response, ...parts) => { return response.json(parts); response.json(parts); };`)],
    },
  ],
});

ts.run('no-double-send (TypeScript)', testable(noDoubleSend), {
  valid: [`import type { Request, Response } from 'express';
function render(req: Request, resp: Response, view: string) { resp.render(view); }`],
  invalid: [
    {
      code: `import type { Request, Response } from 'express';
function render(req: Request, resp: Response, view: string) { resp.render(view); resp.send('x'); }`,
      errors: [double('alreadyFinished', 2, 'resp.send()', 'resp.render()', 2, `import type { Request, Response } from 'express';
function render(req: Request, resp: Response, view: string) { return resp.render(view); resp.send('x'); }`)],
    },
  ],
});

js.run('no-header-after-send', testable(noHeaderAfterSend), {
  valid: [
    `function sendFile(req, res, file) { res.setHeader('Content-Type', file.type); res.end(file.body); }`,
    `function load(req, res, next, id) { res.locals.id = id; res.set('X-Id', id); next(); }`,
  ],
  invalid: [
    {
      code: `function sendFile(req, rsp, file) { rsp.end(file.body); rsp.setHeader('Content-Type', file.type); }`,
      errors: [header(1, 'rsp.setHeader()', 'rsp.end()', 1, `function sendFile(req, rsp, file) { rsp.setHeader('Content-Type', file.type); rsp.end(file.body); }`)],
    },
    {
      code: `function loadUser(req, res, next, id) { res.json({ id }); res.status(201); }`,
      errors: [header(1, 'res.status()', 'res.json()', 1, `function loadUser(req, res, next, id) { res.status(201); res.json({ id }); }`)],
    },
  ],
});

js.run('no-write-after-end', testable(noWriteAfterEnd), {
  valid: [`function stream(req, resp, chunks) { for (const c of chunks) resp.write(c); resp.end(); }`],
  invalid: [
    {
      code: `function stream(req, resp, chunks) { resp.end(); resp.write(chunks[0]); }`,
      errors: [write(1, 'resp.write()', 'resp.end()', 1, `function stream(req, resp, chunks) { resp.write(chunks[0]); resp.end(); }`)],
    },
  ],
});

js.run('require-end', testable(requireEnd), {
  valid: [
    // a helper owes no answer of its own: its caller may answer after it returns
    `function sendIf(req, res, page) { if (page) res.send(page); }`,
    `const renderMaybe = (request, response, view, next) => { if (view) response.render(view); else if (next) next(); };`,
    // nor does it hang on a rejection by itself (its caller awaits it)
    { code: `async function loadAndSend(req, res, id) { const x = await load(id); res.json(x); }`, options: EXPRESS4 },
    // the param callback that answers or passes on
    `function loadUser(req, res, next, id) { if (!id) return res.sendStatus(400); next(); }`,
  ],
  invalid: [
    {
      // the param callback defined apart and registered by name
      code: `function loadPost(req, res, next, id) {
  if (id) next();
}
router.param('id', loadPost);`,
      errors: [some(3)],
    },
    {
      // not registered in this file: it answers on one path, so it owes an answer on all
      code: `const loadUser = (req, rsp, next, id) => {
  if (id === 'me') return next();
  if (!id) rsp.sendStatus(400);
};`,
      errors: [some(4)],
    },
    {
      // a helper registered as a handler owes an answer like any handler
      code: `function sendPage(req, res, page) {
  if (page.ready) res.send(page.html);
}
app.get('/page', sendPage);`,
      errors: [some(3)],
    },
    {
      code: `async function loadUser(req, res, next, id) {
  req.user = await users.find(id);
  next();
}
router.param('id', loadUser);`,
      options: EXPRESS4,
      errors: [{ messageId: 'asyncRejectionHangs' as const, line: 1, data: { operation: 'await users.find(id)', line: 2 } }],
    },
  ],
});
