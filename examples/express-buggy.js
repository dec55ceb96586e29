// A small Express app with the response-lifecycle bugs people ship. Each bug is marked BUG;
// `npm run demo` lints this file, then runs it under the guard and triggers each bug.
import express from 'express';

const users = new Map([['1', { id: '1', name: 'Zoë' }]]);

export function createApp(app = express()) {
  // BUG no-double-send: the 404 branch falls through into the second send.
  app.get('/users/:id', (req, res) => {
    const user = users.get(req.params.id);
    if (!user) {
      res.status(404).json({ error: 'not found' });
    }
    res.json(user);
  });

  // BUG no-header-after-send: the header is set after the response was sent.
  app.get('/report', (req, res) => {
    res.send('report ready');
    res.set('X-Report-Id', '42');
  });

  // BUG no-write-after-end: a chunk is written after end().
  app.get('/stream', (req, res) => {
    res.write('part 1\n');
    res.end('part 2\n');
    res.write('part 3\n');
  });

  // BUG require-end: a catch that only logs leaves the client waiting.
  app.get('/items/:id', async (req, res) => {
    try {
      if (req.params.id === 'broken') throw new Error('database down');
      res.json({ id: req.params.id });
    } catch (err) {
      console.error(err.message);
    }
  });

  // BUG content-length-in-bytes: .length counts UTF-16 code units, not bytes.
  app.get('/greeting', (req, res) => {
    const body = 'Grüße, Zoë!';
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  });

  return app;
}
