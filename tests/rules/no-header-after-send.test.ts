import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import { testable, jsTester, lifecycleError } from './testers.js';

const rule = testable(noHeaderAfterSend);

const js = jsTester();

type Id = 'headAfterSend' | 'headMayBeAfterSend';

const error = (messageId: Id, line: number, operation: string, first: string, firstLine: number, suggestion?: string) =>
  lifecycleError(messageId, line, operation, first, firstLine, suggestion, 'no-header-after-send');

js.run('no-header-after-send', rule, {
  valid: [
    // head mutations in a chain before the finish
    `app.get('/', (req, res) => { res.status(201).set('X-A', '1').type('json').send('{}'); });`,
    `http.createServer((req, res) => { res.statusCode = 200; res.setHeader('a', 'b'); res.writeHead(200).end('x'); });`,
    // reads and trailers after the head
    `http.createServer((req, res) => { res.write('a'); res.getHeader('a'); res.addTrailers({ t: '1' }); res.end(); });`,
    // guards
    `app.use((err, req, res, next) => { if (!res.headersSent) { res.status(500); } res.end(); });`,
    `app.get('/', (req, res) => { res.write('x'); if (res.headersSent) return res.end(); res.status(500).end(); });`,
    // 1xx before the head
    `http.createServer((req, res) => { res.writeContinue(); res.writeHead(200); res.end(); });`,
    // not a response
    `fetch(u).then((res) => { res.headers.set('a', 'b'); });`,
    `function f(a, res) { res.end(); res.setHeader('x', 'y'); }`,
    // definiteOnly
    { code: `app.get('/', (req, res) => { if (a) res.write('x'); res.status(404); res.end(); });`, options: [{ definiteOnly: true }] },
  ],
  invalid: [
    {
      code: `app.get('/report', (req, res) => {
  res.send('ready');
  res.set('X-Report-Id', '42');
});`,
      errors: [
        // moved before the send, not `return res.send()` (that would drop the header unseen)
        error('headAfterSend', 3, 'res.set()', 'res.send()', 2, `app.get('/report', (req, res) => {
  res.set('X-Report-Id', '42');
  res.send('ready');
});`),
      ],
    },
    {
      code: `http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.setHeader('X-Late', 'yes');
  res.end('ok');
});`,
      errors: [
        error('headAfterSend', 3, 'res.setHeader()', 'res.writeHead()', 2, `http.createServer((req, res) => {
  res.setHeader('X-Late', 'yes');
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('ok');
});`),
      ],
    },
    {
      code: `http.createServer((req, res) => {
  res.flushHeaders();
  res.writeHead(200);
  res.end();
});`,
      // no suggestion: flushHeaders after writeHead would be the same bug the other way round
      errors: [error('headAfterSend', 3, 'res.writeHead()', 'res.flushHeaders()', 2)],
    },
    {
      // the first write sends the head; a status after it, on some path (the write is not a
      // statement of the same block: no suggestion)
      code: `http.createServer((req, res) => {
  if (verbose) res.write('starting');
  res.statusCode = 500;
  res.end();
});`,
      errors: [error('headMayBeAfterSend', 3, 'res.statusCode = …', 'res.write()', 2)],
    },
    {
      code: `http.createServer((req, res) => {
  res.write('x');
  res.writeEarlyHints({ link: '</a.css>' });
  res.end();
});`,
      errors: [
        error('headAfterSend', 3, 'res.writeEarlyHints()', 'res.write()', 2, `http.createServer((req, res) => {
  res.writeEarlyHints({ link: '</a.css>' });
  res.write('x');
  res.end();
});`),
      ],
    },
    {
      // Express finishers set headers: json() after writeHead (a finisher never moves)
      code: `app.get('/', (req, res) => {
  res.writeHead(200);
  res.json({ ok: true });
});`,
      errors: [error('headAfterSend', 3, 'res.json()', 'res.writeHead()', 2)],
    },
    {
      // a guard on the wrong branch
      code: `app.use((err, req, res, next) => {
  if (res.headersSent) {
    res.status(500).send('again');
  }
});`,
      errors: [error('headAfterSend', 3, 'res.send()', 'res.headersSent', 2)],
    },
    {
      // status in a callback after the handler's own write
      code: `app.get('/', (req, res) => {
  stream.on('error', () => {
    res.write('partial');
    res.status(500);
  });
});`,
      errors: [
        error('headAfterSend', 4, 'res.status()', 'res.write()', 3, `app.get('/', (req, res) => {
  stream.on('error', () => {
    res.status(500);
    res.write('partial');
  });
});`),
      ],
    },
    {
      // statements in between that neither touch the response nor share a variable: moved over them
      code: `app.get('/report', (req, res) => {
  res.json(report);
  metrics.count('report');
  // the id is known from the start
  res.set('X-Report-Id', String(report.id));
});`,
      errors: [
        error('headAfterSend', 5, 'res.set()', 'res.json()', 2, `app.get('/report', (req, res) => {
  res.set('X-Report-Id', String(report.id));
  res.json(report);
  metrics.count('report');
  // the id is known from the start
});`),
      ],
    },
    {
      // on one line
      code: `app.get('/', (req, res) => { res.send('ok'); res.status(201); });`,
      errors: [error('headAfterSend', 1, 'res.status()', 'res.send()', 1, `app.get('/', (req, res) => { res.status(201); res.send('ok'); });`)],
    },
    {
      // no suggestion: the write already sent the head, so above end() is still too late
      code: `http.createServer((req, res) => { res.write('a'); res.end('b'); res.setHeader('X-A', '1'); });`,
      errors: [{ messageId: 'headAfterSend', line: 1, suggestions: [] }],
    },
    {
      // no suggestion: a head commit earlier in the function, outside the block
      code: `app.get('/', (req, res) => { res.writeHead(200); if (a) { res.end(); res.setHeader('X-A', '1'); } });`,
      errors: [{ messageId: 'headAfterSend', line: 1, suggestions: [] }],
    },
    {
      // no suggestion: the header uses a value computed after the send
      code: `app.get('/', (req, res) => {
  res.send(body);
  const took = Date.now() - start;
  res.set('X-Took', String(took));
});`,
      errors: [error('headAfterSend', 4, 'res.set()', 'res.send()', 2)],
    },
    {
      // no suggestion: the header writes a variable the code in between reads
      code: `app.get('/', (req, res) => {
  res.send(body);
  log(count);
  res.set('X-Count', String(++count));
});`,
      errors: [error('headAfterSend', 4, 'res.set()', 'res.send()', 2)],
    },
    {
      // no suggestion: the code in between reads the response
      code: `app.get('/', (req, res) => {
  res.send(body);
  log(res.getHeaders());
  res.set('X-Late', '1');
});`,
      errors: [error('headAfterSend', 4, 'res.set()', 'res.send()', 2)],
    },
    {
      // no suggestion: the late header is in another block than the send
      code: `app.get('/', (req, res) => {
  res.send(body);
  if (debug) {
    res.set('X-Debug', '1');
  }
});`,
      errors: [error('headAfterSend', 4, 'res.set()', 'res.send()', 2)],
    },
    {
      // no suggestion: the late statement does more than the header (it also finishes)
      code: `app.get('/', (req, res) => {
  res.write('a');
  res.status(500).end();
});`,
      errors: [error('headAfterSend', 3, 'res.status()', 'res.write()', 2)],
    },
  ],
});
