import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { responseGuard, type GuardOptions } from '../../src/guard/index.js';

/** A directory with a small file, a large file and a view, for sendFile / download / render. */
export const files = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'guard-express-'));
  writeFileSync(path.join(dir, 'small.txt'), 'small file\n');
  writeFileSync(path.join(dir, 'large.bin'), Buffer.alloc(2_000_000, 'x'));
  writeFileSync(path.join(dir, 'page.txt'), 'Hello {{name}}');
  return { dir, small: path.join(dir, 'small.txt'), large: path.join(dir, 'large.bin') };
})();

/**
 * An Express 5 app with a tiny asynchronous view engine, quiet error logging, and optionally the
 * guard as its first middleware; `routes` adds the handlers under test.
 */
export function makeApp(guardOptions: GuardOptions | undefined, routes: (app: express.Express) => void): express.Express {
  const app = express();
  app.set('env', 'test'); // finalhandler prints error stacks unless env is 'test'
  app.set('etag', false);
  app.set('views', files.dir);
  app.engine('txt', (file, options, callback) => {
    setImmediate(() => callback(null, `rendered ${path.basename(file)} for ${(options as { name?: string }).name ?? '?'}`));
  });
  app.set('view engine', 'txt');
  if (guardOptions) app.use(responseGuard(guardOptions));
  routes(app);
  return app;
}
