// The fixed twin of express-buggy.js: the same routes, each bug corrected.
import express from 'express';

const users = new Map([['1', { id: '1', name: 'Zoë' }]]);

export function createApp(app = express()) {
  app.get('/users/:id', (req, res) => {
    const user = users.get(req.params.id);
    if (!user) {
      return res.status(404).json({ error: 'not found' });
    }
    res.json(user);
  });

  app.get('/report', (req, res) => {
    res.set('X-Report-Id', '42');
    res.send('report ready');
  });

  app.get('/stream', (req, res) => {
    res.write('part 1\n');
    res.write('part 2\n');
    res.end('part 3\n');
  });

  app.get('/items/:id', async (req, res) => {
    try {
      if (req.params.id === 'broken') throw new Error('database down');
      res.json({ id: req.params.id });
    } catch (err) {
      console.error(err.message);
      res.status(500).json({ error: 'internal error' });
    }
  });

  app.get('/greeting', (req, res) => {
    const body = 'Grüße, Zoë!';
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  });

  return app;
}
