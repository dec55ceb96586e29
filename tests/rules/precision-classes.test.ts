/**
 * The classes of false report found on the development corpus of real code (bench/real, issue 14),
 * one block per class, each written from scratch in several spellings: what must stay quiet, and
 * next to it the nearby bug that must still be reported.
 */
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();
/** require-end reports at the exit that leaves the request hanging. */
const hangsAt = (line: number) => ({ messageId: 'someNotRespond' as const, line });

// Class 3: a helper given the response whose result is tested reports whether it answered.
// Class 11: local helpers that answer inside callbacks, through a factory, or two levels down.
// Generators driven by co.wrap: `yield` pauses, it does not return.
// `res.<namespace>.<method>()`: code a library hung on the response, built with it in hand.
js.run('require-end: helpers, callbacks and pauses', testable(requireEnd), {
  valid: [
    // the helper answers exactly when it returns false; the caller returns on that branch
    `function allowed(req, res) { if (!req.user) { res.status(401).send('login'); return false; } return true; }
app.get('/a', (req, res) => { if (!allowed(req, res)) return; res.json(1); });`,
    `const mayWrite = (req, res) => { if (req.readOnly) { res.sendStatus(403); return false; } return true; };
app.post('/b', function (req, res) { if (mayWrite(req, res) === false) { return; } res.sendStatus(204); });`,
    `async function tokenFor(req, res) { if (!req.headers.auth) { res.status(401).end(); return { ok: false }; } return { ok: true }; }
app.get('/c', async (req, res) => { const { ok } = await tokenFor(req, res); if (!ok) return; res.json(ok); });`,
    // the test wraps the action (no early return)
    `function checkAllowed(req, res) { if (policy.allows(req)) { return true; } res.status(401).json('not allowed'); return false; }
app.put('/conf', (req, res) => { if (checkAllowed(req, res)) { store.save(req.body, (err) => res.sendStatus(err ? 500 : 204)); } });`,
    `async function relogin(req, res) { if (req.session.expired) { res.redirect('/login'); return true; } return false; }
app.get('/d', async (req, res) => { if (await relogin(req, res)) return; res.render('home'); });`,
    // a local helper that answers inside a callback it creates
    `function readAndSend(res, file) { fs.readFile(file, (err, text) => { if (err) return res.sendStatus(500); res.type('html').send(text); }); }
app.get('/e', (req, res) => { if (req.query.old) return res.redirect('/'); readAndSend(res, 'index.html'); });`,
    // two levels down, and through a const alias
    `function persist(res, doc) { store.save(doc, (err) => (err ? res.status(500).end() : res.json(doc))); }
function update(req, res) { const out = res; persist(out, req.body); }
app.put('/f', (req, res) => { update(req, res); });`,
    // a factory that returns the callback which answers
    `function replyWhenSaved(res) { return (err) => { if (err) { res.status(500).send(err.message); } else { res.json({ saved: true }); } }; }
app.post('/g', (req, res) => { settings.save(req.body, replyWhenSaved(res)); });`,
    // a closure of the handler that answers, called from a callback
    `app.post('/h', (req, res, next) => {
  function issue(user) { tokens.create(user, (err, t) => (err ? next(err) : res.json(t))); }
  users.find(req.body.email, (err, user) => { if (err) return next(err); issue(user); });
});`,
    // generators driven by co
    `app.get('/i', co.wrap(function* (req, res) { const list = yield Article.list(); res.render('list', { list }); }));`,
    `router.post('/j', wrap(function* (req, res) { try { yield save(req.body); res.redirect('/'); } catch (err) { res.status(422).render('form', { err }); } }));`,
    `exports.show = co.wrap(function* show(req, res) { yield 1; yield 2; res.json({}); });
app.get('/k', exports.show);`,
    // a library's namespace on the response answers for it
    `app.get('/login', (req, res) => res.oidc.login({ returnTo: '/' }));`,
    `app.get('/logout', (req, res) => { return res.oidc.logout(); });`,
    `app.post('/cb', async (req, res) => { await res.auth.callback(req.body); });`,
  ],
  invalid: [
    // a helper that answers on no path leaves the caller's path open
    {
      code: `function log(res, msg) { console.log(msg, res.statusCode); }
app.get('/b', (req, res) => { if (req.query.q) { return res.json(1); } log(res, 'miss'); });`,
      errors: [hangsAt(2)],
    },
    // a generator that really returns without answering
    {
      code: `app.get('/c', co.wrap(function* (req, res) { const x = yield load(); if (!x) return; res.json(x); }));`,
      errors: [hangsAt(1)],
    },
    // data carried on the response is not code that answers
    {
      code: `app.get('/d', (req, res) => { if (req.query.q) { return res.json(1); } res.locals.items.push(1); });`,
      errors: [hangsAt(1)],
    },
  ],
});

js.run('no-double-send: helpers whose result is tested', testable(noDoubleSend), {
  valid: [
    `function allowed(req, res) { if (!req.user) { res.status(401).send('login'); return false; } return true; }
app.get('/a', (req, res) => { if (!allowed(req, res)) return; res.json(1); });`,
    `app.get('/b', async (req, res) => { const handled = await guard(req, res); if (handled) return; res.json(2); });
async function guard(req, res) { if (req.banned) { res.sendStatus(403); return true; } return false; }`,
  ],
  invalid: [
    {
      // the helper finishes on every path: answering again is a double send whatever it returned
      code: `function deny(req, res) { res.status(403).send('no'); return false; }
app.get('/a', (req, res) => { if (!deny(req, res)) { res.json(1); } });`,
      errors: [{ messageId: 'alreadyFinished' }],
    },
  ],
});

ts.run('require-end: typed helpers and namespaces', testable(requireEnd), {
  valid: [
    `import type { Request, Response } from 'express';
function canConfigure(req: Request, res: Response): boolean { if (!req.user) { res.status(401).json({ error: 'login' }); return false; } return true; }
app.put('/config', (req: Request, res: Response) => { if (!canConfigure(req, res)) { return; } res.json({ ok: true }); });`,
    `app.get('/who', (req: any, res: any) => res.oidc!.login());`,
  ],
  invalid: [],
});

js.run('no-header-after-send: unaffected by hand-offs', testable(noHeaderAfterSend), {
  valid: [`app.get('/a', (req, res) => { res.oidc.login(); });`],
  invalid: [
    {
      code: `app.get('/a', (req, res) => { res.json(1); if (req.query.x) { res.set('X-A', '1'); } });`,
      errors: [{ messageId: 'headAfterSend' }],
    },
  ],
});

// Class 2: a callback passed to an awaited call has run when the await resumes.
// Class 4: a `catch` is entered only from points that can throw (calls, await, new, throw), not
// from the start of the `try` block or a response method.
// Class 8: pipeline/pump end or destroy the response; an awaited one has finished.
js.run('require-end: awaited callbacks, throw points, pipelines', testable(requireEnd), {
  valid: [
    `app.get('/a', async (req, res) => { try { res.json(summary); await archive(summary); } catch (e) { log(e); } });`,
    `app.post('/b', async function (req, res) { try { res.status(201).send(); await audit.write(req.body); } catch (err) { console.error(err); } });`,
    `app.get('/c', async (req, res) => { try { res.end('ok'); await cleanup(); } catch { metrics.fail++; } });`,
    `app.get('/d', async (req, res) => { try { await pipeline(fs.createReadStream(file), res); } catch (e) { if (res.headersSent) return res.end(); return res.redirect('/'); } });`,
    `app.get('/e', (req, res, next) => { pipeline(fs.createReadStream(file), res, (err) => { if (err) next(err); }); });`,
    `app.get('/f', (req, res, next) => { pump(source(), zlib.createGzip(), res, function (err) { if (err) return next(err); }); });`,
  ],
  invalid: [
    // a call before the answer can throw into a catch that only logs: the request hangs
    {
      code: `app.get('/a', async (req, res) => { try { const s = await load(); res.json(s); } catch (e) { log(e); } });`,
      errors: [{ messageId: 'someNotRespond' }],
    },
    {
      code: `app.get('/b', (req, res) => { try { const body = JSON.parse(req.query.q); res.json(body); } catch (e) { console.warn(e); } });`,
      errors: [{ messageId: 'someNotRespond' }],
    },
  ],
});

js.run('no-double-send: awaited callbacks and throw points', testable(noDoubleSend), {
  valid: [
    // the then-callback ran before the catch could: its answer is not "after" the catch's
    `app.get('/a', async (req, res) => { try { await list().then((items) => { res.setHeader('X-Count', items.length); res.end(JSON.stringify(items)); }); } catch (e) { res.redirect('/'); } });`,
    `app.get('/b', async (req, res) => { await withLock(key, async () => { await work(); }); res.json(1); });`,
    // a call that throws does not call its callback back; the catch answers instead
    `app.get('/c', (req, res) => { try { store.save(req.body, (err) => { if (err) return res.status(500).end(); res.json(1); }); } catch (e) { res.status(400).json({ error: e.message }); } });`,
    // after the send, a failing log() in the try does not make the catch a second answer
    `app.get('/d', (req, res) => { try { res.json(1); log(req.url); } catch (e) { res.status(500).json(e); } });`,
  ],
  invalid: [
    // the wrapper's callback answered; the handler then passes the request on
    {
      code: `app.get('/a', async (req, res, next) => { await timed('page', async () => { res.render('page'); }); next(); });`,
      errors: [{ messageId: 'nextMayBeAfterFinish' }],
    },
    // .catch() handles the rejection and answers; the await resumes and the handler answers again
    {
      code: `app.get('/b', async (req, res) => { const s = await db.stats().catch((e) => res.redirect('/')); res.render('db', { s }); });`,
      errors: [{ messageId: 'mayBeFinished' }],
    },
    // the await after the send can throw into a catch that answers again
    {
      code: `app.get('/c', async (req, res) => { try { res.json(1); await audit(req); } catch (e) { res.status(500).json(e); } });`,
      errors: [
        {
          messageId: 'alreadyFinished',
          suggestions: [
            {
              messageId: 'addReturn',
              output: `app.get('/c', async (req, res) => { try { return res.json(1); await audit(req); } catch (e) { res.status(500).json(e); } });`,
            },
          ],
        },
      ],
    },
  ],
});

js.run('no-header-after-send: awaited callbacks', testable(noHeaderAfterSend), {
  valid: [
    `app.get('/a', async (req, res) => { try { await cursor.toArray().then((rows) => { res.setHeader('Content-Type', 'text/csv'); res.end(csv(rows)); }); } catch (e) { return res.redirect('/'); } });`,
  ],
  invalid: [],
});

// Class 5: infeasible paths: the same side-effect-free condition tested twice, a `const` bound to a
// literal, a router's `next` (always passed unless the parameter is declared optional).
js.run('no-double-send: conditions tested twice', testable(noDoubleSend), {
  valid: [
    `app.get('/a', (req, res) => { const admin = req.user.admin; if (admin) res.send('a'); log('x'); if (!admin) res.send('b'); });`,
    `app.get('/b', (req, res) => {
  if (req.render.data) { res.json(req.render.data); }
  if (!req.render.data && req.render.html) { res.send(req.render.html); }
  if (!req.render.html) { res.end(); }
});`,
    `app.get('/c', (req, res) => { const cached = cache.get(req.url); if (cached) { res.send(cached); } if (!cached) { res.json(build()); } });`,
    `app.get('/d', function (req, res) { var found = lookup(req); found ? res.json(found) : null; if (!found) res.sendStatus(404); });`,
    `app.get('/e', (req, res) => { const failed = false; if (failed) { res.status(500).end(); } res.json(1); });`,
  ],
  invalid: [
    // the object may have changed in between (a call), so the second test is a new question
    {
      code: `app.get('/a', (req, res) => { if (req.q.x) res.send('a'); mutate(req); if (!req.q.x) res.send('b'); });`,
      errors: [{ messageId: 'mayBeFinished', suggestions: [{ messageId: 'addReturn', output: `app.get('/a', (req, res) => { if (req.q.x) return res.send('a'); mutate(req); if (!req.q.x) res.send('b'); });` }] }],
    },
    // the variable is reassigned: not the same condition
    {
      code: `app.get('/b', (req, res) => { let ok = check(req); if (ok) res.send('a'); ok = again(req); if (!ok) res.send('b'); });`,
      errors: [{ messageId: 'mayBeFinished', suggestions: [{ messageId: 'addReturn', output: `app.get('/b', (req, res) => { let ok = check(req); if (ok) return res.send('a'); ok = again(req); if (!ok) res.send('b'); });` }] }],
    },
    // different conditions: both can hold
    {
      code: `app.get('/c', (req, res) => { const a = req.a, b = req.b; if (a) res.send('a'); if (b) res.send('b'); });`,
      errors: [{ messageId: 'mayBeFinished', suggestions: [{ messageId: 'addReturn', output: `app.get('/c', (req, res) => { const a = req.a, b = req.b; if (a) return res.send('a'); if (b) res.send('b'); });` }] }],
    },
  ],
});

js.run('require-end: conditions, router next, continuations', testable(requireEnd), {
  valid: [
    `app.get('/a', (req, res) => {
  if (req.render.data) { res.json(req.render.data); }
  if (!req.render.data && req.render.html) { res.send(req.render.html); }
  if (!req.render.html) { res.end(); }
});`,
    `const pass = (req, res, next) => { next && next(); };
app.use(pass);`,
    `exports.cancel = function (req, res, next) { plans.cancel(req.user).then(() => { if (next) { next(); } }).catch((e) => { if (next) { next(e); } }); };`,
    `app.use(function (req, res, next) { const skip = false; if (skip) return; next(); });`,
    // async.waterfall steps hand the request on through their continuation
    `app.post('/reset', (req, res, next) => {
  async.waterfall([
    function find(done) { User.findOne({ token: req.body.token }, (err, user) => { if (err) return next(err); if (!user) return res.redirect('back'); user.save((e) => { req.logIn(user, (e2) => done(e2, user)); }); }); },
    function mail(user, done) { mailer.send(user.email, (err) => { done(err); }); },
  ], (err) => { if (err) return next(err); res.redirect('/'); });
});`,
    // a promise executor's resolve hands it on to the awaiting handler
    `app.get('/stream', async (req, res, next) => {
  await new Promise((resolve) => { src.on('end', () => { res.end(); resolve(); }); src.on('data', (c) => { if (!c) return resolve(); res.write(c); }); });
});`,
  ],
  invalid: [],
});

ts.run('require-end: an optional next', testable(requireEnd), {
  valid: [],
  invalid: [
    // `next?: …` says the function also runs without a router: the path without next hangs
    {
      code: `export function proxy(req: any, res: any, next?: (e?: unknown) => void) { try { forward(req, res); } catch (e) { next?.(e); return; } }
app.use(proxy);`,
      errors: [{ messageId: 'someNotRespond' }],
    },
  ],
});

js.run('no-header-after-send: on-headers listeners', testable(noHeaderAfterSend), {
  valid: [
    `app.use((req, res, next) => { onHeaders(res, () => res.removeHeader('Set-Cookie')); next(); });`,
    `app.get('/a', (req, res) => { onHeaders(res, function () { this.setHeader('X-Time', String(Date.now() - start)); res.setHeader('X-Done', '1'); }); res.json(1); });`,
  ],
  invalid: [],
});

// Class 11, more spellings: a closure bound with .bind(this), called from a callback that only
// calls it (the callback answers through the closure).
js.run('require-end: closures called from callbacks', testable(requireEnd), {
  valid: [
    `module.exports = {
  forgot: function (req, res, next) {
    var issue = function (user) { this.tokens.create(user, function (err, t) { if (err) return next(err); res.json({ t }); }); }.bind(this);
    var missing = function () { res.status(404).json({}); };
    users.load(req.body.name, function (err, user) {
      if (err) return next(err);
      if (!user) { users.byEmail(req.body.name, (e, u) => (u ? issue(u) : missing())); } else { issue(user); }
    });
  },
};`,
    `app.get('/a', (req, res) => { const reply = (v) => res.json(v); db.get(req.params.id, (err, row) => { if (err) return res.sendStatus(500); reply(row); }); });`,
  ],
  invalid: [
    {
      // the closure the callback calls does not answer on its own path
      code: `app.get('/a', (req, res) => { const note = (v) => console.log(v); db.get(req.params.id, (err, row) => { if (err) return res.sendStatus(500); note(row); }); });`,
      errors: [{ messageId: 'someNotRespond' }],
    },
  ],
});
