import noDoubleSend from '../../rules/no-double-send.js';
import { testable, jsTester, tsTester, typedTester, lifecycleError } from './testers.js';

const rule = testable(noDoubleSend);

const js = jsTester();
const ts = tsTester();
const typed = typedTester('lifecycle');

type Id = 'alreadyFinished' | 'mayBeFinished' | 'nextAfterFinish' | 'nextMayBeAfterFinish' | 'afterNext' | 'mayBeAfterNext';

const error = lifecycleError<Id>;

js.run('no-double-send', rule, {
  valid: [
    // exclusive branches
    `app.get('/u', (req, res) => { if (!user) { res.status(404).json({}); } else { res.json(user); } });`,
    // return after the first send, in every form
    `app.get('/u', (req, res) => { if (!user) { return res.status(404).json({}); } res.json(user); });`,
    `app.get('/u', (req, res) => { if (!user) { res.status(404).json({}); return; } res.json(user); });`,
    `app.get('/u', (req, res) => { if (!user) return void res.sendStatus(404); res.json(user); });`,
    `app.get('/u', (req, res) => { cond ? res.send(1) : res.send(2); });`,
    `app.get('/u', (req, res) => { cond && res.send(1); });`,
    `app.get('/u', (req, res) => { cond || res.send(2); });`,
    `app.get('/u', (req, res) => { res?.send(1); });`,
    // guards refine the branch
    `app.get('/u', (req, res) => { res.send(1); if (!res.headersSent) res.send(2); });`,
    `app.use((err, req, res, next) => { if (res.headersSent) { return next(err); } res.status(500).send('x'); });`,
    `app.get('/u', (req, res, next) => { if (res.headersSent) return next(err); res.send(); });`,
    `app.get('/u', (req, res) => { res.end(); if (res.writableEnded) return; res.end(); });`,
    // a bare end() after a finish is a no-op in Node (OutgoingMessage.end returns when finished)
    `app.get('/u', (req, res) => { res.status(403).json(err).end(); });`,
    `app.get('/u', (req, res) => { res.send(x); res.end(); });`,
    `app.get('/u', (req, res) => { if (a) { res.json(1); } else { res.sendStatus(204); } res.end(); });`,
    `http.createServer((req, res) => { if (a) { res.end('1'); } else { res.end('2'); } res.end(); });`,
    `app.get('/u', (req, res) => { try { return res.send('a'); } finally { res.end(); } });`,
    `app.get('/u', (req, res) => { res.end(); res.end(() => log('done')); });`,
    `app.get('/u', (req, res) => { reply(res, 1); res.end(); }); const reply = (out, v) => { if (v) out.send(v); };`,
    `app.get('/u', (req, res) => { res.end(); res.finished || res.end(); });`,
    `app.get('/u', (req, res) => { res.end(); !res.headersSent && res.end(); });`,
    `app.get('/u', (req, res) => { res.end(); res.headersSent ? null : res.end(); });`,
    `app.get('/u', (req, res) => { res.end(); if (res.headersSent === false) res.end(); });`,
    // try/catch: the end of the try block is not a throw point
    `app.get('/u', async (req, res) => { try { res.json(await load()); } catch (e) { res.status(500).json({ e }); } });`,
    `app.get('/u', async (req, res) => { try { const u = await load(); if (!u) return res.sendStatus(404); res.json(u); } catch (e) { res.status(500).json(e); } });`,
    `app.get('/u', async (req, res) => { try { res.json(x); log(x); } catch (e) { res.status(500).json(e); } });`,
    `app.get('/u', async (req, res, next) => { try { res.json(await load()); } catch (e) { next(e); } });`,
    // loops: writes then one end; return/break after the send
    `app.get('/u', (req, res) => { for (const x of xs) { res.write(x); } res.end(); });`,
    `app.get('/u', (req, res) => { for (const x of xs) { if (x.ok) { res.send(x); return; } } res.sendStatus(404); });`,
    `app.get('/u', (req, res) => { let sent; for (const x of xs) { if (x.ok) { res.send(x); break; } } });`,
    `app.get('/u', (req, res) => { xs.forEach((x) => res.write(x)); res.end(); });`,
    // switch with breaks, labels
    `app.get('/u', (req, res) => { switch (k) { case 1: res.send(1); break; case 2: res.send(2); break; default: res.send(3); } });`,
    `app.get('/u', (req, res) => { out: { if (a) { res.send(1); break out; } res.send(2); } });`,
    // throw and process.exit end the path
    `app.get('/u', (req, res) => { if (a) { res.send(1); throw new Error('x'); } res.send(2); });`,
    `app.get('/u', (req, res) => { if (a) { res.send(1); process.exit(1); } res.send(2); });`,
    // a send inside a callback belongs to that callback
    `app.get('/u', (req, res) => { db.find(id, (err, u) => { if (err) return res.status(500).send(err); res.json(u); }); });`,
    `app.get('/u', (req, res) => { load().then((u) => res.json(u)).catch((e) => res.status(500).json(e)); });`,
    `app.get('/u', (req, res) => { res.render('page', (err, html) => { if (err) return res.sendStatus(500); res.send(html); }); });`,
    // await does not reset state, but it does not invent a send either
    `app.get('/u', async (req, res) => { await a(); await b(); res.json(1); });`,
    // a local helper that does not finish
    `function tag(res) { res.set('X-Tag', '1'); } app.get('/u', (req, res) => { tag(res); res.send(1); });`,
    // piping with end: false leaves the response open
    `app.get('/u', (req, res) => { a.pipe(res, { end: false }); a.on('end', () => res.end('done')); });`,
    // a helper that answers on some paths and tells the caller through its result
    `function check(req, res) { if (!req.body) { res.sendStatus(400); return false; } return true; }
app.post('/u', (req, res) => { if (!check(req, res)) return; res.json(1); });`,
    // helpers from other modules: named like responders (returned) or not (a logger)
    `import { sendError } from './http.js'; app.get('/u', (req, res) => { if (!u) return sendError(res, 404); res.json(u); });`,
    `import { logResponse } from './log.js'; app.get('/u', (req, res) => { logResponse(res); res.json(u); });`,
    `app.get('/u', async (req, res) => { try { res.json(await load()); } catch (e) { handleError(res, e); } });`,
    // passing on and answering on exclusive paths
    `app.get('/u', (req, res, next) => { if (err) return next(err); res.json(data); });`,
    `app.get('/u', (req, res, next) => { if (err) { next(err); } else { res.json(data); } });`,
    `app.use((req, res, next) => { next(); res.setHeader('X-After', '1'); });`,
    // an asynchronous callback created on a path where the creator does not answer afterwards
    `app.get('/u', (req, res) => { if (hit) { res.json(hit); } else { db.query(sql, (e, rows) => { res.json(rows); }); } });`,
    // a promise chain whose earlier callback does not answer
    `app.post('/u', (req, res) => { load().then((u) => save(u)).then((u) => res.json(u)).catch((e) => res.status(500).json(e)); });`,
    // timers and event listeners may never fire once the creator answered (cleared, not emitted)
    `app.get('/u', async (req, res) => { const t = setTimeout(() => { res.status(504).end(); }, 5000); await work(); clearTimeout(t); res.json(1); });`,
    `app.get('/u', (req, res) => { req.on('close', () => { res.end(); }); res.json(1); });`,
    // callbacks the response itself calls start fresh: sendFile's error callback, res.on(...)
    `app.get('/f', (req, res, next) => { res.sendFile(file, (err) => { if (err) next(err); }); });`,
    `app.get('/f', (req, res) => { res.send('ok'); res.on('finish', () => { log(res.statusCode); }); });`,
    // a stream's error handler registered after pipe: pipe finishes later, not yet
    `app.get('/f', (req, res) => { src.pipe(res); src.on('error', () => { res.statusCode = 500; res.end(); }); });`,
    // a callback created on the branch that did not send
    `app.get('/u', (req, res) => { if (err) { res.send(err); } else { db.find((e, u) => res.json(u)); } });`,
    // a local closure that finishes, called on exclusive paths
    `app.get('/u', (req, res) => { const done = (v) => res.json(v); if (a) { done(1); } else { done(2); } });`,
    // not responses: fetch, supertest, axios, arrays and result objects named res
    `async function f() { const res = await fetch(url); const a = await res.json(); return res.json(); }`,
    `it('works', async () => { const res = await request(app).get('/'); res.send; res.end; });`,
    `request(app).get('/').end((err, res) => { res.end(); res.end(); });`,
    `axios.get(url).then((res) => { res.send(); res.send(); });`,
    `const res = []; res.send = 1; function g(a, res) { res.end(); res.end(); }`,
    `db.query(sql, (err, res) => { res.send(); res.send(); });`,
    `http.get(url, (res) => { res.end(); res.end(); });`,
    // a finishing helper from the options on one branch, a send on the other
    { code: `app.get('/u', (req, res) => { if (a) sendError(res, 'x'); else res.send(1); });`, options: [{ finishingHelpers: ['sendError'] }] },
    // definiteOnly: a maybe is not reported
    { code: `app.get('/u', (req, res) => { if (!user) { res.status(404).json({}); } res.json(user); });`, options: [{ definiteOnly: true }] },
  ],
  invalid: [
    {
      // the classic: 404 without return
      code: `app.get('/u', (req, res) => {
  if (!user) {
    res.status(404).json({ error: 'not found' });
  }
  res.json(user);
});`,
      errors: [
        error('mayBeFinished', 5, 'res.json()', 'res.json()', 3, `app.get('/u', (req, res) => {
  if (!user) {
    return res.status(404).json({ error: 'not found' });
  }
  res.json(user);
});`),
      ],
    },
    {
      code: `app.get('/u', (req, res) => {
  res.send('a');
  res.send('b');
});`,
      errors: [
        error('alreadyFinished', 3, 'res.send()', 'res.send()', 2, `app.get('/u', (req, res) => {
  return res.send('a');
  res.send('b');
});`),
      ],
    },
    {
      // next after a send
      code: `router.use((req, res, next) => {
  res.json(data);
  next();
});`,
      errors: [
        error('nextAfterFinish', 3, 'next()', 'res.json()', 2, `router.use((req, res, next) => {
  return res.json(data);
  next();
});`),
      ],
    },
    {
      code: `app.get('/u', (req, res, next) => {
  if (err) res.status(500).send(err);
  next(err);
});`,
      errors: [
        error('nextMayBeAfterFinish', 3, 'next(err)', 'res.send()', 2, `app.get('/u', (req, res, next) => {
  if (err) return res.status(500).send(err);
  next(err);
});`),
      ],
    },
    {
      // chains count in order; aliases are the same response
      code: `app.get('/u', (req, res) => {
  const r = res;
  r.status(201).json(a);
  res.status(200).json(b);
});`,
      errors: [
        error('alreadyFinished', 4, 'res.json()', 'r.json()', 3, `app.get('/u', (req, res) => {
  const r = res;
  return r.status(201).json(a);
  res.status(200).json(b);
});`),
      ],
    },
    {
      // logical and ternary forms: the first send is not a statement, so no suggestion
      code: `app.get('/u', (req, res) => {
  ok && res.send(1);
  res?.send(2);
});`,
      errors: [error('mayBeFinished', 3, 'res.send()', 'res.send()', 2)],
    },
    {
      code: `app.get('/u', (req, res) => {
  void (a ? res.send(1) : res.json(2));
  res.send(3);
});`,
      errors: [error('alreadyFinished', 3, 'res.send()', 'res.send()', 2)],
    },
    {
      // try/catch: a send in finally after return res.send() in try
      code: `app.get('/u', (req, res) => {
  try {
    return res.send('a');
  } finally {
    res.send('b');
  }
});`,
      errors: [error('mayBeFinished', 5, 'res.send()', 'res.send()', 3)],
    },
    {
      // a send in the try, then an await that can throw into a catch that sends again
      code: `app.get('/u', async (req, res) => {
  try {
    res.json(data);
    await audit(req);
  } catch (e) {
    res.status(500).json(e);
  }
});`,
      errors: [
        // the catch is entered only from the await, after the send (a response method is not a throw point)
        error('alreadyFinished', 6, 'res.json()', 'res.json()', 3, `app.get('/u', async (req, res) => {
  try {
    return res.json(data);
    await audit(req);
  } catch (e) {
    res.status(500).json(e);
  }
});`),
      ],
    },
    {
      // the classic inside a try: reported once, not again in the catch
      code: `app.get('/u', async (req, res) => {
  try {
    const user = await load();
    if (!user) { res.sendStatus(404); }
    res.json(user);
  } catch (e) {
    res.status(500).json(e);
  }
});`,
      errors: [
        error('mayBeFinished', 5, 'res.json()', 'res.sendStatus()', 4, `app.get('/u', async (req, res) => {
  try {
    const user = await load();
    if (!user) { return res.sendStatus(404); }
    res.json(user);
  } catch (e) {
    res.status(500).json(e);
  }
});`),
      ],
    },
    {
      // a send in a loop body that can run twice
      code: `app.get('/u', (req, res) => {
  for (const item of items) {
    res.send(item);
  }
});`,
      errors: [error('mayBeFinished', 3, 'res.send()', 'res.send()', 3)],
    },
    {
      code: `app.get('/u', (req, res) => {
  items.forEach((item) => {
    res.json(item);
  });
});`,
      errors: [error('mayBeFinished', 3, 'res.json()', 'res.json()', 3)],
    },
    {
      code: `app.get('/u', async (req, res) => {
  await Promise.all(items.map(async (item) => { if (!item.ok) res.sendStatus(400); }));
  res.json(items);
});`,
      errors: [
        error('mayBeFinished', 2, 'res.sendStatus()', 'res.sendStatus()', 2),
        error('mayBeFinished', 3, 'res.json()', 'res.sendStatus()', 2),
      ],
    },
    {
      // \`return\` in a forEach callback ends the callback, not the handler
      code: `app.post('/batch', (req, res) => {
  req.body.items.forEach((item) => {
    if (!item.id) return res.status(400).json({ error: 'id required' });
  });
  res.json({ ok: true });
});`,
      errors: [
        error('mayBeFinished', 3, 'res.json()', 'res.json()', 3),
        error('mayBeFinished', 5, 'res.json()', 'res.json()', 3),
      ],
    },
    {
      // switch fallthrough
      code: `app.get('/u', (req, res) => {
  switch (kind) {
    case 'a':
      res.send('a');
    case 'b':
      res.send('b');
      break;
  }
});`,
      errors: [
        error('mayBeFinished', 6, 'res.send()', 'res.send()', 4, `app.get('/u', (req, res) => {
  switch (kind) {
    case 'a':
      return res.send('a');
    case 'b':
      res.send('b');
      break;
  }
});`),
      ],
    },
    {
      // labelled break after the send still reaches the second send
      code: `app.get('/u', (req, res) => {
  check: {
    if (bad) { res.sendStatus(400); break check; }
  }
  res.sendStatus(200);
});`,
      errors: [
        error('mayBeFinished', 5, 'res.sendStatus()', 'res.sendStatus()', 3, `app.get('/u', (req, res) => {
  check: {
    if (bad) { return res.sendStatus(400); break check; }
  }
  res.sendStatus(200);
});`),
      ],
    },
    {
      // process.exitCode does not end the path
      code: `app.get('/u', (req, res) => {
  if (bad) { res.sendStatus(500); process.exitCode = 1; }
  res.sendStatus(200);
});`,
      errors: [
        error('mayBeFinished', 3, 'res.sendStatus()', 'res.sendStatus()', 2, `app.get('/u', (req, res) => {
  if (bad) { return res.sendStatus(500); process.exitCode = 1; }
  res.sendStatus(200);
});`),
      ],
    },
    {
      // local helpers: finishes on every path / on some paths
      code: `function fail(res, msg) { res.status(500).send(msg); }
app.get('/u', (req, res) => {
  if (err) fail(res, 'boom');
  res.json(data);
});`,
      errors: [
        error('mayBeFinished', 4, 'res.json()', 'fail()', 3, `function fail(res, msg) { res.status(500).send(msg); }
app.get('/u', (req, res) => {
  if (err) return fail(res, 'boom');
  res.json(data);
});`),
      ],
    },
    {
      code: `app.get('/u', (req, res) => {
  reply(res, 1);
  res.send(2);
});
const reply = (out, v) => { if (v) { out.send(v); } };`,
      errors: [
        error('mayBeFinished', 3, 'res.send()', 'reply()', 2, `app.get('/u', (req, res) => {
  return reply(res, 1);
  res.send(2);
});
const reply = (out, v) => { if (v) { out.send(v); } };`),
      ],
    },
    {
      // the response reaches a helper through another helper and `const` aliases
      // (src/analysis/candidates.ts follows it; nothing else makes these parameters tracked)
      code: `function finish(out) { out.end(); }
function relay(target) { const same = target; finish(same); }
app.get('/u', (req, res) => { const r = res; relay(r); res.send(2); });`,
      errors: [
        error('alreadyFinished', 3, 'res.send()', 'relay()', 3, `function finish(out) { out.end(); }
function relay(target) { const same = target; finish(same); }
app.get('/u', (req, res) => { const r = res; return relay(r); res.send(2); });`),
      ],
    },
    {
      // finishing helpers from the options, as functions and as methods
      code: `app.get('/u', (req, res) => {
  if (err) sendError(res, err);
  res.sendError(err);
});`,
      options: [{ finishingHelpers: ['sendError'] }],
      errors: [
        error('mayBeFinished', 3, 'res.sendError()', 'sendError()', 2, `app.get('/u', (req, res) => {
  if (err) return sendError(res, err);
  res.sendError(err);
});`),
      ],
    },
    {
      // a stream piped into the response finishes it
      code: `app.get('/f', (req, res) => {
  fs.createReadStream(file).pipe(res);
  res.end();
});`,
      errors: [
        error('alreadyFinished', 3, 'res.end()', 'stream.pipe(res)', 2, `app.get('/f', (req, res) => {
  return fs.createReadStream(file).pipe(res);
  res.end();
});`),
      ],
    },
    {
      // route(...).METHOD, server.on('request'), error middleware, conventional shape
      code: `router.route('/x').post((a, b) => { b.send(1); b.send(2); });
server.on('request', (a, b) => { b.send(1); b.send(2); });
module.exports = function handler(err, req, res, next) { res.end(); next(err); };
export function show(req, res) { res.render('x'); res.send('y'); }`,
      errors: [
        error('alreadyFinished', 1, 'b.send()', 'b.send()', 1, `router.route('/x').post((a, b) => { return b.send(1); b.send(2); });
server.on('request', (a, b) => { b.send(1); b.send(2); });
module.exports = function handler(err, req, res, next) { res.end(); next(err); };
export function show(req, res) { res.render('x'); res.send('y'); }`),
        error('alreadyFinished', 2, 'b.send()', 'b.send()', 2, `router.route('/x').post((a, b) => { b.send(1); b.send(2); });
server.on('request', (a, b) => { return b.send(1); b.send(2); });
module.exports = function handler(err, req, res, next) { res.end(); next(err); };
export function show(req, res) { res.render('x'); res.send('y'); }`),
        error('nextAfterFinish', 3, 'next(err)', 'res.end()', 3, `router.route('/x').post((a, b) => { b.send(1); b.send(2); });
server.on('request', (a, b) => { b.send(1); b.send(2); });
module.exports = function handler(err, req, res, next) { return res.end(); next(err); };
export function show(req, res) { res.render('x'); res.send('y'); }`),
        error('alreadyFinished', 4, 'res.send()', 'res.render()', 4, `router.route('/x').post((a, b) => { b.send(1); b.send(2); });
server.on('request', (a, b) => { b.send(1); b.send(2); });
module.exports = function handler(err, req, res, next) { res.end(); next(err); };
export function show(req, res) { return res.render('x'); res.send('y'); }`),
      ],
    },
    {
      // a nested callback's own double send
      code: `app.get('/u', (req, res) => {
  db.get(id, (err, row) => {
    if (err) res.status(500).send(err);
    res.json(row);
  });
});`,
      errors: [
        error('mayBeFinished', 4, 'res.json()', 'res.send()', 3, `app.get('/u', (req, res) => {
  db.get(id, (err, row) => {
    if (err) return res.status(500).send(err);
    res.json(row);
  });
});`),
      ],
    },
    {
      // a callback created after a send on some path starts from that state
      code: `app.post('/c', (req, res) => {
  channel.save((err, saved) => {
    if (err) { res.send(err); }
    User.findById(req.user.id, (err2, user) => {
      user.save(() => { res.json(saved); });
    });
  });
});`,
      errors: [error('mayBeFinished', 5, 'res.json()', 'res.send()', 3)],
    },
    {
      // an asynchronous callback runs after the rest of its creator
      code: `app.get('/rows', (req, res) => {
  db.query(sql, (err, rows) => {
    res.json(rows);
  });
  res.end();
});`,
      errors: [error('alreadyFinished', 3, 'res.json()', 'res.end()', 5)],
    },
    {
      // in a promise chain, a callback runs after the previous one: \`return res…\` does not stop the chain
      code: `app.post('/signup', (req, res) => {
  User.findOne({ email }).then((user) => {
    if (user) return res.status(400).json({ email: 'taken' });
    return User.create(req.body);
  }).then((created) => res.json(created));
});`,
      errors: [error('mayBeFinished', 5, 'res.json()', 'res.json()', 3)],
    },
    {
      // a local closure that finishes the captured response counts where it is called
      code: `app.get('/u', (req, res) => {
  const fail = (e) => { res.status(500).json({ error: e.message }); };
  if (err) fail(err);
  res.json(data);
});`,
      errors: [
        error('mayBeFinished', 4, 'res.json()', 'fail()', 3, `app.get('/u', (req, res) => {
  const fail = (e) => { res.status(500).json({ error: e.message }); };
  if (err) return fail(err);
  res.json(data);
});`),
      ],
    },
    {
      // one slip, one report: later operations on the same path are the same bug
      code: `app.get('/u', (req, res) => {
  if (a) res.send(1);
  res.send(2);
  res.end();
});`,
      errors: [
        error('mayBeFinished', 3, 'res.send()', 'res.send()', 2, `app.get('/u', (req, res) => {
  if (a) return res.send(1);
  res.send(2);
  res.end();
});`),
      ],
    },
    {
      // answering after next(err): the error handler answers too
      code: `app.get('/u', (req, res, next) => {
  if (err) next(err);
  res.json(data);
});`,
      errors: [
        error('mayBeAfterNext', 3, 'res.json()', 'next(err)', 2, `app.get('/u', (req, res, next) => {
  if (err) return next(err);
  res.json(data);
});`),
      ],
    },
    {
      code: `app.use((req, res, next) => {
  next();
  next();
});`,
      errors: [
        error('afterNext', 3, 'next()', 'next()', 2, `app.use((req, res, next) => {
  return next();
  next();
});`),
      ],
    },
    {
      // a helper from another module named like a responder may finish the response
      code: `import { errorResponse } from './http.js';
app.get('/u', (req, res) => {
  if (!user) { errorResponse(res, 404, 'not found'); }
  res.json(user);
});`,
      errors: [
        error('mayBeFinished', 4, 'res.json()', 'errorResponse()', 3, `import { errorResponse } from './http.js';
app.get('/u', (req, res) => {
  if (!user) { return errorResponse(res, 404, 'not found'); }
  res.json(user);
});`),
      ],
    },
    {
      // an exported controller whose unused request is \`_\`
      code: `export const list = async (_, res) => { res.json(a); res.json(b); };`,
      errors: [error('alreadyFinished', 1, 'res.json()', 'res.json()', 1, `export const list = async (_, res) => { return res.json(a); res.json(b); };`)],
    },
    {
      // await does not reset the state
      code: `app.get('/u', async (req, res) => {
  res.json(await a());
  await b();
  res.json(await c());
});`,
      errors: [
        error('alreadyFinished', 4, 'res.json()', 'res.json()', 2, `app.get('/u', async (req, res) => {
  return res.json(await a());
  await b();
  res.json(await c());
});`),
      ],
    },
    {
      // definiteOnly still reports certain ones
      code: `app.get('/u', (req, res) => { res.end(); res.json({}); });`,
      options: [{ definiteOnly: true }],
      errors: [error('alreadyFinished', 1, 'res.json()', 'res.end()', 1, `app.get('/u', (req, res) => { return res.end(); res.json({}); });`)],
    },
  ],
});

ts.run('no-double-send (TS annotations, no program)', rule, {
  valid: [
    // a global (fetch) Response is not a response
    `async function f(req: Request, res: Response) { await res.json(); await res.json(); }`,
    `function f(a: unknown, res: number[]) { res.map(String); }`,
    // client responses in the (req, res) shape
    `import type { AxiosResponse } from 'axios'; export function f(req: unknown, res: AxiosResponse) { res.send(); res.send(); }`,
    `import type { IncomingMessage } from 'node:http'; export function f(req: unknown, res: IncomingMessage) { res.end(); res.end(); }`,
  ],
  invalid: [
    {
      code: `import type { Response } from 'express';
export function reply(data: unknown, out: Response) {
  out.json(data);
  out.json(data);
}`,
      errors: [
        error('alreadyFinished', 4, 'out.json()', 'out.json()', 3, `import type { Response } from 'express';
export function reply(data: unknown, out: Response) {
  return out.json(data);
  out.json(data);
}`),
      ],
    },
    {
      // a response type declared in the file says nothing either way: the registration decides
      code: `import type { Response } from 'express';
interface ApiResponse extends Response { locals: { user: string } }
app.get('/me', (req, res: ApiResponse) => { res.json(1); res.json(2); });`,
      errors: [
        error('alreadyFinished', 3, 'res.json()', 'res.json()', 3, `import type { Response } from 'express';
interface ApiResponse extends Response { locals: { user: string } }
app.get('/me', (req, res: ApiResponse) => { return res.json(1); res.json(2); });`),
      ],
    },
    {
      code: `import { ServerResponse } from 'node:http';
function done(o: ServerResponse) { o.end(); src.pipe(o); }`,
      errors: [
        error('alreadyFinished', 2, 'stream.pipe(o)', 'o.end()', 2, `import { ServerResponse } from 'node:http';
function done(o: ServerResponse) { return o.end(); src.pipe(o); }`),
      ],
    },
    {
      code: `import type { SentRes } from 'eslint-plugin-response-lifecycle/types';
function done(o: SentRes) { o!.end(); src.pipe(o as any); }`,
      errors: [
        error('alreadyFinished', 2, 'stream.pipe(o)', 'o.end()', 2, `import type { SentRes } from 'eslint-plugin-response-lifecycle/types';
function done(o: SentRes) { return o!.end(); src.pipe(o as any); }`),
      ],
    },
  ],
});

typed.run('no-double-send (type information)', rule, {
  valid: [
    // typed as a fetch Response, named res, in the (req, res) shape
    `export async function proxy(req: Request, res: globalThis.Response) { await res.json(); await res.json(); }`,
    `export function f(req: unknown, res: { send(): void }) { res.send(); res.send(); }`,
    // typed as an IncomingMessage (a client response), whatever the shape says
    `import http from 'node:http'; http.get('http://x', (req, res = req) => { res.resume(); res.resume(); });`,
  ],
  invalid: [
    {
      // any name, anything that extends http.ServerResponse
      code: `import type { Response } from 'express';
export function a(input: unknown, output: Response) { output.send(1); output.send(2); }`,
      errors: [
        error('alreadyFinished', 2, 'output.send()', 'output.send()', 2, `import type { Response } from 'express';
export function a(input: unknown, output: Response) { return output.send(1); output.send(2); }`),
      ],
    },
    {
      // contextually typed by Express: the parameter's name does not matter
      code: `import express from 'express';
const app = express();
app.get('/', (input, output) => { output.send(1); output.send(2); });`,
      errors: [
        error('alreadyFinished', 3, 'output.send()', 'output.send()', 3, `import express from 'express';
const app = express();
app.get('/', (input, output) => { return output.send(1); output.send(2); });`),
      ],
    },
    {
      code: `import * as http from 'node:http';
class MyRes extends http.ServerResponse {}
export function a(x: MyRes) { x.end(); src.pipe(x); }`,
      errors: [
        error('alreadyFinished', 3, 'stream.pipe(x)', 'x.end()', 3, `import * as http from 'node:http';
class MyRes extends http.ServerResponse {}
export function a(x: MyRes) { return x.end(); src.pipe(x); }`),
      ],
    },
  ],
});
