import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, tsTester, typedTester } from './testers.js';

const rule = testable(requireEnd);

const js = jsTester();
const ts = tsTester();
const typed = typedTester('lifecycle');

const never = (line: number, column?: number) => ({ messageId: 'neverResponds' as const, line, ...(column ? { column } : {}) });
/**
 * Reported at the exit: the `return` on `returnLine`; without it, the path falls off the end of
 * the function (or a `catch` there), whose line is not checked here. `_fnLine`: the handler's line.
 * Exact messages and locations: require-end-report.test.ts.
 */
const some = (_fnLine: number, returnLine?: number) => ({
  messageId: 'someNotRespond' as const,
  ...(returnLine === undefined ? {} : { line: returnLine }),
});
const rejects = (line: number, operation: string, at: number) => ({
  messageId: 'asyncRejectionHangs' as const,
  line,
  data: { operation, line: at },
});
const swallowed = (line: number, operation: 'catch' | 'then', at = line) => ({
  messageId: 'swallowedRejection' as const,
  line,
  data: { operation, line: at },
});
const EXPRESS4 = [{ express4AsyncRejections: true }];

js.run('require-end', rule, {
  valid: [
    // every finishing method of the model, on every path
    `app.get('/a', (req, res) => { res.end(); });`,
    `app.get('/a', (req, res) => { res.status(404).json({}); });`,
    `app.get('/a', (req, res) => { res.sendStatus(204); });`,
    `app.get('/a', (req, res) => { res.redirect('/b'); });`,
    `app.get('/a', (req, res) => { res.render('page'); });`,
    `app.get('/a', (req, res) => { res.sendFile(file); });`,
    `app.get('/a', (req, res) => { res.download(file); });`,
    `app.get('/a', (req, res) => { res.jsonp(x); });`,
    `app.get('/a', (req, res) => { res.destroy(); });`,
    `app.get('/a', (req, res) => { if (item) { res.json(item); } else { res.sendStatus(404); } });`,
    `app.get('/a', (req, res) => { if (!item) return res.sendStatus(404); res.json(item); });`,
    `app.get('/a', (req, res) => { item ? res.json(item) : res.sendStatus(404); });`,
    `app.get('/a', (req, res) => { switch (k) { case 1: res.send(1); break; default: res.send(2); } });`,
    // piped or pipelined into the response
    `app.get('/a', (req, res) => { fs.createReadStream(f).pipe(res); });`,
    `app.get('/a', (req, res) => { stream.pipeline(src, gzip, res, (err) => {}); });`,
    `app.get('/a', (req, res) => { pipeline(src, res, done); });`,
    // next in every form
    `app.use((req, res, next) => { next(); });`,
    `app.use((req, res, next) => { if (!req.user) return next(new Error('no user')); next(); });`,
    `app.use((req, res, next) => { if (e) next(e); else res.json(x); });`,
    `app.use((req, res, next) => { auth(req, next); });`,
    `app.use((req, res, next) => { return next; });`,
    `app.use((req, res, next) => { setImmediate(next); });`,
    `app.param('id', (req, res, next, id) => { load(id).then((u) => { req.u = u; next(); }, next); });`,
    `app.use((err, req, res, next) => { if (res.headersSent) return next(err); res.status(500).send('x'); });`,
    // handed off: to unknown code, stored, returned, captured by a callback or a promise chain
    `app.get('/a', (req, res) => { controller.show(req, res); });`,
    `app.get('/a', (req, res) => { res.locals.x = 1; handle(req, res); });`,
    `app.get('/a', (req, res) => { ctx.res = res; });`,
    `app.get('/a', (req, res) => { queue.push({ req, res }); });`,
    `app.get('/a', (req, res) => { return res; });`,
    `app.get('/a', (req, res, next) => { load().then((x) => res.json(x)).catch(next); });`,
    `app.get('/a', (req, res) => { db.get(id, (err, row) => { if (err) return res.sendStatus(500); res.json(row); }); });`,
    `app.get('/a', (req, res) => { res.sendError(404); });`,
    // a returned result: a promise the framework awaits, or Fastify's reply value
    `app.get('/a', (req, res) => load(req).then((x) => res.json(x)));`,
    `app.get('/a', async (req, reply) => { if (cached) return cached; return reply.send(await load()); });`,
    `app.get('/a', (req, res) => { if (!ok) return Promise.reject(new Error('x')); res.json(1); });`,
    // throwing goes to the error handler
    `app.get('/a', (req, res) => { if (!req.user) throw new Error('no user'); res.json(req.user); });`,
    `app.get('/a', async (req, res) => { const x = await load(); if (!x) throw new NotFound(); res.json(x); });`,
    // res.format hands the response to its callbacks; res.render(view, cb) to cb
    `app.get('/a', (req, res) => { res.format({ html() { res.send('<p>x</p>'); }, json() { res.json({}); } }); });`,
    `app.get('/a', (req, res, next) => { res.render('page', (err, html) => { if (err) return next(err); res.send(html); }); });`,
    // a guard shows other code already answered
    `app.use((err, req, res, next) => { if (res.headersSent) return; res.status(500).end(); });`,
    `app.get('/a', (req, res) => { if (res.writableEnded) return; res.end(); });`,
    // process.exit ends the path
    `app.get('/quit', (req, res) => { if (!admin) { res.sendStatus(403); return; } process.exit(0); });`,
    // finishing helper from the options, passed the response
    { code: `app.get('/a', (req, res) => { fail(res, 'x'); });`, options: [{ unknownCalleesHandOff: false, finishingHelpers: ['fail'] }] },
    // hand-off helper from the options when unknown callees do not count
    { code: `app.get('/a', (req, res) => { respond(res, data); });`, options: [{ unknownCalleesHandOff: false, handOffHelpers: ['respond'] }] },
    // a local helper that finishes on every path
    `function send404(res) { res.status(404).end(); } app.get('/a', (req, res) => { send404(res); });`,
    // a helper given the response returns a verdict its caller acts on
    `function validate(req, res) { if (!req.body.name) { res.status(400).send('name'); return false; } return true; }`,
    // registered by name and answering
    `function show(req, res) { res.json(1); } app.get('/', show);`,
    // not handlers: never touch a response API, never registered
    `function log(req, res) { console.log(req.url, res.statusCode); }`,
    `function pick(req, res) { return res ? req : null; }`,
    // Koa's (ctx, next) and client callbacks that look like registrations
    `router.get('/a', async (ctx, next) => { ctx.body = 'x'; });`,
    `api.get('/users', (err, res) => { if (err) return; console.log(res.body); });`,
    // an extra 'request' listener that never touches the response observes, it is not the handler
    `server.once('request', (req, res) => { t.equal(req.url, '/'); });`,
    // callbacks that answer for a part: iteration, timers, stream data
    `app.get('/a', (req, res) => { items.forEach((x) => { if (x.bad) res.status(400); }); res.json(items); });`,
    `app.get('/a', (req, res) => { const t = setTimeout(() => { if (!done) res.status(504).end(); }, 5000); work(() => { done = true; clearTimeout(t); res.end(); }); });`,
    `app.post('/a', (req, res) => { let n = 0; req.on('data', (c) => { n += c.length; if (n > max) res.status(413).end(); }); req.on('end', () => res.end('ok')); });`,
    // the callback of a finishing method only reports how it went (Express's downloads example)
    `app.get('/files/:file', function (req, res, next) {
  res.download(req.params.file, { root: FILES_DIR }, function (err) {
    if (!err) return; // file sent
    if (err.status !== 404) return next(err);
    res.statusCode = 404;
    res.send('Cant find that file, sorry!');
  });
});`,
    `app.get('/f', (req, res, next) => { res.sendFile(file, (err) => { if (err) next(err); }); });`,
    // the client is gone: nobody to answer
    `app.get('/a', (req, res) => { load((err, x) => { if (req.aborted) return; res.json(x); }); });`,
    `app.get('/a', (req, res) => { src.on('end', () => { if (res.destroyed || res.closed) { return; } res.end(); }); });`,
    // connect-timeout's documented haltOnTimedout: the timeout already answered
    `function haltOnTimedout(req, res, next) { if (!req.timedout) next(); }`,
    `app.post('/save', (req, res, next) => { save(req.body, (err, id) => { if (err) return next(err); if (req.timedout) return; res.send(id); }); });`,
    // stubs and test servers that do not answer on purpose
    `app.get('/hang', (req, res) => {});`,
    `http.createServer((req, _res) => { seen.push(req.url); });`,
    // return through finally
    `app.get('/a', async (req, res, next) => { try { return res.json(await load()); } catch (e) { next(e); } finally { release(); } });`,
    `app.get('/a', async (req, res) => { try { return res.json(await load()); } finally { release(); } });`,
    // a .then step that answers early hands the rest to the next step of the chain
    `app.get('/a', (req, res, next) => { find(id).then((u) => { if (!u) return res.sendStatus(404); audit(u); }).then(() => res.json({ ok: true })).catch(next); });`,
    // error callbacks of a chain that answers: passing on, answering, rethrowing, recovering
    `app.get('/a', (req, res, next) => { load().then((x) => res.json(x)).catch((e) => next(e)); });`,
    `app.get('/a', (req, res) => { load().then((x) => res.json(x)).catch((e) => { log(e); res.sendStatus(500); }); });`,
    `app.get('/a', (req, res) => { load().then((x) => res.json(x)).catch((e) => { log(e); throw e; }); });`,
    `app.get('/a', (req, res) => { load().then((x) => res.json(x), (e) => res.status(500).end()); });`,
    `app.get('/a', (req, res) => { load().catch(() => null).then((x) => res.json(x)); });`,
    `app.get('/a', (req, res) => { load().then((x) => res.json(x)).catch((e) => Promise.reject(e)); });`,
    `app.get('/a', (req, res) => { load().then((x) => res.json(x)).catch(handleError(res)); });`,
    // a chain that does not answer the response is not this rule's business
    `warm().then(() => log('ok')).catch((e) => console.error(e));`,
    // a once guard: the early return is a second run after the first one answered (multer)
    `app.use((req, res, next) => { let called = false; function onFinished() { if (called) return; called = true; next(); } req.on('end', onFinished); req.on('close', onFinished); });`,
    `app.get('/a', (req, res) => { stream.on('end', () => { if (this.done) { return; } this.done = true; res.end(); }); });`,
    // Mongoose's Post.find(query, cb) is not an array's find: see the invalid case
    // Express 4 option: caught awaits, .catch on the awaited promise, option off
    { code: `app.get('/a', async (req, res, next) => { try { res.json(await load()); } catch (e) { next(e); } });`, options: EXPRESS4 },
    { code: `app.get('/a', async (req, res, next) => { res.json(await load().catch(next)); });`, options: EXPRESS4 },
    { code: `app.get('/a', async (req, res) => { res.json(await load()); });` },
    // wrapped handlers: the wrapper catches (real code: asyncHandler, catchAsync)
    { code: `router.get('/a', asyncHandler(async (req, res) => { res.json(await load()); }));`, options: EXPRESS4 },
    { code: `export const h = catchAsync(async (req, res, next) => { res.json(await load()); });`, options: EXPRESS4 },
    // express-async-errors patches Express 4
    { code: `import 'express-async-errors';\napp.get('/a', async (req, res) => { res.json(await load()); });`, options: EXPRESS4 },
  ],
  invalid: [
    // a registered handler that never answers
    { code: `app.get('/a', (req, res) => { console.log('hit'); });`, errors: [never(1, 26)] },
    { code: `app.get('/a', function (req, res) { res.status(404); });`, errors: [never(1, 15)] },
    { code: `app.get('/a', (req, res) => { console.log(res); debug(res); });`, errors: [never(1)] },
    { code: `http.createServer((req, res) => { res.setHeader('x', '1'); });`, errors: [never(1)] },
    { code: `server.on('request', (req, res) => { res.statusCode = 404; });`, errors: [never(1)] },
    { code: `router.route('/a').post((req, res) => { save(req.body); });`, errors: [never(1)] },
    // middleware that forgets next
    { code: `app.use((req, res, next) => { req.start = Date.now(); });`, errors: [never(1)] },
    // error middleware that only logs
    { code: `app.use((err, req, res, next) => { console.error(err); });`, errors: [never(1)] },
    // if (item) res.json(item), no else
    {
      code: `app.get('/a', (req, res) => {
  const item = find(req.params.id);
  if (item) res.json(item);
});`,
      errors: [some(1)],
    },
    // a catch that only logs
    {
      code: `app.get('/a', async (req, res) => {
  try {
    res.json(await load());
  } catch (e) {
    console.error(e);
  }
});`,
      errors: [some(1)],
    },
    // next only when a condition holds
    {
      code: `app.use((req, res, next) => {
  if (req.user) {
    next();
  }
});`,
      errors: [some(1)],
    },
    // an explicit early return without an answer: the line is named
    {
      code: `app.get('/a', (req, res) => {
  if (!req.query.q) {
    return;
  }
  res.json(search(req.query.q));
});`,
      errors: [some(1, 3)],
    },
    { code: `app.get('/a', (req, res) => { if (a) return null; res.end(); });`, errors: [some(1, 1)] },
    // a literal from a callback is no verdict for anyone
    { code: `app.get('/a', (req, res) => { load().then((x) => { if (!x) return false; res.json(x); }); });`, errors: [some(1, 1)] },
    { code: `app.get('/a', (req, res) => { if (a) return res.status(400); res.end(); });`, errors: [some(1, 1)] },
    // the first offending path is named, and one report per function
    {
      code: `app.get('/a', (req, res) => {
  if (a) return;
  if (b) return;
  res.end();
});`,
      errors: [some(1, 2)],
    },
    // the database callback: its error branch returns without responding
    {
      code: `app.get('/a', (req, res) => {
  db.get(id, (err, row) => {
    if (err) {
      log(err);
      return;
    }
    res.json(row);
  });
});`,
      errors: [some(2, 5)],
    },
    // Mongoose-style callbacks that log the error and return (real code): find is not Array#find here
    {
      code: `const index = (req, res) => {
  db.Post.find({}, (err, allPosts) => {
    if (err) return console.log(err);
    res.json(allPosts);
  });
};`,
      errors: [some(2, 3)],
    },
    // the .catch at the end of an answering chain swallows the error: the client waits
    {
      code: `app.get('/a', (req, res) => {
  load()
    .then((x) => res.json(x))
    .catch((err) => console.log(err));
});`,
      errors: [swallowed(4, 'catch')],
    },
    {
      code: `app.get('/a', (req, res) => {
  load()
    .then((x) => res.json(x))
    .catch(console.error);
});`,
      errors: [swallowed(4, 'catch')],
    },
    {
      code: `function list(req, res) {
  Item.find().then((items) => { res.json(items); }).catch((e) => {});
}`,
      errors: [swallowed(2, 'catch')],
    },
    { code: `app.get('/a', (req, res) => { load().then((x) => res.json(x), function (e) { log(e); }); });`, errors: [swallowed(1, 'then')] },
    // middleware declared apart that answers only through a callback on one branch
    {
      code: `function auth(req, res, next) {
  const token = req.headers.authorization;
  if (token) {
    jwt.verify(token, key, (err, user) => {
      if (err) return res.sendStatus(403);
      req.user = user;
      next();
    });
  }
}`,
      errors: [some(1)],
    },
    // with a finally, an exit that answers on no path is still reported
    {
      code: `app.get('/a', async (req, res) => { try { await load(); } finally { release(); } });`,
      errors: [never(1)],
    },
    // a flag that is never set to true is not a once guard
    { code: `app.get('/a', (req, res) => { if (skip) return; res.end(); });`, errors: [some(1, 1)] },
    // the .then callback is itself checked
    {
      code: `app.get('/a', (req, res, next) => {
  load().then((x) => {
    if (x) res.json(x);
  }).catch(next);
});`,
      errors: [some(2)],
    },
    // res.render(view, cb): cb is responsible
    {
      code: `app.get('/a', (req, res) => {
  res.render('page', (err, html) => {
    if (err) return console.error(err);
    res.send(html);
  });
});`,
      errors: [some(2, 3)],
    },
    // res.format: each callback is responsible
    {
      code: `app.get('/a', (req, res) => { res.format({ json() { if (x) res.json(x); } }); });`,
      errors: [some(1)],
    },
    // a stream's end/error listener must answer
    {
      code: `app.get('/a', (req, res) => { src.on('error', (e) => { if (e.code === 'ENOENT') res.sendStatus(404); }); src.pipe(res); });`,
      errors: [some(1)],
    },
    // registered by name: checked like an inline handler
    {
      code: `function onError(err, req, res, next) {
  console.error(err);
}
app.use(onError);`,
      errors: [never(1)],
    },
    { code: `const show = (req, res) => { log(req.url); };\nrouter.get('/x', show);`, errors: [never(1)] },
    // a handler declared apart from its registration, with an answer on some path
    { code: `function show(req, res) { if (user) res.json(user); }`, errors: [some(1)] },
    { code: `function auth(req, res, next) { if (ok(req)) return next(); }`, errors: [some(1)] },
    { code: `export const h = async (req, res) => { if (a) return; res.send(1); };`, errors: [some(1, 1)] },
    // logging the response is not handing it off
    { code: `app.get('/a', (req, res) => { if (a) return res.end(); logger.info(res); });`, errors: [some(1)] },
    // finishingHelpers make a callback that uses them checked
    {
      code: `app.get('/a', (req, res) => { db.q((e, r) => { if (e) { fail(res, e); return; } cache(r); }); });`,
      options: [{ finishingHelpers: ['fail'] }],
      errors: [some(1)],
    },
    // unknownCalleesHandOff: false: an unknown callee does not take the response over
    {
      code: `app.get('/a', (req, res) => { respond(res, data); });`,
      options: [{ unknownCalleesHandOff: false }],
      errors: [never(1)],
    },
    {
      code: `app.get('/a', (req, res) => { res.ok(data); });`,
      options: [{ unknownCalleesHandOff: false }],
      errors: [never(1)],
    },
    // Express 4: a rejection of an async handler hangs the request
    {
      code: `app.get('/a', async (req, res) => {
  const user = await load(req.params.id);
  res.json(user);
});`,
      options: EXPRESS4,
      errors: [rejects(1, 'await load(req.params.id)', 2)],
    },
    {
      code: `app.get('/a', async (req, res, next) => {
  try { res.json(await load()); } catch (e) { next(e); }
  if (x) throw new Error('x');
});`,
      options: EXPRESS4,
      errors: [rejects(1, 'throw', 3)],
    },
    // a missing end is the one report, not also the rejection
    {
      code: `app.get('/a', async (req, res) => { const x = await load(); if (x) res.json(x); });`,
      options: EXPRESS4,
      errors: [some(1)],
    },
  ],
});

ts.run('require-end (TS annotations, no program)', rule, {
  valid: [
    `import type { Request, Response } from 'express';
export function show(req: Request, res: Response) { if (!user) { res.sendStatus(404); return; } res.json(user); }`,
    // a fetch Response is not a response to answer
    `export async function f(req: Request, res: Response) { if (a) return; await res.json(); }`,
    `app.get('/a', (req: unknown, res: express.Response) => { res.end(); });`,
    `import type { Response } from 'express';\nexport function sendIf(res: Response, x: unknown) { if (!x) return null; res.json(x); return x; }`,
    `import type { NextApiRequest, NextApiResponse } from 'next';
export function requirePost(handler: (q: NextApiRequest, s: NextApiResponse) => void) {
  return async function (req: NextApiRequest, res: NextApiResponse) {
    if (req.method === 'POST') handler(req, res);
    else res.status(405).end();
  };
}`,
  ],
  invalid: [
    {
      code: `import type { Request, Response } from 'express';
export function show(req: Request, res: Response) {
  if (user) res.json(user);
}`,
      errors: [some(2)],
    },
    {
      code: `import type { NextFunction, Request, Response } from 'express';
app.use((req: Request, res: Response, next: NextFunction): void => {
  if (!req.headers.authorization) {
    return;
  }
  next();
});`,
      errors: [some(2, 4)],
    },
    // Next.js API routes (real code): a method check without an answer
    {
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return;
  res.status(200).json({ ok: true });
}`,
      errors: [some(2, 3)],
    },
    {
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(400);
  res.status(200).json({ ok: true });
}`,
      errors: [some(2, 3)],
    },
    {
      code: `app.get('/a', (req: unknown, res: unknown) => { log(req as string); });`,
      errors: [never(1)],
    },
  ],
});

typed.run('require-end (type information)', rule, {
  valid: [
    `export async function f(req: Request, res: globalThis.Response) { if (a) return; await res.json(); }`,
    // hand-offs and passing on, with the types inferred from the router
    `import express from 'express';
declare function load(): Promise<unknown>;
declare const controller: { show(req: unknown, res: unknown): void };
const router = express.Router();
router.get('/a', (req, res, next) => { load().then((x) => res.json(x)).catch(next); });
router.get('/b', (req, res) => { controller.show(req, res); });
router.use((err: Error, req: express.Request, res: express.Response, next: express.NextFunction) => { if (res.headersSent) return next(err); res.status(500).end(); });`,
    `import type { Response } from 'express';
export function a(input: unknown, output: Response) { if (input) { output.send(1); } else { output.sendStatus(400); } }`,
  ],
  invalid: [
    {
      // any name, typed as a response
      code: `import type { Response } from 'express';
export function a(input: unknown, output: Response) {
  if (input) output.send(1);
}`,
      errors: [some(2)],
    },
    {
      // middleware that passes on only when a condition holds, typed by inference
      code: `import express from 'express';
const router = express.Router();
router.use((req, res, next) => {
  if (req.headers.authorization) next();
});`,
      errors: [some(3)],
    },
    {
      // inferred from the router's types, no annotation
      code: `import express from 'express';
const router = express.Router();
router.get('/a', (req, res) => {
  if (req.query.x) res.json(1);
});`,
      errors: [some(3)],
    },
    {
      code: `import * as http from 'node:http';
export function a(q: http.IncomingMessage, s: http.ServerResponse, done: () => void) {
  if (q.url === '/') { s.end('ok'); return; }
  if (q.url === '/skip') return;
  done();
}`,
      errors: [some(2, 4)],
    },
  ],
});
