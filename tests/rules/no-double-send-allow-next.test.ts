// no-double-send's `allowNextAfterFinish` (issue 14, class 15): `next()` after a finish is reported
// by default (a later handler such as a 404 page answers again; after `next(err)` Express's final
// handler destroys the socket); with the option a bare `next()` is allowed, `next(err)` never is.
import noDoubleSend from '../../rules/no-double-send.js';
import { testable, jsTester, tsTester, lifecycleError } from './testers.js';

const rule = testable(noDoubleSend);
const js = jsTester();
const ts = tsTester();

const error = lifecycleError<'nextAfterFinish' | 'nextMayBeAfterFinish'>;
const allow = [{ allowNextAfterFinish: true }];

const JSON_THEN_NEXT = `app.use((req, res, next) => {
  res.json(stats);
  next();
});`;
const IN_CALLBACK = `app.use((req, res, next) => {
  cache.get(req.url, (err, hit) => {
    res.send(hit);
    next();
  });
});`;
const END_THEN_NEXT = `app.use((req, res, next) => {
  res.end();
  next();
});`;
const MAYBE = `app.use((req, res, next) => {
  if (req.query.ping) res.sendStatus(204);
  next();
});`;
const LATER_CALLBACK = `app.use((req, res, next) => {
  res.json(report);
  audit.write(req, () => next());
});`;
const ERR_AFTER_JSON = `app.use((req, res, next) => {
  res.json(stats);
  next(err);
});`;
const ERR_IN_CALLBACK = `app.use((req, res, next) => {
  res.status(202).send('queued');
  queue.push(job, (err) => {
    if (err) next(err);
  });
});`;

js.run('no-double-send: allowNextAfterFinish', rule, {
  valid: [
    { code: JSON_THEN_NEXT, options: allow },
    { code: IN_CALLBACK, options: allow },
    { code: END_THEN_NEXT, options: allow },
    { code: MAYBE, options: allow },
    { code: LATER_CALLBACK, options: allow },
    { code: `router.get('/t', function (req, res, next) { res.redirect('/home'); return next(); });`, options: allow },
  ],
  invalid: [
    // next(err) after a finish stays reported with the option
    { code: ERR_AFTER_JSON, options: allow, errors: [error('nextAfterFinish', 3, 'next(err)', 'res.json()', 2, ERR_AFTER_JSON.replace('  res.json(stats);', '  return res.json(stats);'))] },
    { code: ERR_IN_CALLBACK, options: allow, errors: [error('nextAfterFinish', 4, 'next(err)', 'res.send()', 2)] },
    {
      code: `app.use(async (req, res, next) => { if (cached) res.send(cached); next(new Error('late')); });`,
      options: allow,
      errors: [error('nextMayBeAfterFinish', 1, 'next()', 'res.send()', 1, `app.use(async (req, res, next) => { if (cached) return res.send(cached); next(new Error('late')); });`)],
    },
    // without the option a bare next() after a finish is reported, in every spelling above
    { code: JSON_THEN_NEXT, errors: [error('nextAfterFinish', 3, 'next()', 'res.json()', 2, JSON_THEN_NEXT.replace('  res.json(stats);', '  return res.json(stats);'))] },
    { code: IN_CALLBACK, errors: [error('nextAfterFinish', 4, 'next()', 'res.send()', 3, IN_CALLBACK.replace('    res.send(hit);', '    return res.send(hit);'))] },
    { code: END_THEN_NEXT, errors: [error('nextAfterFinish', 3, 'next()', 'res.end()', 2, END_THEN_NEXT.replace('  res.end();', '  return res.end();'))] },
    { code: MAYBE, errors: [error('nextMayBeAfterFinish', 3, 'next()', 'res.sendStatus()', 2, MAYBE.replace('if (req.query.ping) res', 'if (req.query.ping) return res'))] },
    { code: LATER_CALLBACK, errors: [error('nextAfterFinish', 3, 'next()', 'res.json()', 2)] },
    { code: JSON_THEN_NEXT, options: [{ allowNextAfterFinish: false }], errors: [error('nextAfterFinish', 3, 'next()', 'res.json()', 2, JSON_THEN_NEXT.replace('  res.json(stats);', '  return res.json(stats);'))] },
  ],
});

ts.run('no-double-send: allowNextAfterFinish (TypeScript)', rule, {
  valid: [
    {
      code: `import type { Request, Response, NextFunction } from 'express';
export function timed(req: Request, res: Response, next: NextFunction): void { res.json({ ok: true }); next(); }`,
      options: allow,
    },
  ],
  invalid: [
    {
      code: `import type { Request, Response, NextFunction } from 'express';
export function timed(req: Request, res: Response, next: NextFunction): void { res.json({ ok: true }); next(new Error('x')); }`,
      options: allow,
      errors: [
        error('nextAfterFinish', 2, 'next()', 'res.json()', 2, `import type { Request, Response, NextFunction } from 'express';
export function timed(req: Request, res: Response, next: NextFunction): void { return res.json({ ok: true }); next(new Error('x')); }`),
      ],
    },
  ],
});
