/**
 * Response wrappers (issue 15, point 8): a server response held in a property. `this.res` counts
 * where the class (or constructor function) stores a handler's response in it or declares it with
 * a response type; Fastify's `reply.raw` in a `(request, reply)` handler; Koa's `ctx.res` in
 * `(ctx, next)` middleware. Elsewhere `x.res` is as often an HTTP client's response: left alone.
 */
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, stateError, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();

const { head, write, twice } = stateError;

js.run('no-double-send (response wrappers)', testable(noDoubleSend), {
  valid: [
    // an HTTP client's response in a property: the constructor is not given a server response
    `class Fetcher {
  constructor(url) { this.url = url; this.res = null; }
  done() { this.res.end('a'); this.res.end('b'); this.res.json(); this.res.json(); }
}`,
    `got(url).then((out) => { out.res.json(); out.res.json(); });`,
    // Koa middleware that takes only ctx, and a Hono file whose ctx.res is a fetch Response
    `router.get('/', async (ctx) => { ctx.res.json(); ctx.res.json(); });`,
    `import { Hono } from 'hono';
const app = new Hono();
app.use(async (ctx, next) => { await next(); ctx.res.json(); ctx.res.json(); });`,
    // .raw of something that is not a Fastify reply
    `app.get('/', (req, res) => { res.raw.json(); res.raw.json(); res.end(); });`,
    // a wrapper method starts fresh: another method's send is not known here
    `function View(req, res) { this.req = req; this.res = res; }
View.prototype.render = function (name) { this.res.render(name); };
View.prototype.fail = function () { this.res.status(500).send('error'); };`,
  ],
  invalid: [
    {
      // a constructor function keeps the handler's response; its prototype methods use it
      code: `function View(req, res) {
  this.req = req;
  this.res = res;
}
View.prototype.render = function (name, locals) {
  var res = this.res;
  this.res.render(name, locals);
  res.redirect('/');
};`,
      errors: [
        twice(8, 'res.redirect()', 'this.res.render()', 7, `function View(req, res) {
  this.req = req;
  this.res = res;
}
View.prototype.render = function (name, locals) {
  var res = this.res;
  return this.res.render(name, locals);
  res.redirect('/');
};`),
      ],
    },
    {
      // a class: an arrow function in a method sees the same this.res, after the method's end()
      code: `class Page {
  constructor(req, res) { this.res = res; }
  load(sql) {
    db.query(sql, (err, rows) => this.res.json(rows));
    this.res.end();
  }
}`,
      errors: [twice(4, 'this.res.json()', 'this.res.end()', 5)],
    },
  ],
});

js.run('no-header-after-send (response wrappers)', testable(noHeaderAfterSend), {
  valid: [
    `class Responder {
  constructor(req, res) { this.res = res; }
  send(body) { if (!this.res.headersSent) this.res.statusCode = 200; this.res.end(body); }
  fail() { if (this.res.headersSent) return; this.res.statusCode = 500; this.res.end(); }
}`,
    `fastify.get('/', async (request, reply) => {
  if (!reply.raw.headersSent) reply.raw.setHeader('x', '1');
  reply.raw.end();
});`,
  ],
  invalid: [
    {
      code: `class Responder {
  constructor(req, res) { this.res = res; }
  send(body) {
    this.res.end(body);
    this.res.setHeader('X-Late', '1');
  }
}`,
      errors: [head(5, 'this.res.setHeader()', 'this.res.end()', 4)],
    },
    {
      code: `fastify.get('/', async (request, reply) => {
  reply.raw.end('x');
  reply.raw.writeHead(200);
});`,
      errors: [head(3, 'reply.raw.writeHead()', 'reply.raw.end()', 2)],
    },
    {
      code: `router.get('/file', async (context, next) => {
  context.res.write('x');
  context.res.statusCode = 206;
  context.res.end();
});`,
      errors: [head(3, 'context.res.statusCode = …', 'context.res.write()', 2)],
    },
  ],
});

js.run('no-write-after-end (response wrappers)', testable(noWriteAfterEnd), {
  valid: [
    `class Sse {
  constructor(req, res) { this.res = res; }
  push(data) { if (this.res.writableEnded) return; this.res.write(data); }
}`,
  ],
  invalid: [
    {
      // Fastify: the Node response under the reply; a hook's callback runs after the hook's end()
      code: `fastify.addHook('onRequest', (req, reply, done) => {
  db.get(req.id, (err, row) => { reply.raw.end(JSON.stringify(row)); });
  reply.raw.end();
  done();
});`,
      errors: [write(2, 'reply.raw.end()', 'reply.raw.end()', 3)],
    },
    {
      // Koa: ctx.res is Node's response
      code: `app.use(async (ctx, next) => {
  ctx.res.end('bypass');
  ctx.res.write('more');
});`,
      errors: [write(3, 'ctx.res.write()', 'ctx.res.end()', 2)],
    },
    {
      code: `class Sse {
  constructor(req, res) { this.res = res; }
  close(last) {
    this.res.end();
    this.res.write(last);
  }
}`,
      errors: [write(5, 'this.res.write()', 'this.res.end()', 4)],
    },
  ],
});

js.run('require-end (response wrappers)', testable(requireEnd), {
  valid: [
    // Koa answers for the middleware (ctx.body) unless ctx.res was ended: not require-end's business
    `app.use(async (ctx, next) => {
  if (ctx.path === '/raw') { ctx.res.end('raw'); return; }
  await next();
});`,
    `fastify.get('/', (request, reply) => { if (request.query.raw) { reply.raw.end('x'); return; } return { ok: true }; });`,
  ],
  invalid: [],
});

ts.run('no-header-after-send (typed response wrappers)', testable(noHeaderAfterSend), {
  valid: [
    // typed as something else
    `import type { IncomingMessage } from 'node:http';
class Proxy {
  constructor(private readonly res: IncomingMessage) {}
  read() { this.res.end('a'); this.res.setHeader('b', '1'); }
}`,
  ],
  invalid: [
    {
      // a class field typed with Node's response
      code: `import type { ServerResponse } from 'node:http';
class Writer {
  private res!: ServerResponse;
  close(): void {
    this.res.end();
    this.res.setHeader('a', '1');
  }
}`,
      errors: [head(6, 'this.res.setHeader()', 'this.res.end()', 5)],
    },
    {
      // a parameter property typed with Express's response
      code: `import type { Response } from 'express';
export class Reply {
  constructor(private readonly res: Response) {}
  ok(body: unknown): void {
    this.res.json(body);
    this.res.status(200);
  }
}`,
      errors: [head(6, 'this.res.status()', 'this.res.json()', 5)],
    },
    {
      // Fastify's reply type, under any parameter names
      code: `import type { FastifyReply, FastifyRequest } from 'fastify';
export async function handler(_: FastifyRequest, r: FastifyReply) {
  r.raw.end('x');
  r.raw.setHeader('a', '1');
}`,
      errors: [head(4, 'r.raw.setHeader()', 'r.raw.end()', 3)],
    },
    {
      // Koa's context type
      code: `import type { ParameterizedContext } from 'koa';
export async function raw(c: ParameterizedContext) {
  c.res.end('x');
  c.res.statusCode = 500;
}`,
      errors: [head(4, 'c.res.statusCode = …', 'c.res.end()', 3)],
    },
  ],
});
