import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import { testable, jsTester, lifecycleError } from './testers.js';

const rule = testable(noWriteAfterEnd);

const js = jsTester();

type Id = 'writeAfterEnd' | 'writeMayBeAfterEnd';

const error = (messageId: Id, line: number, operation: string, first: string, firstLine: number, suggestion?: string) =>
  lifecycleError(messageId, line, operation, first, firstLine, suggestion, 'no-write-after-end');

js.run('no-write-after-end', rule, {
  valid: [
    // listeners for events that may never come (error, close) do not run after the handler's end
    `http.createServer((req, res) => { req.on('error', () => { res.end('bad'); }); res.end('ok'); });`,
    `http.createServer((req, res) => { res.write('a'); res.write('b'); res.end('c'); });`,
    `http.createServer((req, res) => { for (const c of chunks) res.write(c); res.end(); });`,
    `http.createServer((req, res) => { res.end(); res.destroy(); });`,
    `http.createServer((req, res) => { res.end(); if (!res.writableEnded) res.write('x'); });`,
    `http.createServer((req, res) => { if (done) { res.end(); return; } res.write('more'); res.end(); });`,
    // a plain end() after end() is a double send, not a write (no-double-send reports it)
    `http.createServer((req, res) => { res.end(); res.end(); });`,
    // not a response
    `const res = fs.createWriteStream(p); res.end(); res.write('x');`,
    { code: `http.createServer((req, res) => { if (a) res.end(); res.write('x'); });`, options: [{ definiteOnly: true }] },
  ],
  invalid: [
    {
      // the beginner's classic: the file is read after the handler already ended the response
      code: `function onRequest(request, response) {
  fs.readFile('index.html', function (error, data) {
    response.write(data);
  });
  response.end();
}`,
      errors: [error('writeAfterEnd', 3, 'response.write()', 'response.end()', 5)],
    },
    {
      // a request body listener runs after the handler returned, here after its end()
      code: `http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => { res.end(body); });
  res.end();
});`,
      errors: [error('writeAfterEnd', 4, 'res.end()', 'res.end()', 5)],
    },
    {
      code: `app.get('/stream', (req, res) => {
  res.write('part 1');
  res.end('part 2');
  res.write('part 3');
});`,
      // no suggestion: moving the write before end('part 2') would reorder the body
      errors: [error('writeAfterEnd', 4, 'res.write()', 'res.end()', 3)],
    },
    {
      code: `http.createServer((req, res) => {
  if (req.method === 'HEAD') res.end();
  res.end(body);
});`,
      // no suggestion: the late call finishes (it does not move), and \`return\` would hide it
      errors: [error('writeMayBeAfterEnd', 3, 'res.end()', 'res.end()', 2)],
    },
    {
      code: `http.createServer((req, res) => {
  res.end();
  res.addTrailers({ 'X-Checksum': sum });
});`,
      errors: [
        error('writeAfterEnd', 3, 'res.addTrailers()', 'res.end()', 2, `http.createServer((req, res) => {
  res.addTrailers({ 'X-Checksum': sum });
  res.end();
});`),
      ],
    },
    {
      // a write in a loop after an end inside the loop
      code: `http.createServer((req, res) => {
  for (const chunk of chunks) {
    res.write(chunk);
    if (chunk.last) res.end();
  }
});`,
      // no suggestion: the end is not a statement of the write's block
      errors: [error('writeMayBeAfterEnd', 3, 'res.write()', 'res.end()', 4)],
    },
    {
      code: `app.get('/stream', (req, res) => {
  res.write('part 1');
  res.end();
  res.write('part 2');
});`,
      errors: [
        error('writeAfterEnd', 4, 'res.write()', 'res.end()', 3, `app.get('/stream', (req, res) => {
  res.write('part 1');
  res.write('part 2');
  res.end();
});`),
      ],
    },
    {
      // indentation of the end's line is kept; a callback to end() is not a chunk
      code: `http.createServer((req, res) => {
  if (ok) {
    res.write(head);
    res.end(() => log('done'));
    res.write(tail);
  }
});`,
      errors: [
        error('writeAfterEnd', 5, 'res.write()', 'res.end()', 4, `http.createServer((req, res) => {
  if (ok) {
    res.write(head);
    res.write(tail);
    res.end(() => log('done'));
  }
});`),
      ],
    },
    {
      // no suggestion: a return in between (the write would run on a path it did not run on)
      code: `http.createServer((req, res) => {
  res.end();
  if (quiet) return;
  res.write('late');
});`,
      errors: [error('writeAfterEnd', 4, 'res.write()', 'res.end()', 2)],
    },
    {
      // no suggestion: the write would then send the head before the status the end's chain sets
      code: `http.createServer((req, res) => {
  res.status(204).end();
  res.write('late');
});`,
      errors: [error('writeAfterEnd', 3, 'res.write()', 'res.end()', 2)],
    },
  ],
});
