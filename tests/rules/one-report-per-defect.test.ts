// One defect, one report (issue 14, part 3): an earlier operation that lacks its `return` (the
// origin) is reported once, at the first later operation in source order, naming the origin; the
// addReturn suggestion puts the `return` at the origin. Different origins stay separate reports.
// See `onePerOrigin` in src/analysis/lifecycle-rule.ts. Cases written for this file.
import noDoubleSend from '../../rules/no-double-send.js';
import { testable, jsTester, tsTester, lifecycleError } from './testers.js';

const rule = testable(noDoubleSend);
const js = jsTester();
const ts = tsTester();

type Id = 'mayBeFinished' | 'afterNext' | 'mayBeAfterNext';
const error = lifecycleError<Id>;

/** A `catch` that passes the error on without `return`, then seven answers on exclusive branches. */
const SEVEN_SENDS = `app.post('/orders', async (req, res, next) => {
  let order;
  try {
    order = await Orders.create(req.body);
  } catch (err) {
    next(err);
  }
  if (!order) res.status(404).json({ error: 'not found' });
  else if (order.state === 'draft') res.status(202).json(order);
  else if (order.state === 'held') res.status(409).send('held');
  else if (order.state === 'void') res.sendStatus(410);
  else if (order.paid) res.redirect(\`/orders/\${order.id}\`);
  else if (order.local) res.render('order', { order });
  else res.json(order);
});`;

/** The same defect in a node-style callback, the answers in a switch. */
const SWITCH_IN_CALLBACK = `app.get('/files/:name', (req, res, next) => {
  fs.stat(path.join(root, req.params.name), (err, stat) => {
    if (err) next(err);
    switch (stat.kind) {
      case 'dir': res.redirect(req.path + '/'); break;
      case 'empty': res.sendStatus(204); break;
      case 'link': res.status(409).send('link'); break;
      default: res.sendFile(stat.path);
    }
  });
});`;

/** Two validations without return: two origins, two reports (the second also covers the final answer). */
const TWO_VALIDATIONS = `app.put('/tags', (req, res) => {
  if (!req.body.name) res.status(400).json({ error: 'name' });
  if (!req.body.color) res.status(400).json({ error: 'color' });
  res.json(save(req.body));
});`;

/** A catch's next(e) and a 404 without return: the 404 is next(e)'s report; the later answers are the 404's. */
const CATCH_THEN_VALIDATION = `app.get('/p', async (req, res, next) => {
  let page;
  try { page = await Pages.load(req.query.id); } catch (e) { next(e); }
  if (!page) res.status(404).send('no page');
  if (page.draft) res.status(403).send('draft');
  else res.render('page', { page });
});`;

const BATCH = `app.post('/batch', (req, res) => {
  for (const item of req.body.items) {
    if (!item.id) res.status(400).json({ error: 'id required', item });
  }
  res.json({ ok: true });
});`;

js.run('no-double-send: one report per defect', rule, {
  valid: [],
  invalid: [
    {
      // seven reports before: one now, at the first answer, and the suggestion returns at the origin
      code: SEVEN_SENDS,
      errors: [error('mayBeAfterNext', 8, 'res.json()', 'next(err)', 6, SEVEN_SENDS.replace('    next(err);', '    return next(err);'))],
    },
    {
      code: SWITCH_IN_CALLBACK,
      errors: [
        error('mayBeAfterNext', 5, 'res.redirect()', 'next(err)', 3, SWITCH_IN_CALLBACK.replace('if (err) next(err);', 'if (err) return next(err);')),
      ],
    },
    {
      // the origin in another function: the answers of a `.then` callback that runs after `next()`
      // are one report (no suggestion: the `return` would go in the handler, not the callback)
      code: `app.get('/r', (req, res, next) => {
  load(req.query.id)
    .then((row) => {
      if (!row) res.sendStatus(404);
      else if (row.gone) res.sendStatus(410);
      else res.json(row);
    })
    .catch((err) => next(err));
  next();
});`,
      errors: [error('afterNext', 4, 'res.sendStatus()', 'next()', 9)],
    },
    {
      code: TWO_VALIDATIONS,
      errors: [
        error('mayBeFinished', 3, 'res.json()', 'res.json()', 2, TWO_VALIDATIONS.replace("if (!req.body.name) res", "if (!req.body.name) return res")),
        error('mayBeFinished', 4, 'res.json()', 'res.json()', 3, TWO_VALIDATIONS.replace("if (!req.body.color) res", "if (!req.body.color) return res")),
      ],
    },
    {
      code: CATCH_THEN_VALIDATION,
      errors: [
        error('mayBeAfterNext', 4, 'res.send()', 'next(e)', 3, CATCH_THEN_VALIDATION.replace('{ next(e); }', '{ return next(e); }')),
        error('mayBeFinished', 5, 'res.send()', 'res.send()', 4, CATCH_THEN_VALIDATION.replace("if (!page) res", "if (!page) return res")),
      ],
    },
    {
      // an answer repeated by a loop is its own origin, and its report can offer no `return`: it
      // does not swallow the report of the answer after the loop, which offers it
      code: BATCH,
      errors: [
        error('mayBeFinished', 3, 'res.json()', 'res.json()', 3),
        error('mayBeFinished', 5, 'res.json()', 'res.json()', 3, BATCH.replace('if (!item.id) res', 'if (!item.id) return res')),
      ],
    },
  ],
});

const TYPED_SEVEN_SENDS = `import type { Request, Response, NextFunction } from 'express';
export async function showInvoice(req: Request, res: Response, next: NextFunction): Promise<void> {
  let invoice: Invoice | undefined;
  try {
    invoice = await invoices.find(req.params.id);
  } catch (error: unknown) {
    next(error);
  }
  switch (invoice?.status) {
    case undefined: res.sendStatus(404); break;
    case 'draft': res.status(409).json({ status: 'draft' }); break;
    case 'void': res.status(410).end(); break;
    case 'paid': res.redirect('/paid'); break;
    case 'late': res.status(402).json(invoice); break;
    case 'sent': res.render('invoice', { invoice }); break;
    default: res.json(invoice);
  }
}`;

ts.run('no-double-send: one report per defect (TypeScript)', rule, {
  valid: [],
  invalid: [
    {
      code: TYPED_SEVEN_SENDS,
      errors: [
        error('mayBeAfterNext', 10, 'res.sendStatus()', 'next(error)', 7, TYPED_SEVEN_SENDS.replace('    next(error);', '    return next(error);')),
      ],
    },
  ],
});
