import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, tsTester } from './testers.js';

// Continuations owed an answer (issue 15, point 6): a function passed in `next` position of a
// handler-shaped call, `serve(req, res, function (err) { … })`, as the last thing a handler does.
// The callee calls it instead of answering, so it must answer, call the outer `next`, or hand
// the response on, on every path.
const rule = testable(requireEnd);

const WITH_NEXT = {
  unanswered: 'finishes the response or calls `next()`',
  remedy: 'Send a response (e.g. `res.end()`) or call `next()`',
};
const WITHOUT_NEXT = { unanswered: 'finishes the response', remedy: 'Send a response (e.g. `res.end()`)' };
const never = (callee: string, line: number, column: number, next = WITH_NEXT) => ({
  messageId: 'neverResponds' as const,
  data: { handler: `The continuation passed to \`${callee}()\``, exit: '', ...next },
  line,
  column,
});
const returnsHere = (callee: string, line: number, column: number, next = WITH_NEXT) => ({
  messageId: 'someNotRespond' as const,
  data: { handler: `The continuation passed to \`${callee}()\``, exit: 'returns here', ...next },
  line,
  column,
});
const reachesEnd = (callee: string, line: number, next = WITH_NEXT) => ({
  messageId: 'someNotRespond' as const,
  data: { handler: `The continuation passed to \`${callee}()\``, exit: 'reaches its end', ...next },
  line,
});

jsTester().run('require-end (continuations owed an answer)', rule, {
  valid: [
    // multer style: the error goes to next, success passes on
    `app.use((req, res, next) => {
  upload(req, res, (err) => { if (err) return next(err); next(); });
});`,
    `app.post('/upload', function (req, res, next) {
  upload.single('file')(req, res, function (err) {
    if (err) { return res.status(400).json({ error: err.message }); }
    res.json({ name: req.file.originalname });
  });
});`,
    // expression bodies and the conditional operator
    `app.use((req, res, next) => auth(req, res, (err) => (err ? next(err) : next())));`,
    // the response handed on to a controller, or captured by a callback that answers later
    `app.get('/me', (req, res) => {
  session.load(req, res, () => {
    controller.show(req, res);
  });
});`,
    `app.get('/me', (req, res, next) => {
  session.load(req, res, () => {
    db.find(req.user.id, (err, user) => { if (err) return next(err); res.json(user); });
  });
});`,
    // nested continuations: each hands on to the next one, the last calls next
    `app.use((req, res, next) => {
  updateLastSeen(req, res, () => {
    loadBin(req, res, () => {
      if (req.bin) emitter.emit('loaded', req);
      next();
    });
  });
});`,
    // not in tail position: the creator answers after the call
    `app.post('/account/delete', (req, res) => {
  subscriptions.cancel(req, res, function () {
    // nothing to do
    log('cancelled');
  });
  res.redirect('/');
});`,
    `app.use((req, res, next) => {
  cors(req, res, () => { log('cors done'); });
  next();
});`,
    // an empty continuation: the callee is known to answer itself
    `app.get('/', (req, res) => { serveIndex(req, res, () => {}); });`,
    // made in a callback that owes nothing for this response (the handler answers itself)
    `app.get('/', (req, res) => {
  db.touch(req.ip, (err) => {
    cookies(req, res, () => { log(req.cookies); });
  });
  res.end('ok');
});`,
    // made by a helper with more parameters, which owes no answer (its caller may answer after it)
    `function sendPage(req, res, page) {
  templates.load(req, res, () => { log(page); });
}`,
    // the same, answering on every path
    `function staticFiles(req, res, next) {
  fs.stat(file, (err, stat) => {
    if (err) return next(err);
    return serveFile({ url: '/index.html' }, res, (missing) => (missing ? res.sendStatus(404) : next()));
  });
}`,
    // a stream's completion callback after the response is not a continuation: the stream answered
    `app.get('/file', (req, res) => {
  stream.pipeline(fs.createReadStream(file), res, (err) => { if (err) log(err); });
});`,
    // the callback is not in next position
    `app.get('/p', (req, res) => { proxy.web(req, res, { target }, (err) => { log(err); }); res.end(); });`,
    `app.get('/p', (req, res) => { load(req, (err, x) => { log(err); }); res.end(); });`,
    // a guard that the response went out already, or the client left
    `app.use((req, res, next) => {
  staticFiles(req, res, (err) => {
    if (res.headersSent) return;
    if (err) return next(err);
    res.statusCode = 404;
    res.end('not found');
  });
});`,
    `app.use((req, res, next) => {
  serve(req, res, (err) => {
    if (req.aborted) return;
    next(err);
  });
});`,
    // a node:http server that finishes in the continuation
    `http.createServer((req, res) => {
  serve(req, res, finalhandler(req, res));
});`,
    `http.createServer((req, res) => {
  serve(req, res, function onDone(err) {
    res.statusCode = err ? 500 : 404;
    res.end();
  });
});`,
    // a local callee that ends the response on every path itself: the continuation only hears it is done
    `function serveFile(req, res, done) {
  fs.createReadStream(path).pipe(res);
  res.on('finish', done);
}
app.get('/file', (req, res) => { serveFile(req, res, () => { log('sent'); }); });`,
    // a promise executor's resolve hands the request to the awaiting code
    `app.get('/', async (req, res) => {
  await new Promise((resolve) => mw(req, res, () => resolve()));
  res.end('ok');
});`,
  ],
  invalid: [
    // never answers
    {
      code: `app.use((req, res, next) => {
  auth(req, res, () => { console.log('authenticated'); });
});`,
      errors: [never('auth', 2, 21)],
    },
    {
      code: `function middleware(req, res, next) {
  staticMw(req, res, (next2) => { log(req.url); });
}
app.use(middleware);`,
      errors: [never('staticMw', 2, 30)],
    },
    {
      // a member callee, a function expression; the handler has no next
      code: `app.get('/upload', (req, res) => {
  upload.single('file')(req, res, function (err) {
    if (err) return;
    save(req.file);
  });
});`,
      errors: [never("upload.single('file')", 2, 35, WITHOUT_NEXT)],
    },
    // returns on the error without answering: a hang on that path
    {
      code: `app.use(function (req, res, next) {
  serve(req, res, function (err) {
    if (err) { logger.warn(err); return; }
    next();
  });
});`,
      errors: [returnsHere('serve', 3, 34)],
    },
    {
      code: `app.use((req, res, next) => upload(req, res, (err) => {
  if (err) return;
  next();
}));`,
      errors: [returnsHere('upload', 2, 12)],
    },
    {
      // returned call; answers only when there is a user
      code: `app.get('/me', (req, res) => {
  return session.load(req, res, () => {
    if (req.user) res.json(req.user);
  });
});`,
      errors: [reachesEnd('session.load', 4, WITHOUT_NEXT)],
    },
    {
      // in a trailing if, followed by a bare return
      code: `app.use((req, res, next) => {
  if (req.method === 'GET') {
    serveStatic(req, res, () => { if (req.url === '/') res.end('home'); });
    return;
  }
  next();
});`,
      errors: [{ ...reachesEnd('serveStatic', 3), line: 3 }],
    },
    {
      // a continuation inside a continuation owes the answer too
      code: `app.use((req, res, next) => {
  updateLastSeen(req, res, () => {
    loadBin(req, res, () => {
      if (req.bin) emitter.emit('loaded', req);
    });
  });
});`,
      errors: [never('loadBin', 3, 26)],
    },
    {
      // a local callee that answers only when it refuses: otherwise it calls the continuation
      code: `const guard = (req, res, cb) => {
  if (!req.user) return res.sendStatus(401);
  cb();
};
app.get('/a', (req, res) => { guard(req, res, () => { log('allowed'); }); });`,
      errors: [never('guard', 5, 50, WITHOUT_NEXT)],
    },
    {
      // a local wrapper that hands the response and the continuation on still calls it
      code: `function requireJwt(req, res, cb) { passport.authenticate('jwt')(req, res, cb); }
app.get('/b', (req, res) => { requireJwt(req, res, function () { audit(req.user); }); });`,
      errors: [never('requireJwt', 2, 52, WITHOUT_NEXT)],
    },
    {
      // the request rewritten on the way, from a callback that answers elsewhere (a static server's index page)
      code: `function staticFiles(req, res, next) {
  fs.stat(file, (err, stat) => {
    if (err) return next(err);
    if (!stat.isDirectory()) return res.end('file');
    return serveFile({ url: '/index.html', method: req.method }, res, (missing) => {
      if (missing && listing) return renderListing(req, res);
      if (missing) return;
      next();
    });
  });
}`,
      errors: [returnsHere('serveFile', 7, 20)],
    },
    {
      // a handler declared apart, not registered here: `(req, res)` is still a handler
      code: `module.exports = function signout(req, res) {
  session.signout(req, res, function () {
    if (redirect) return res.redirect(redirect);
  });
};`,
      errors: [reachesEnd('session.signout', 4, WITHOUT_NEXT)],
    },
  ],
});

tsTester().run('require-end (continuations, TypeScript)', rule, {
  valid: [
    `import type { Request, Response, NextFunction } from 'express';
export function guard(req: Request, res: Response, next: NextFunction) {
  passportAuth(req, res, (err?: unknown) => {
    if (err) return next(err);
    next();
  });
}`,
  ],
  invalid: [
    {
      code: `import type { Request, Response, NextFunction } from 'express';
export function guard(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.sendStatus(401);
  passportAuth(req, res, (err?: unknown) => {
    if (err) return;
    next();
  });
}`,
      errors: [returnsHere('passportAuth', 5, 14)],
    },
  ],
});
