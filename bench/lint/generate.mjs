// Generated handler code for the lint benchmark: a corpus of many route handlers shaped like real
// ones (guards, headers, loops, try/catch, callbacks, promise chains, switch, streaming, a few real
// bugs), and single handlers of a chosen size for the growth measurement. Deterministic: the same
// seed gives the same text, so runs and machines compare.

/** A small seeded PRNG (mulberry32): reproducible corpora without a dependency. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rand, items) => items[Math.floor(rand() * items.length)];

// Statements that leave the response open: checks, headers, computation with branches and loops.
const PRELUDES = [
  (i) => `if (!req.query.q${i}) {\n    return res.status(400).json({ error: 'missing q${i}' });\n  }`,
  (i) => `res.set('X-Route', 'r${i}');\n  res.type('json');`,
  (i) => `let total${i} = 0;\n  for (let k = 0; k < ${(i % 7) + 3}; k++) {\n    if (k % 2 === 0) continue;\n    total${i} += k;\n  }\n  res.setHeader('X-Total', String(total${i}));`,
  (i) => `const user${i} = req.user;\n  if (!user${i}) {\n    res.status(401);\n    return res.send('login required');\n  } else if (!user${i}.roles.includes('r${i % 5}')) {\n    return next(new Error('forbidden'));\n  }`,
  (i) => `const ids${i} = String(req.query.ids ?? '').split(',');\n  const seen${i} = new Set();\n  for (const id of ids${i}) {\n    if (seen${i}.has(id)) {\n      return res.status(409).json({ duplicate: id });\n    }\n    seen${i}.add(id);\n  }`,
  () => `if (res.headersSent) {\n    return;\n  }`,
  (i) => `while (req.retries${i} > 0) {\n    req.retries${i}--;\n    if (req.aborted) break;\n  }`,
];

// Statements that finish the request (or hand it on), one per handler, last.
const FINISHERS = [
  (i) => `try {\n    const item = await db.find(req.params.id, ${i});\n    if (!item) {\n      return res.status(404).json({ error: 'not found' });\n    }\n    res.json(item);\n  } catch (err) {\n    res.status(500).json({ error: err.message });\n  }`,
  (i) => `db.load(req.params.id, (err, row) => {\n    if (err) return next(err);\n    if (!row) return res.sendStatus(404);\n    res.json({ id: ${i}, row });\n  });`,
  (i) => `switch (req.method) {\n    case 'GET':\n      res.send('r${i}');\n      break;\n    case 'POST':\n      res.status(201).send('created');\n      break;\n    default:\n      res.sendStatus(405);\n  }`,
  (i) => `res.writeHead(200, { 'Content-Type': 'text/plain' });\n  for (const chunk of chunks${i % 3}) {\n    res.write(chunk);\n  }\n  res.end();`,
  (i) => `db.find(req.params.id, ${i})\n    .then((item) => res.json(item))\n    .catch(next);`,
  (i) => `if (req.accepts('html')) {\n    res.render('page${i}', { user: req.user });\n  } else {\n    res.json({ page: ${i} });\n  }`,
  () => `next();`,
  (i) => `const stream = files.open(req.params.name, ${i});\n  stream.on('error', next);\n  stream.pipe(res);`,
];

// Real mistakes, in a small share of handlers, so that the rules have something to report;
// each bug's second operation is on a line of its own, which the rule must report.
export const BUG_LINES = {
  'no-double-send': "res.send('slow');",
  'no-header-after-send': "res.set('X-Late', '1');",
  'no-write-after-end': "res.write('more ",
};
const BUGS = [
  (i) => `if (req.query.fast${i}) {\n    res.send('fast');\n  }\n  res.send('slow');`,
  (i) => `res.json({ id: ${i} });\n  res.set('X-Late', '1');`,
  (i) => `res.end('done');\n  res.write('more ${i}');`,
];

const ROUTES = ['get', 'post', 'put', 'delete', 'patch'];

function handlerBody(rand, i) {
  const lines = [];
  const preludes = Math.floor(rand() * 4);
  for (let p = 0; p < preludes; p++) lines.push(pick(rand, PRELUDES)(i + p));
  lines.push(rand() < 0.04 ? pick(rand, BUGS)(i) : pick(rand, FINISHERS)(i));
  return lines.map((line) => `  ${line}`).join('\n');
}

function params(ts) {
  return ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
}

/** One router module with `count` handlers; `ts` adds Express types so type-aware rules have work. */
export function handlerModule(seed, count, { ts = false } = {}) {
  const rand = random(seed);
  const out = [];
  if (ts) {
    out.push(`import express, { type Request, type Response, type NextFunction } from 'express';`);
    out.push(`import http from 'node:http';`);
    out.push(`declare const db: { find(id: string, n: number): Promise<any>; load(id: string, cb: (err: Error | null, row?: any) => void): void };`);
    out.push(`declare const files: { open(name: string, n: number): NodeJS.ReadableStream };`);
    out.push(`declare const chunks0: string[], chunks1: string[], chunks2: string[];`);
  } else {
    out.push(`import express from 'express';\nimport http from 'node:http';\nimport { db, files, chunks0, chunks1, chunks2 } from './services.mjs';`);
  }
  out.push(`\nexport const router = express.Router();\n`);
  for (let h = 0; h < count; h++) {
    const i = seed * 1000 + h;
    const route = pick(rand, ROUTES);
    if (rand() < 0.05) {
      const sig = ts ? '(req: http.IncomingMessage, res: http.ServerResponse)' : '(req, res)';
      out.push(`export const server${h} = http.createServer(${sig} => {\n  res.statusCode = 200;\n  res.setHeader('Content-Type', 'text/plain');\n  res.end('ok ${i}');\n});\n`);
    } else if (rand() < 0.3) {
      out.push(`async function handler${h}${params(ts)} {\n${handlerBody(rand, i)}\n}\nrouter.${route}('/r${i}', handler${h});\n`);
    } else {
      out.push(`router.${route}('/r${i}/:id', async ${params(ts)} => {\n${handlerBody(rand, i)}\n});\n`);
    }
  }
  return out.join('\n');
}

/** The module the JS handler corpus imports its fake services from. */
export const SERVICES_MODULE = `export const db = { find: async () => ({}), load: (id, cb) => cb(null, { id }) };
export const files = { open: () => null };
export const chunks0 = [], chunks1 = [], chunks2 = [];
`;

// The repeated unit of the growth handler: a branch that sets a header, a loop with a nested
// branch, a try/catch, a switch; none finishes the response, so the state stays open and the
// analysis has to carry it through every segment.
const UNITS = [
  (i) => `  if (req.query.a${i}) {\n    res.setHeader('X-A${i}', '1');\n  } else {\n    total += ${i};\n  }`,
  (i) => `  for (let k = 0; k < n; k++) {\n    if (k === ${i}) continue;\n    total += k;\n  }`,
  (i) => `  try {\n    total += await step(${i});\n  } catch (err) {\n    errors.push(err);\n  }`,
  (i) => `  switch (total % 3) {\n    case 0:\n      total += ${i};\n      break;\n    case 1:\n      res.status(200);\n      break;\n    default:\n      total--;\n  }`,
  (i) => `  while (queue.length > ${i % 5}) {\n    const item = queue.pop();\n    if (!item) break;\n    total += item;\n  }`,
];

/**
 * One handler of `units` statement groups (each one compound statement, ~3-5 statements inside),
 * ending with a double send on the third line from the end, which the analysis must report.
 */
export function longHandler(units) {
  const body = [];
  for (let i = 0; i < units; i++) body.push(UNITS[i % UNITS.length](i));
  return `import express from 'express';
import { step, queue, n } from './services.mjs';
const app = express();
app.get('/big', async (req, res) => {
  let total = 0;
  const errors = [];
${body.join('\n')}
  res.json({ total, errors });
  res.send('again');
});
export default app;
`;
}
