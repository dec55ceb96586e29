/**
 * Classes of false report from the development corpus of real code (bench/real, issue 14) that
 * are about guards and conventions: a state test read through a `const` (class 6), a client that is
 * gone (class 7), framework conventions for `next` (class 9), helper names that only prepare the
 * response (class 10), and a `for…of` over a non-empty array literal (class 14). Each block is
 * written from scratch in several spellings, with the nearby bug that must still be reported.
 */
import noDoubleSend from '../../rules/no-double-send.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, lifecycleError, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();
/** require-end reports at the exit that leaves the request hanging. */
const hangsAt = (line: number) => ({ messageId: 'someNotRespond' as const, line });
/**
 * A one-line no-double-send case: `res.json()` may repeat the first `res.json()`, and the suggestion
 * puts a `return` before `first` (none when `first` is null: a loop or a later callback).
 */
function doubleSend(code: string, first: string | null = 'res.json(1)') {
  const suggestion = first === null ? undefined : code.replace(first, `return ${first}`);
  return { code, errors: [lifecycleError('mayBeFinished', 1, 'res.json()', 'res.json()', 1, suggestion)] };
}

// Class 6: `headersSent`/`writableEnded`/`finished` read through a binding that is never reassigned.
js.run('no-double-send: state guards read through a const', testable(noDoubleSend), {
  valid: [
    `app.get('/a', (req, res) => { if (req.query.x) res.json(1); const canAnswer = !res.headersSent; if (canAnswer) res.status(500).json({}); });`,
    `app.get('/b', (req, res) => { if (req.query.x) res.json(1); const sent = res.headersSent; if (sent) return; res.json(2); });`,
    `app.get('/c', (req, res) => { if (req.query.x) res.json(1); const { headersSent } = res; if (!headersSent) res.status(500).json({}); });`,
    `app.get('/d', async (req, res) => { if (req.query.x) res.json(1); const { finished: done } = res; if (!done) { res.status(500).json({}); } });`,
    `app.get('/e', (req, res) => { if (req.query.x) res.json(1); const open = !res.writableEnded && !req.aborted; if (open) res.json(2); });`,
    `app.get('/f', (req, res) => { if (req.query.x) res.json(1); const notSent = res.headersSent === false; notSent ? res.json(2) : null; });`,
    // a const bound to a const
    `app.get('/g', (req, res) => { if (req.query.x) res.json(1); const sent = res.headersSent; const answered = sent; if (!answered) res.json(2); });`,
  ],
  invalid: [
    // read before the send: the value is stale at the test
    doubleSend(`app.get('/a', (req, res) => { const canAnswer = !res.headersSent; if (req.query.x) res.json(1); if (canAnswer) res.status(500).json({}); });`),
    // reassigned: not a guard any more
    doubleSend(`app.get('/b', (req, res) => { if (req.query.x) res.json(1); let sent = res.headersSent; sent = false; if (sent) return; res.json(2); });`),
    // tested again in a loop after a send in its body
    doubleSend(`app.get('/c', (req, res) => { const sent = res.headersSent; for (const i of req.body) { if (!sent) res.json(i); } });`, null),
    // tested in a callback that runs later
    doubleSend(`app.get('/d', (req, res) => { if (req.query.x) res.json(1); const sent = res.headersSent; setTimeout(() => { if (!sent) res.json(2); }); });`, null),
  ],
});

ts.run('require-end: a const guard that returns when the response went out', testable(requireEnd), {
  valid: [
    `app.use((err: Error, req: any, res: any, next: any) => { log(err); const sent: boolean = res.headersSent; if (sent) return; res.status(500).json({}); });`,
    `app.use((err: Error, req: any, res: any, next: any) => { const ok = !(res as any).writableEnded; if (!ok) { return; } res.status(500).json({}); });`,
  ],
  invalid: [
    {
      // the response is used between the read and the test: the value may be stale
      code: `app.use((err: Error, req: any, res: any, next: any) => { const sent = res.headersSent; log(res); if (sent) return; res.status(500).json({}); });`,
      errors: [hangsAt(1)],
    },
  ],
});

// Class 7: the client is gone (or a timeout answered): nothing to answer on the branch that returns.
js.run('require-end: the client is gone', testable(requireEnd), {
  valid: [
    `app.get('/a', async (req, res) => { const data = await load(); if (res.destroyed) return; res.json(data); });`,
    `app.get('/b', async (req, res) => { const data = await load(); if (res.closed || req.aborted) return; res.json(data); });`,
    `app.get('/c', async (req, res) => { const data = await load(); if (req.destroyed) { log('client left'); return; } res.json(data); });`,
    `app.get('/d', async (req, res) => { const data = await load(); if (req.socket.destroyed) return; res.json(data); });`,
    `app.get('/e', async (req, res) => { const data = await load(); if (res.socket?.destroyed) return; res.json(data); });`,
    `app.get('/f', async (req, res) => { const data = await load(); if (request.connection.destroyed) return; res.json(data); });`,
    `app.get('/g', async (req, res) => { try { await stream(req.params.id, res); } catch (err) { if (err.code === 'ERR_STREAM_PREMATURE_CLOSE') return; res.status(500).end(); } });`,
    `app.get('/h', async (req, res) => { try { await copy(res); } catch (e) { if (e?.code == 'ERR_STREAM_PREMATURE_CLOSE') { return; } res.sendStatus(500); } });`,
    `http.createServer(async (req, res) => { const body = await read(req); if (res.writableEnded) return; res.end(body); });`,
  ],
  invalid: [
    // data that happens to be called `closed`, not the connection
    { code: `app.get('/a', async (req, res) => { const data = await load(); if (req.query.closed) return; res.json(data); });`, errors: [hangsAt(1)] },
    // another error code: the request still waits for an answer
    {
      code: `app.get('/b', async (req, res) => { try { await stream(req.params.id, res); } catch (err) { if (err.code === 'ENOENT') return; res.status(500).end(); } });`,
      errors: [hangsAt(1)],
    },
    // the gone test guards something else; the plain return still hangs
    { code: `app.get('/c', async (req, res) => { if (res.destroyed) log('gone'); if (!req.user) { return; } res.json(1); });`, errors: [hangsAt(1)] },
  ],
});

// Class 10: a helper from another module finishes only when its name answers (send, respond,
// reply, render, redirect; fail/error/reject given the response), not when it prepares the response.
const PREPARING_HELPERS = ['prepareJsonResponse', 'setCors', 'addSecurityHeaders', 'buildErrorResponse', 'formatError', 'logError', 'withCache', 'applyHeaders', 'getResponse'];
const ANSWERING_HELPERS = ['sendError', 'respondWith', 'replyJson', 'renderPage', 'redirectTo', 'failWith', 'error', 'errorResponse', 'handleError', 'reject_request'];
/** `helper(res, …)` on one branch, then an answer: a possible double send only when the helper answers. */
const afterHelper = (helper: string) =>
  `import { ${helper} } from './http.js';
app.get('/a', (req, res) => {
  if (req.query.fail) ${helper}(res, req.query);
  res.json(1);
});`;

js.run('no-double-send: helpers from elsewhere, by the verb of their name', testable(noDoubleSend), {
  valid: [
    ...PREPARING_HELPERS.map(afterHelper),
    `import { prepareJsonResponse } from './http.js'; app.get('/b', (req, res) => { prepareJsonResponse(res); res.json({ ok: true }); });`,
    `import { setCors } from './cors.js'; http.createServer((req, res) => { setCors(res); res.end(); });`,
  ],
  invalid: ANSWERING_HELPERS.map((helper) => {
    const code = afterHelper(helper);
    const call = `${helper}(res, req.query)`;
    return { code, errors: [lifecycleError('mayBeFinished', 4, 'res.json()', `${helper}()`, 3, code.replace(call, `return ${call}`))] };
  }),
});

// Class 9: framework conventions. restify's `next(false)` stops the chain (no pass-on); union's
// `res.emit('next')` passes the request on, like `next()`.
js.run('no-double-send: next(false) stops the chain, res.emit(\'next\') passes on', testable(noDoubleSend), {
  valid: [
    `server.get('/a', (req, res, next) => { if (!req.user) { res.send(403); return next(false); } res.send(200, req.user); });`,
    `server.post('/b', function (req, res, next) { res.send(409, { code: 'Conflict' }); next(false); });`,
    `server.use((req, res, next) => { if (req.isUpgradeRequest()) { res.writeHead(426); res.end(); return next(false); } next(); });`,
  ],
  invalid: [
    // next(false) is no return: the send after it still runs
    {
      code: `server.get('/a', (req, res, next) => { if (!req.user) { res.send(403); next(false); } res.send(200, req.user); });`,
      errors: [lifecycleError('mayBeFinished', 1, 'res.send()', 'res.send()', 1, `server.get('/a', (req, res, next) => { if (!req.user) { return res.send(403); next(false); } res.send(200, req.user); });`)],
    },
    // union: answering after passing on
    {
      code: `app.use((req, res) => { if (!req.user) { res.emit('next'); } res.end('x'); });`,
      errors: [lifecycleError('mayBeAfterNext', 1, 'res.end()', "res.emit('next')", 1, `app.use((req, res) => { if (!req.user) { return res.emit('next'); } res.end('x'); });`)],
    },
  ],
});

js.run('require-end: next(false) after an answer, res.emit(\'next\')', testable(requireEnd), {
  valid: [
    `server.get('/a', (req, res, next) => { if (!req.user) { res.send(403); next(false); return; } res.send(200, req.user); });`,
    `app.get('/b', (req, res) => { if (req.url.startsWith('/api')) { res.emit('next'); return; } res.end('page'); });`,
    `http.createServer((req, res) => { if (!req.headers.auth) return res.emit('next'); res.writeHead(200); res.end(); });`,
  ],
  invalid: [
    // next(false) alone stops the chain with no answer: the request hangs
    { code: `server.get('/a', (req, res, next) => { if (!req.user) { next(false); return; } res.send(200, req.user); });`, errors: [hangsAt(1)] },
    // another event does not pass on
    { code: `app.get('/b', (req, res) => { if (req.url.startsWith('/api')) { res.emit('skip'); return; } res.end('page'); });`, errors: [hangsAt(1)] },
  ],
});

// Class 14: a `for…of` over an array literal that cannot be empty runs its body at least once.
js.run('require-end: for…of over a non-empty array literal', testable(requireEnd), {
  valid: [
    `app.get('/a', (req, res) => { for (const x of [1]) { res.json(x); } });`,
    `app.get('/b', (req, res) => { let sent = false; for (const x of [req.query.a, ...extra]) { res.json(x); sent = true; } });`,
    `app.get('/c', (req, res) => { for (const code of [404]) res.sendStatus(code); });`,
    `app.get('/d', async (req, res) => { for await (const part of [load()]) { return res.send(part); } });`,
  ],
  invalid: [
    // the body may not answer: after the loop the request still hangs
    {
      code: `app.get('/a', (req, res) => { for (const type of ['json', 'html']) { if (req.accepts(type)) return res.type(type).send('x'); } });`,
      errors: [{ messageId: 'someNotRespond' as const, line: 1 }],
    },
    // only spreads: the array may be empty
    { code: `app.get('/b', (req, res) => { for (const x of [...list]) { res.json(x); } });`, errors: [{ messageId: 'someNotRespond' as const, line: 1 }] },
    { code: `app.get('/c', (req, res) => { for (const x of []) { res.json(x); } });`, errors: [{ messageId: 'someNotRespond' as const, line: 1 }] },
    { code: `app.get('/d', (req, res) => { for (const x of list) { res.json(x); } });`, errors: [{ messageId: 'someNotRespond' as const, line: 1 }] },
  ],
});

ts.run('require-end: for…of over a typed array literal', testable(requireEnd), {
  valid: [`app.get('/a', (req: any, res: any) => { for (const x of ['a', 'b'] as const) { return res.json(x); } });`],
  invalid: [],
});
