// What the rules learn from the project around a file (issue 15, point 7):
// - require-end's Express 4 async-rejection check turns itself on ('auto', the default) when the
//   nearest package.json depends on Express below 5 and on no package patching it globally
//   (src/project/express4-project.ts); `true`/`false` still force it;
// - awaits that cannot reject do not count (src/require-end/safe-awaits.ts);
// - helpers from other modules named like an error status may finish the response they are given
//   (src/analysis/responder-names.ts).
import path from 'node:path';
import noDoubleSend from '../../rules/no-double-send.js';
import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, lifecycleError } from './testers.js';

const js = jsTester();

/** A file in a fixture project of tests/fixtures/manifests (the file itself need not exist). */
const inProject = (project: string, file = 'src/routes.js') => path.join(import.meta.dirname, '../fixtures/manifests', project, file);

const rejects = (line: number, operation: string, at: number) => ({
  messageId: 'asyncRejectionHangs' as const,
  line,
  data: { operation, line: at },
});

const HANDLER = `app.get('/users/:id', async (req, res) => {
  const user = await db.findUser(req.params.id);
  res.json(user);
});`;
const HANDLER_REPORT = [rejects(1, 'await db.findUser(req.params.id)', 2)];

js.run('require-end: Express 4 detected from package.json', testable(requireEnd), {
  valid: [
    // Express 5 forwards rejections itself
    { code: HANDLER, filename: inProject('express5') },
    // a global patch in the same package.json
    { code: HANDLER, filename: inProject('express4-patched') },
    // `*` could be Express 5; no express at all; an invalid package.json: nothing is known
    { code: HANDLER, filename: inProject('any-version') },
    { code: HANDLER, filename: inProject('no-express') },
    { code: HANDLER, filename: inProject('invalid') },
    // no directory to look in (RuleTester's default name, virtual names)
    HANDLER,
    { code: HANDLER, filename: 'routes.js' },
    // forced off in an Express 4 project
    { code: HANDLER, filename: inProject('express4'), options: [{ express4AsyncRejections: false }] },
    // a per-handler wrapper catches: only the handlers given to it are left alone
    {
      code: `const asyncHandler = require('express-async-handler');
app.get('/users/:id', asyncHandler(async (req, res) => { res.json(await db.findUser(req.params.id)); }));`,
      filename: inProject('express4-handler-wrapper'),
    },
    // caught, or handed to next
    {
      code: `app.get('/users/:id', async (req, res, next) => {
  try { res.json(await db.findUser(req.params.id)); } catch (error) { next(error); }
});`,
      filename: inProject('express4'),
    },
    { code: `router.get('/a', async (req, res, next) => { res.json(await load().catch(next)); });`, filename: inProject('express4') },
  ],
  invalid: [
    { code: HANDLER, filename: inProject('express4'), errors: HANDLER_REPORT },
    // a folder whose package.json only sets the module format is governed by the one above
    { code: HANDLER, filename: inProject('express4', 'lib/esm/routes.js'), errors: HANDLER_REPORT },
    // peerDependencies before devDependencies; a range admitting 4 and 5
    { code: HANDLER, filename: inProject('express4-peer'), errors: HANDLER_REPORT },
    { code: HANDLER, filename: inProject('either'), errors: HANDLER_REPORT },
    // the per-handler wrapper covers only what goes through it
    { code: HANDLER, filename: inProject('express4-handler-wrapper'), errors: HANDLER_REPORT },
    // the old booleans: forced on anywhere
    { code: HANDLER, filename: inProject('express5'), options: [{ express4AsyncRejections: true }], errors: HANDLER_REPORT },
    { code: HANDLER, options: [{ express4AsyncRejections: true }], errors: HANDLER_REPORT },
    {
      code: `router.param('id', async (req, res, next, id) => {
  if (!id) throw new Error('id');
  next();
});`,
      filename: inProject('express4'),
      errors: [rejects(1, 'throw', 2)],
    },
  ],
});

js.run('require-end: awaits that cannot reject', testable(requireEnd), {
  valid: [
    // express-validator records failed validations on the request
    {
      code: `const { body, check, validationResult } = require('express-validator');
app.post('/signup', async (req, res) => {
  await check('email').isEmail().run(req);
  await body('password').isLength({ min: 8 }).run(req);
  if (!validationResult(req).isEmpty()) return res.status(400).json(validationResult(req).array());
  res.redirect('/');
});`,
      filename: inProject('express4'),
    },
    // a method of the same class, or a local function, that catches everything itself
    {
      code: `class DeviceApi {
  async devices() { return [...this.table.values()]; }
  async load(id) { try { return await this.store.get(id); } catch { return undefined; } }
  routes(app) {
    app.get('/devices', async (req, res) => { res.json(await this.devices()); });
    app.get('/devices/:id', async (req, res) => { res.json((await this.load(req.params.id)) ?? null); });
    app.get('/types/:id', async (req, res) => { res.json(await DeviceApi.typeOf(req.params.id)); });
  }
  static async typeOf(id) { try { return await detect(id); } catch { return null; } }
}`,
      filename: inProject('express4'),
    },
    {
      code: `async function settings() { return { theme: 'dark' }; }
const safeRead = async (p) => { try { return await fs.promises.readFile(p, 'utf8'); } catch { return ''; } };
app.get('/settings', async (req, res) => { res.json({ ...(await settings()), motd: await safeRead('motd.txt') }); });`,
      filename: inProject('express4'),
    },
  ],
  invalid: [
    {
      // the same-class method can reject
      code: `class Api {
  async load(id) { return await this.store.get(id); }
  routes(app) { app.get('/x/:id', async (req, res) => { res.json(await this.load(req.params.id)); }); }
}`,
      filename: inProject('express4'),
      errors: [rejects(3, 'await this.load(req.params.id)', 3)],
    },
    {
      // a local function that is not async may throw (or return a promise that rejects)
      code: `function fetchUser(id) { return db.users.find(id); }
app.get('/u/:id', async (req, res) => { res.json(await fetchUser(req.params.id)); });`,
      filename: inProject('express4'),
      errors: [rejects(2, 'await fetchUser(req.params.id)', 2)],
    },
    {
      // \`body\` that is not express-validator's
      code: `app.post('/p', async (req, res) => { await body(req).run(req); res.end(); });`,
      filename: inProject('express4'),
      errors: [rejects(1, 'await body(req).run(req)', 1)],
    },
  ],
});

type Id = 'mayBeFinished' | 'alreadyFinished';
const afterStatus = (call: string, imports = `import { badRequest, notFound, serverError, tooManyRequests } from './http.js';`) =>
  `${imports}
app.get('/a', (req, res) => {
  if (req.query.bad) ${call};
  res.json(1);
});`;

/** The helper on line 3 may have answered, then `res.json()` on line 4: the missing `return`. */
const statusCase = (call: string, display: string, imports?: string) => {
  const code = afterStatus(call, imports);
  return { code, errors: [lifecycleError<Id>('mayBeFinished', 4, 'res.json()', display, 3, code.replace(call, `return ${call}`))] };
};

js.run('no-double-send: helpers named like an error status', testable(noDoubleSend), {
  valid: [
    afterStatus(`return badRequest(res, 'bad')`),
    `import { notFound } from './http.js'; app.get('/a', async (req, res) => { const u = await find(req.params.id); if (!u) { notFound(res); return; } res.json(u); });`,
    `import { serverError } from './http.js'; app.get('/a', async (req, res) => { try { res.json(await find()); } catch (err) { serverError(res, err); } });`,
    // a local helper's own body decides (it only marks the response)
    `function notFound(res) { res.locals.missing = true; }
app.get('/a', (req, res) => { if (!req.query.id) notFound(res); res.json(1); });`,
    // not a status name, or a success name (\`assert.ok(res)\`)
    afterStatus(`isNotFound(res)`),
    afterStatus(`assert.ok(res)`),
    afterStatus(`checkForbidden(res)`),
  ],
  invalid: [
    statusCase(`badRequest(res, 'bad')`, 'badRequest()'),
    statusCase(`http.bad_request(req, res, 'bad')`, 'http.bad_request()', `import * as http from './responses.js';`),
    statusCase(`responses.notFound(res)`, 'responses.notFound()', `const responses = require('./responses');`),
    statusCase(`serverError(res, new Error('x'))`, 'serverError()'),
    statusCase(`unauthorized(res)`, 'unauthorized()', `import { unauthorized } from './auth.js';`),
    statusCase(`this.forbidden(res)`, 'this.forbidden()', ``),
    statusCase(`tooManyRequests(res)`, 'tooManyRequests()'),
    statusCase(`internalServerErrorResponse(res, 'x')`, 'internalServerErrorResponse()', `import { internalServerErrorResponse } from './replies.js';`),
  ],
});
