// Typed handlers: annotate the response with the type-state types and the compiler rejects
// lifecycle misuse. `npm run demo` type-checks this file; every misuse below is a compile error.
import http from 'node:http';
import express from 'express';
import type { EndedRes, NodeRes, Res } from 'eslint-plugin-response-lifecycle/types';

const app = express();

// A helper declares its effect: after sendError(res, …) the response is ended.
function sendError(res: Res, code: number, message: string): asserts res is EndedRes {
  res.status(code).json({ error: message });
}

// Correct: chains, returning the send, streaming after writeHead.
app.get('/ok', (req, res: Res) => {
  if (!req.query['id']) return res.status(400).json({ error: 'id required' });
  res.set('Cache-Control', 'no-store').json({ id: req.query['id'] });
});

// MISUSE: a header after the response was sent.
app.get('/report', (req, res: Res) => {
  res.send('report ready');
  res.set('X-Report-Id', '42');
});

// MISUSE: sending twice (the helper already ended the response).
app.get('/users/:id', (req, res: Res) => {
  if (req.params.id !== '1') sendError(res, 404, 'not found');
  else res.json({ id: 1 });
  res.json({ again: true });
});

// MISUSE: writing after the end, on node:http.
http.createServer((req, res: NodeRes) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('done');
  res.write('late');
});
