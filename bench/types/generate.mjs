// Source text of the type-check benchmark: N handlers with identical bodies in every variant; only
// the response type and the registration change. Bodies rotate through four shapes that use the
// common operations (head mutations, chains, early returns, await, streaming, try/catch).

const EXPRESS_BODIES = [
  (i) => `  res.setHeader('x-h', '${i}');
  if (!req.query['q']) return res.status(400).send('missing');
  res.json({ i: ${i} });`,
  (i) => `  res.set('cache-control', 'no-store').type('json');
  const v = await Promise.resolve(${i});
  if (v < 0) {
    res.sendStatus(500);
    return;
  }
  res.json({ v });`,
  () => `  res.statusCode = 200;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('a');
  res.write('b');
  res.end();`,
  (i) => `  try {
    const v = await Promise.resolve(${i});
    res.send(String(v));
  } catch (error) {
    res.status(500).json({ error: String(error) });
  }`,
];

const NODE_BODIES = [
  (i) => `  res.setHeader('x-h', '${i}');
  if (!req.url) {
    res.statusCode = 400;
    res.end('missing');
    return;
  }
  res.end('${i}');`,
  (i) => `  res.setHeader('content-type', 'text/plain');
  const v = await Promise.resolve(${i});
  res.writeHead(200);
  res.write(String(v));
  res.end();`,
  () => `  res.statusCode = 200;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('a');
  res.write('b');
  res.end();`,
  (i) => `  try {
    const v = await Promise.resolve(${i});
    res.end(String(v));
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }`,
];

/**
 * The variants. `typed`: annotated with this package's types; `plain`: express.Response /
 * http.ServerResponse. `noreg`: handlers only (isolates the bodies); `wrapped`: registered through a
 * non-generic wrapper (isolates Express's generic overload inference). `bodies`: every handler has
 * its own body type (`Res<Body7>` / `express.Response<Body7>`), as in apps that type each route's
 * answer, so each handler instantiates the state types anew; the others share one response type.
 */
export const VARIANTS = {
  'express-plain': { framework: 'express', typed: false, registration: 'direct' },
  'express-typed': { framework: 'express', typed: true, registration: 'direct' },
  'express-plain-noreg': { framework: 'express', typed: false, registration: 'none' },
  'express-typed-noreg': { framework: 'express', typed: true, registration: 'none' },
  'express-plain-wrapped': { framework: 'express', typed: false, registration: 'wrapped' },
  'express-typed-wrapped': { framework: 'express', typed: true, registration: 'wrapped' },
  'express-plain-bodies': { framework: 'express', typed: false, registration: 'direct', bodies: true },
  'express-typed-bodies': { framework: 'express', typed: true, registration: 'direct', bodies: true },
  'express-plain-bodies-noreg': { framework: 'express', typed: false, registration: 'none', bodies: true },
  'express-typed-bodies-noreg': { framework: 'express', typed: true, registration: 'none', bodies: true },
  'node-plain': { framework: 'node', typed: false, registration: 'direct' },
  'node-typed': { framework: 'node', typed: true, registration: 'direct' },
};

export function generate(variantName, count, typesImport) {
  const variant = VARIANTS[variantName];
  const express = variant.framework === 'express';
  const resType = express ? (variant.typed ? 'Res' : 'express.Response') : variant.typed ? 'NodeRes' : 'http.ServerResponse';
  const reqType = express ? 'express.Request' : 'http.IncomingMessage';
  const bodies = express ? EXPRESS_BODIES : NODE_BODIES;
  const lines = [];
  if (express) lines.push("import express from 'express';");
  else lines.push("import http from 'node:http';");
  if (variant.typed) lines.push(`import type { ${express ? 'Res' : 'NodeRes'} } from '${typesImport}';`);
  if (express && variant.registration !== 'none') lines.push('const app = express();');
  if (variant.registration === 'wrapped' && variant.typed) {
    // The package's own non-generic registration helper.
    lines.push(`import { typed as wrap } from '${typesImport}';`);
  } else if (variant.registration === 'wrapped') {
    lines.push(
      `function wrap(handler: (req: express.Request, res: ${resType}) => unknown): express.RequestHandler {`,
      '  return handler;',
      '}',
    );
  }
  for (let i = 0; i < count; i += 1) {
    const shape = i % bodies.length;
    const isAsync = shape === 1 || shape === 3;
    let res = resType;
    if (variant.bodies) {
      // What the four shapes send (text, { i }, { v }, { error }), plus a member of its own.
      lines.push(`type Body${i} = string | { i?: number; v?: number; error?: string; k${i}?: true };`);
      res = `${resType}<Body${i}>`;
    }
    lines.push(`export ${isAsync ? 'async ' : ''}function h${i}(req: ${reqType}, res: ${res}) {`, bodies[shape](i), '}');
    if (variant.registration === 'direct') {
      lines.push(express ? `app.get('/h${i}', h${i});` : `http.createServer(h${i});`);
    } else if (variant.registration === 'wrapped') {
      lines.push(`app.get('/h${i}', wrap(h${i}));`);
    }
  }
  return lines.join('\n') + '\n';
}
