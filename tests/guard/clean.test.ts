import { createReadStream } from 'node:fs';
import type http from 'node:http';
import { Readable, pipeline } from 'node:stream';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { guard, type GuardMode } from '../../src/guard/index.js';
import { files, makeApp } from './express-app.js';
import { raw, recorder, requestText, settle, start } from './helpers.js';
import { withoutDate } from './helpers.js';

/** Clean node:http handlers of every kind, by path. */
const nodeHandlers: Record<string, http.RequestListener> = {
  '/hello': (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hello: 'world' }));
  },
  '/streaming': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('one ');
    res.write(Buffer.from('two '));
    setImmediate(() => res.end('three'));
  },
  '/pipe': (_req, res) => {
    Readable.from(['a', 'b', 'c']).pipe(res);
  },
  '/pipeline-file': (_req, res) => {
    res.setHeader('content-length', 11);
    pipeline(createReadStream(files.small), res, () => undefined);
  },
  '/bytes': (_req, res) => {
    const body = 'héllo wörld ✓';
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  },
  '/head-with-length': (_req, res) => {
    res.setHeader('Content-Length', 5);
    res.end('hello');
  },
  '/204': (_req, res) => {
    res.statusCode = 204;
    res.end();
  },
  '/304': (_req, res) => {
    res.writeHead(304, { 'Content-Length': 10 });
    res.end();
  },
  '/flush': (_req, res) => {
    res.flushHeaders();
    res.write('flushed');
    res.end();
  },
  '/trailers': (req, res) => {
    res.writeHead(200, { Trailer: 'x-checksum', 'Transfer-Encoding': 'chunked' });
    res.write('body');
    // HEAD responses have no chunked body to carry trailers
    if (req.method !== 'HEAD') res.addTrailers({ 'x-checksum': 'abc' });
    res.end();
  },
  '/late': (_req, res) => {
    setTimeout(() => {
      res.statusCode = 201;
      res.statusMessage = 'Made';
      res.end('late');
    }, 1);
  },
  '/guarded-check': (_req, res) => {
    res.end('once');
    if (!res.writableEnded) res.end('never');
  },
};

function nodeApp(): http.RequestListener {
  return (req, res) => {
    const handler = nodeHandlers[new URL(req.url ?? '/', 'http://x').pathname] ?? nodeHandlers['/hello'];
    handler?.(req, res);
  };
}

/** Clean Express handlers of every kind. */
function expressRoutes(app: express.Express): void {
  app.get('/json', (_req, res) => {
    res.json({ hello: 'world' });
  });
  app.get('/send', (_req, res) => {
    res.status(201).set('x-a', '1').send('created');
  });
  app.get('/buffer', (_req, res) => {
    res.type('bin').send(Buffer.from([1, 2, 3]));
  });
  app.get('/redirect', (_req, res) => res.redirect('/json'));
  app.get('/204', (_req, res) => {
    res.sendStatus(204);
  });
  app.get('/304', (_req, res) => {
    res.status(304).end();
  });
  app.get('/file', (_req, res) => res.sendFile(files.small));
  app.get('/large-file', (_req, res) => res.sendFile(files.large));
  app.get('/download', (_req, res) => res.download(files.small, 'name.txt'));
  app.get('/missing-with-callback', (_req, res) => {
    res.sendFile(`${files.dir}/missing.txt`, (err) => {
      if (err) res.status(404).send('not here');
    });
  });
  app.get('/missing', (_req, res) => res.sendFile(`${files.dir}/missing.txt`));
  app.get('/render', (_req, res) => res.render('page', { name: 'Ada' }));
  app.get('/render-callback', (_req, res) => {
    res.render('page', { name: 'Bo' }, (err, html) => {
      if (err) throw err;
      res.type('html').send(html.toUpperCase());
    });
  });
  app.get('/format', (_req, res) => {
    res.format({ text: () => res.send('text'), default: () => res.send('default') });
  });
  app.get(
    '/chain',
    (_req, res, next) => {
      res.set('x-first', '1');
      next();
    },
    async (_req, res) => {
      await new Promise((resolve) => setImmediate(resolve));
      res.send('chained');
    },
  );
  app.get('/stream', (_req, res) => {
    res.type('text');
    res.write('a');
    res.write('b');
    res.end();
  });
  app.get('/pipe', (_req, res) => {
    createReadStream(files.small).pipe(res);
  });
  const router = express.Router();
  router.get('/inner', (req, res) => {
    res.send(`inner ${req.baseUrl}`);
  });
  app.use('/mounted', router);
}

const nodePaths = Object.keys(nodeHandlers);
const expressPaths = [
  '/json', '/send', '/buffer', '/redirect', '/204', '/304', '/file', '/large-file', '/download',
  '/missing-with-callback', '/missing', '/render', '/render-callback', '/format', '/chain', '/stream', '/pipe',
  '/mounted/inner', '/no-such-route',
];

async function fetchAll(listener: http.RequestListener, paths: readonly string[]): Promise<string[]> {
  const server = await start(listener);
  const out: string[] = [];
  for (const path of paths) {
    out.push(withoutDate(await raw(server.port, requestText(path))));
    out.push(withoutDate(await raw(server.port, requestText(path, { method: 'HEAD' }))));
  }
  // keep-alive: three requests on one connection, the last one closes it
  out.push(
    withoutDate(
      await raw(
        server.port,
        requestText(paths[0] ?? '/', { close: false }) + requestText(paths[1] ?? '/', { close: false }) + requestText(paths[0] ?? '/'),
      ),
    ),
  );
  await settle();
  await server.close();
  return out;
}

describe('clean handlers: no violation, and the same bytes with and without the guard', () => {
  for (const mode of ['drop', 'throw', 'report'] as GuardMode[]) {
    it(`node:http, ${mode} mode`, async () => {
      const rec = recorder();
      const bare = await fetchAll(nodeApp(), nodePaths);
      const guarded = await fetchAll(guard(nodeApp(), { mode, onViolation: rec.onViolation, endTimeout: 5_000 }), nodePaths);
      expect(rec.violations).toEqual([]);
      expect(guarded).toEqual(bare);
      expect(bare.filter((r) => r.startsWith('HTTP/1.1 200'))).not.toHaveLength(0);
    });

    it(`Express 5, ${mode} mode`, async () => {
      const rec = recorder();
      const bare = await fetchAll(makeApp(undefined, expressRoutes), expressPaths);
      const guarded = await fetchAll(makeApp({ mode, onViolation: rec.onViolation, endTimeout: 5_000 }, expressRoutes), expressPaths);
      expect(rec.violations).toEqual([]);
      expect(guarded).toEqual(bare);
      expect(guarded.join('\n')).toContain('rendered page.txt for Ada');
      expect(guarded.join('\n')).toContain('RENDERED PAGE.TXT FOR BO');
      expect(guarded.join('\n')).toContain('not here');
    });
  }
});
