/**
 * Overrides of a response's own methods (`res.end = function (…) {…}` with the original saved in
 * `const end = res.end`, `res.end.bind(res)` or `const { end } = res`): calls of the saved original
 * are the response's method (src/analysis/saved-originals.ts), and an override of `end` or
 * `writeHead` must hand over to it on every path (src/require-end/overrides.ts).
 */
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { jsTester, lifecycleError, testable, tsTester } from './testers.js';

const js = jsTester();
const ts = tsTester();

const override = (line: number, target: string, method: string) => ({
  messageId: 'someNotRespond' as const,
  line,
  data: {
    handler: `This override of \`${target}\``,
    exit: 'returns here',
    unanswered: `calls the original \`${method}\``,
    remedy: `Call the original \`${method}\` saved before the override (e.g. \`${method}.apply(this, arguments)\`)`,
  },
});

js.run('require-end: overrides of res.end and res.writeHead hand over to the original', testable(requireEnd), {
  valid: [
    // every path calls the original
    `app.use((req, res, next) => {
  const end = res.end;
  res.end = function (chunk, encoding) {
    log(req.url);
    return end.call(this, chunk, encoding);
  };
  next();
});`,
    // an ended flag: the second call returns at once (the first one ended it)
    `app.use(function (req, res, next) {
  var _end = res.end;
  var ended = false;
  res.end = function end(chunk, encoding) {
    if (ended) return false;
    ended = true;
    return _end.call(res, chunk, encoding);
  };
  next();
});`,
    // returning what another stream's end() returns: that stream ends the response (compression)
    `app.use(function (req, res, next) {
  var _end = res.end;
  var stream;
  res.end = function (chunk) {
    if (!stream) return _end.call(this, chunk);
    return stream.end(chunk);
  };
  next();
});`,
    // an override that never calls the original delegates in a way the analysis cannot follow
    `app.use((req, res, next) => {
  res.end = (chunk) => { gzip.end(chunk); };
  next();
});`,
    // bound copy
    `app.use((req, res, next) => {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (...args) => {
    res.setHeader('X-Request-Id', req.id);
    return writeHead(...args);
  };
  next();
});`,
    // write owes nothing: end() still comes
    `app.use((req, res, next) => {
  const write = res.write;
  res.write = function (chunk) {
    if (!chunk) return true;
    return write.apply(this, arguments);
  };
  next();
});`,
  ],
  invalid: [
    {
      // connect's session middleware before its fix: no session, no head, the client waits
      code: `app.use(function (req, res, next) {
  var writeHead = res.writeHead;
  res.writeHead = function () {
    if (!req.session) return;
    res.setHeader('Set-Cookie', serialize(req.session));
    writeHead.apply(res, arguments);
  };
  next();
});`,
      errors: [override(4, 'res.writeHead', 'writeHead')],
    },
    {
      code: `app.use((req, res, next) => {
  const { end: origEnd } = res;
  res.end = function (...args) {
    if (req.method === 'HEAD') return;
    origEnd.apply(res, args);
  };
  next();
});`,
      errors: [override(4, 'res.end', 'end')],
    },
    {
      code: `function timing(req, response, next) {
  const end = response.end.bind(response);
  response.end = (chunk) => {
    if (!chunk) {
      return;
    }
    end(chunk);
  };
  next();
}
app.use(timing);`,
      errors: [override(5, 'response.end', 'end')],
    },
  ],
});

js.run('no-header-after-send: the saved original sends the head', testable(noHeaderAfterSend), {
  valid: [
    // on-headers idiom: headers before the original writeHead
    `app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (status, headers) {
    res.setHeader('X-Response-Time', elapsed());
    return writeHead.apply(this, arguments);
  };
  next();
});`,
  ],
  invalid: [
    {
      code: `app.use((req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (status, headers) {
    writeHead.apply(this, arguments);
    res.setHeader('X-Response-Time', elapsed());
  };
  next();
});`,
      errors: [lifecycleError('headAfterSend', 5, 'res.setHeader()', 'writeHead.apply()', 4, undefined, 'no-header-after-send')],
    },
    {
      code: `app.use(function (req, res, next) {
  var _end = res.end;
  res.end = function (chunk, encoding) {
    _end.call(this, chunk, encoding);
    res.statusCode = 200;
  };
  next();
});`,
      errors: [lifecycleError('headAfterSend', 5, 'res.statusCode = …', '_end.call()', 4, undefined, 'no-header-after-send')],
    },
  ],
});

js.run('no-write-after-end: the saved original ends the response', testable(noWriteAfterEnd), {
  valid: [
    `app.use((req, res, next) => {
  const end = res.end;
  const write = res.write;
  res.end = function (chunk) {
    if (chunk) write.call(this, chunk);
    return end.call(this);
  };
  next();
});`,
  ],
  invalid: [
    {
      code: `app.use((req, res, next) => {
  const end = res.end;
  const write = res.write;
  res.end = function (chunk) {
    end.call(this);
    write.call(this, chunk);
  };
  next();
});`,
      errors: [lifecycleError('writeAfterEnd', 6, 'write.call()', 'end.call()', 5, undefined, 'no-write-after-end')],
    },
  ],
});

ts.run('require-end: a typed override', testable(requireEnd), {
  valid: [
    `import type { Request, Response, NextFunction } from 'express';
export function session(req: Request, res: Response, next: NextFunction): void {
  const end = res.end;
  res.end = function (this: Response, ...args: any[]) {
    return end.apply(this, args as never);
  } as never;
  next();
}`,
  ],
  invalid: [
    {
      code: `import type { Request, Response, NextFunction } from 'express';
export function session(req: Request, res: Response, next: NextFunction): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: any[]) {
    if (!req.session) return;
    return writeHead.apply(this, args as never);
  } as never;
  next();
}`,
      errors: [override(5, 'res.writeHead', 'writeHead')],
    },
  ],
});
