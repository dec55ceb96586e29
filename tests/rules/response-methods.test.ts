/**
 * `this` in response methods (issue 15, point 2): functions that Node, Express and the code that
 * extends them define on a response's prototype, where the response is `this`, not a parameter.
 * Each method starts from a fresh response; calls to the response's other methods count as the
 * lifecycle model says (`this.json(x)` finishes it); `require-end` does not check these methods.
 */
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, stateError, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();

const { head, write, twice } = stateError;

js.run('no-header-after-send (this in response methods)', testable(noHeaderAfterSend), {
  valid: [
    // a method starts fresh: headers before its own send are fine
    `const http = require('http');
http.ServerResponse.prototype.sendJson = function (body) {
  this.setHeader('Content-Type', 'application/json');
  this.statusCode = 200;
  this.end(JSON.stringify(body));
};`,
    // Express's own pattern: json() sets a header, then hands over to send() (a finisher in the model)
    `const http = require('http');
const res = Object.create(http.ServerResponse.prototype);
module.exports = res;
res.json = function json(obj) {
  if (!this.get('Content-Type')) this.set('Content-Type', 'application/json');
  return this.send(JSON.stringify(obj));
};`,
    // guarded by the response's own state
    `import { ServerResponse } from 'node:http';
class SafeResponse extends ServerResponse {
  fail(status) {
    if (this.headersSent) return this.destroy();
    this.statusCode = status;
    this.end();
  }
}`,
    // a nested ordinary function has its own this
    `const http = require('http');
http.ServerResponse.prototype.later = function () {
  this.end('done');
  emitter.on('x', function () { this.setHeader('a', '1'); });
};`,
    // not a response class: a Writable of the file, a class from another module, a local constructor
    `import { Writable } from 'node:stream';
class Sink extends Writable { close() { this.end('a'); this.setHeader('b', '1'); } }`,
    `import { ServerResponse } from './my-http';
class Mine extends ServerResponse { close() { this.end('a'); this.setHeader('b', '1'); } }`,
    `function Reply() {}
Reply.prototype.close = function () { this.end('a'); this.setHeader('b', '1'); };`,
    // a static method's this is the class
    `import { ServerResponse } from 'http';
class R extends ServerResponse { static make() { this.end('a'); this.setHeader('b', '1'); } }`,
  ],
  invalid: [
    {
      code: `const http = require('http');
http.ServerResponse.prototype.sendJson = function (body) {
  this.end(JSON.stringify(body));
  this.setHeader('X-Late', '1');
};`,
      errors: [head(4, 'this.setHeader()', 'this.end()', 3)],
    },
    {
      // OutgoingMessage, reached through require() inline
      code: `require('http').OutgoingMessage.prototype.close = function () {
  this.end();
  this.statusCode = 500;
};`,
      errors: [head(3, 'this.statusCode = …', 'this.end()', 2)],
    },
    {
      // a class that extends ServerResponse through another class of the file
      code: `import * as http from 'node:http';
class JsonResponse extends http.ServerResponse {}
class ApiResponse extends JsonResponse {
  problem(detail) {
    this.json(detail);
    this.status(500);
  }
}`,
      errors: [head(6, 'this.status()', 'this.json()', 5)],
    },
    {
      // Express's res: an object built on ServerResponse.prototype; send may already have finished
      code: `var http = require('http');
var res = Object.create(http.ServerResponse.prototype);
module.exports = res;
res.send = function send(body) {
  if (typeof body === 'object') this.json(body);
  this.set('Content-Length', String(body.length));
  this.end(body);
};`,
      errors: [head(6, 'this.set()', 'this.json()', 5, 'headMayBeAfterSend')],
    },
    {
      // an object literal with __proto__, method shorthand
      code: `const { ServerResponse } = require('http');
module.exports = {
  __proto__: ServerResponse.prototype,
  redirectHome() {
    this.redirect('/');
    this.cookie('seen', '1');
  },
};`,
      errors: [head(6, 'this.cookie()', 'this.redirect()', 5)],
    },
    {
      // Express's documented extension point
      code: `const express = require('express');
express.response.sendOk = function () {
  this.json({ ok: true });
  this.status(200);
};`,
      errors: [head(4, 'this.status()', 'this.json()', 3)],
    },
  ],
});

js.run('no-double-send (this in response methods)', testable(noDoubleSend), {
  valid: [
    `const http = require('http');
const res = Object.create(http.ServerResponse.prototype);
res.send = function (body) {
  if (typeof body === 'object') return this.json(body);
  this.end(body);
};`,
    // an unknown method of the object is other code: nothing is known after it
    `import { ServerResponse } from 'http';
class R extends ServerResponse { done() { this.flushAll(); this.end(); } }`,
  ],
  invalid: [
    {
      // an arrow function inherits this: the query callback runs after end()
      code: `import { ServerResponse } from 'node:http';
class ListResponse extends ServerResponse {
  list(sql) {
    db.query(sql, (err, rows) => this.json(rows));
    this.end();
  }
}`,
      errors: [twice(4, 'this.json()', 'this.end()', 5)],
    },
    {
      // var self = this, used in an ordinary callback
      code: `const http = require('http');
http.ServerResponse.prototype.list = function (sql) {
  var self = this;
  db.query(sql, function (err, rows) { self.json(rows); });
  self.end();
};`,
      errors: [twice(4, 'self.json()', 'self.end()', 5)],
    },
    {
      // function () {…}.bind(this) sees the same this
      code: `const http = require('http');
http.ServerResponse.prototype.list = function (sql) {
  db.query(sql, function (err, rows) { this.json(rows); }.bind(this));
  this.end();
};`,
      errors: [twice(3, 'this.json()', 'this.end()', 4)],
    },
    {
      code: `const http = require('http');
const res = Object.create(http.ServerResponse.prototype);
res.sendError = function (err) {
  this.status(500).json({ message: err.message });
  this.sendStatus(500);
};`,
      errors: [
        twice(5, 'this.sendStatus()', 'this.json()', 4, `const http = require('http');
const res = Object.create(http.ServerResponse.prototype);
res.sendError = function (err) {
  return this.status(500).json({ message: err.message });
  this.sendStatus(500);
};`),
      ],
    },
  ],
});

js.run('no-write-after-end (this in response methods)', testable(noWriteAfterEnd), {
  valid: [
    `var http = require('http');
var res = module.exports = { __proto__: http.ServerResponse.prototype };
res.send = function (chunk) {
  if (this.req.method === 'HEAD') {
    this.end();
  } else {
    this.end(chunk);
  }
};`,
    `import { ServerResponse } from 'node:http';
class Streamed extends ServerResponse {
  stream(chunks) { for (const c of chunks) this.write(c); this.end(); }
}`,
    `import { ServerResponse } from 'node:http';
class Streamed extends ServerResponse {
  tail(chunk) { if (this.writableEnded) return; this.write(chunk); }
}`,
  ],
  invalid: [
    {
      code: `import { ServerResponse } from 'node:http';
class Streamed extends ServerResponse {
  finish(last) {
    this.end();
    this.write(last);
  }
}`,
      errors: [write(5, 'this.write()', 'this.end()', 4)],
    },
    {
      // the prototype object is also what the module exports; HEAD falls through to the second end
      code: `var http = require('http');
var res = module.exports = { __proto__: http.ServerResponse.prototype };
res.send = function (chunk) {
  if (this.req.method === 'HEAD') {
    this.end();
  }
  this.end(chunk);
};`,
      errors: [write(7, 'this.end()', 'this.end()', 5, 'writeMayBeAfterEnd')],
    },
    {
      // restify's spelling: a local name for the class
      code: `var http = require('http');
var Response = http.ServerResponse;
Response.prototype.close = function (body) {
  this.end();
  this.write(body);
};`,
      errors: [write(5, 'this.write()', 'this.end()', 4)],
    },
  ],
});

js.run('require-end (this in response methods)', testable(requireEnd), {
  valid: [
    // which code calls a response method, and whether it answers, is outside the method
    `const http = require('http');
const res = Object.create(http.ServerResponse.prototype);
res.maybeEnd = function (done) { if (done) this.end(); };`,
    `import { ServerResponse } from 'http';
class R extends ServerResponse { stop(x) { if (x) { this.json(x); return; } } }`,
  ],
  invalid: [],
});

ts.run('no-header-after-send (this in response methods, TypeScript)', testable(noHeaderAfterSend), {
  valid: [
    `import { ServerResponse } from 'node:http';
export class TypedResponse extends ServerResponse {
  json(body: unknown): void { this.setHeader('Content-Type', 'application/json'); this.end(JSON.stringify(body)); }
}`,
  ],
  invalid: [
    {
      code: `import { ServerResponse } from 'node:http';
export class TypedResponse extends ServerResponse {
  json(body: unknown): void {
    (this as ServerResponse).end(JSON.stringify(body));
    this.setHeader('Content-Type', 'application/json');
  }
}`,
      errors: [head(5, 'this.setHeader()', 'this.end()', 4)],
    },
  ],
});
