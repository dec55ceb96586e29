// node:http: misuses fail, correct code (including the node idioms) compiles.
import { once } from 'node:events';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { NodeEndedRes, NodeHandler, NodeRes, NodeSentRes } from '../../../types/index.js';

declare function track(res: http.ServerResponse): void;
const chunks = ['a', 'b'];

http.createServer((req, res: NodeRes) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  // @ts-expect-error -- no-header-after-send: `res.setHeader()` changes the head after it was already sent (ERR_HTTP_HEADERS_SENT)
  res.setHeader('x-a', '1');
});
http.createServer((req, res: NodeRes) => {
  res.end('done');
  // @ts-expect-error -- no-write-after-end: `res.write()` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.write('more');
});
http.createServer((req, res: NodeRes) => {
  res.write('x');
  // @ts-expect-error -- no-header-after-send: `res.statusCode = ...` changes the head after it was already sent
  res.statusCode = 404;
});
http.createServer((req, res: NodeRes) => {
  res.flushHeaders();
  // @ts-expect-error -- no-header-after-send: `res.writeHead()` changes the head after it was already sent
  res.writeHead(200);
});
http.createServer((req, res: NodeRes) => {
  res.end('a');
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.end('b');
});
http.createServer((req, res: NodeRes) => {
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended (ERR_STREAM_WRITE_AFTER_END)
  res.setHeader('x-a', '1').end('a').end('b');
});
// A bare end() after the end is a no-op in Node: it compiles, on the response and at the end of a chain.
http.createServer((req, res: NodeRes) => {
  res.end('done');
  res.end();
  res.end(() => {});
});
http.createServer((req, res: NodeRes) => {
  res.setHeader('x-a', '1').end('chained').end();
});
http.createServer((req, res: NodeRes) => {
  res.destroy();
  // @ts-expect-error -- no-write-after-end: `res.end(data)` writes to a response that already ended
  res.end('late');
});
http.createServer((req, res: NodeRes) => {
  res.writeHead(103);
  // @ts-expect-error -- no-header-after-send: `res.writeEarlyHints()` changes the head after it was already sent
  res.writeEarlyHints({ link: '</a.css>; rel=preload' });
});
http.createServer((req, res: NodeRes) => {
  // @ts-expect-error -- no-header-after-send: `res.removeHeader()` changes the head after it was already sent
  res.setHeader('a', '1').writeHead(200).removeHeader('a');
});

// The idioms: head then body in two statements; write with backpressure; drain after writeHead.
http.createServer((req, res: NodeRes) => {
  const body = 'hello';
  res.writeHead(200, { 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
http.createServer(async (req, res: NodeRes) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  for (const chunk of chunks) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
});
http.createServer(async (req, res: NodeRes) => {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/plain');
  res.write(chunks[0]);
  for (const chunk of chunks) {
    if (!res.write(chunk)) await once(res, 'drain');
  }
  res.end();
});
// Chains through setHeader and writeHead's chain handle.
http.createServer((req, res: NodeRes) => {
  res.setHeader('x-a', '1').setHeader('x-b', '2').writeHead(200).end('chained');
});
// Reads, trailers and plumbing after the end; passing the response on.
http.createServer(async (req, res: NodeRes) => {
  res.end();
  console.log(res.headersSent, res.writableEnded, res.getHeaders(), res.statusCode);
  track(res);
  res.on('finish', () => undefined);
});
http.createServer(async (req, res: NodeRes) => {
  await pipeline(Readable.from(chunks), res);
});
http.createServer((req, res: NodeRes) => {
  Readable.from(chunks).pipe(res);
});

const handler: NodeHandler = (req, res: NodeRes) => {
  res.end('typed handler value');
};
http.createServer(handler);
const server = http.createServer();
server.on('request', (req: http.IncomingMessage, res: NodeRes) => {
  res.end();
});
export function finish(res: NodeRes): asserts res is NodeEndedRes {
  res.end();
}
export function stream(res: NodeSentRes): void {
  res.write('more');
  res.end();
  // @ts-expect-error -- no-write-after-end: `res.write()`
  res.write('even more');
}
