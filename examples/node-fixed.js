// The fixed twin of node-buggy.js.
import http from 'node:http';

export function createServer(wrap = (handler) => handler) {
  return http.createServer(
    wrap((req, res) => {
      if (req.url === '/double') {
        if (req.headers['x-token'] !== 'secret') {
          res.writeHead(401);
          res.end('unauthorized');
          return;
        }
        res.end('welcome');
      } else if (req.url === '/late-header') {
        res.setHeader('X-Late', 'yes');
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      } else if (req.url === '/hang') {
        console.log('received', req.url);
        res.writeHead(204);
        res.end();
      } else {
        const body = JSON.stringify({ city: 'Zürich' });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      }
    }),
  );
}
