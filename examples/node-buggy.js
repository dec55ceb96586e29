// A node:http server with the same bug patterns, without Express. Each bug is marked BUG.
import http from 'node:http';

export function createServer(wrap = (handler) => handler) {
  return http.createServer(
    wrap((req, res) => {
      if (req.url === '/double') {
        // BUG no-double-send: missing return after the error response.
        if (req.headers['x-token'] !== 'secret') {
          res.writeHead(401);
          res.end('unauthorized');
        }
        res.end('welcome');
      } else if (req.url === '/late-header') {
        // BUG no-header-after-send: writeHead already sent the head.
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.setHeader('X-Late', 'yes');
        res.end('ok');
      } else if (req.url === '/hang') {
        // BUG require-end: this branch never answers.
        console.log('received', req.url);
      } else {
        // BUG content-length-in-bytes: the body has non-ASCII characters.
        const body = JSON.stringify({ city: 'Zürich' });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
        res.end(body);
      }
    }),
  );
}
