#!/usr/bin/env node
// `npm run demo`: shows each layer catching the bugs in examples/.
//   1. lint time: ESLint with the recommended config on the buggy apps and their fixed twins;
//   2. compile time: tsc on the typed handlers example;
//   3. run time: the buggy apps under the guard ('report' mode) on 127.0.0.1, one request per bug.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');
const { default: plugin } = await import(path.join(root, 'dist/src/index.js'));

const heading = (text) => console.log(`\n\x1b[1m== ${text} ==\x1b[0m\n`);

/** Paths as a user reads them: `examples/app.js:12:5`, not `file:///home/…/examples/app.js:12:5`. */
const rootUrl = `${pathToFileURL(root).href}/`;
const relative = (text) => String(text).replaceAll(rootUrl, '').replaceAll(root + path.sep, '');

// 1. Lint time
heading('1. Lint time: eslint with response-lifecycle/recommended');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.js'], languageOptions: { sourceType: 'module' } }, plugin.configs.recommended],
});
const formatter = await eslint.loadFormatter('stylish');
for (const pair of [['express-buggy.js', 'express-fixed.js'], ['node-buggy.js', 'node-fixed.js']]) {
  const results = await eslint.lintFiles(pair.map((file) => path.join(examples, file)));
  for (const result of results) {
    const count = result.messages.length;
    console.log(`${path.relative(root, result.filePath)}: ${count} problem${count === 1 ? '' : 's'}`);
  }
  console.log(relative(await formatter.format(results.filter((r) => r.messages.length > 0))));
}

// 2. Compile time
heading('2. Compile time: tsc on examples/typed-handlers.ts (type-state typings)');
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(examples, 'tsconfig.json')], {
  encoding: 'utf8',
});
console.log(relative(tsc.stdout + tsc.stderr).trim() || '(no errors)');
console.log(`\ntsc exit code ${tsc.status}: ${tsc.status === 0 ? 'no misuse found' : 'each error above is a lifecycle misuse caught before run time'}`);

// 3. Run time
heading('3. Run time: the buggy apps under the guard');
const { responseGuard, guard } = await import(path.join(root, 'dist/src/guard/index.js'));
const { default: express } = await import('express');
const { createApp } = await import(path.join(examples, 'express-buggy.js'));
const { createServer } = await import(path.join(examples, 'node-buggy.js'));

const reports = [];
const onViolation = (violation) => {
  reports.push(violation);
  const first = violation.firstStack ? `\n    first: ${firstFrame(violation.firstStack)}` : '';
  console.log(`  [${violation.rule}] ${violation.request.method} ${violation.request.url}: ${relative(violation.message)}\n    at:    ${firstFrame(violation.stack)}${first}`);
};
const options = { onViolation, endTimeout: 500, firstStack: 'always' };

function firstFrame(stack) {
  const line = String(stack)
    .split('\n')
    .slice(1)
    .find((l) => l.includes('/examples/'));
  return line ? relative(line.trim().replace(/^at\s+/u, '')) : '(no call site: reported by the guard itself)';
}

/** What the client saw, in words: a status, a hang, or the error code its socket or parser gave. */
function outcomeInWords(outcome) {
  if (typeof outcome === 'number') return `a complete response, status ${outcome}`;
  if (outcome === 'no answer (timeout)') return 'no response at all; this client gave up after 2 s (a browser would wait much longer)';
  if (outcome === 'ECONNRESET') return 'the connection closing before a complete response arrived (ECONNRESET: reset by the server)';
  if (outcome === 'HPE_INVALID_CONSTANT') {
    return "a response its HTTP parser rejected (HPE_INVALID_CONSTANT: bytes that are not HTTP where the next response should start)";
  }
  return `an error: ${outcome}`;
}

async function exercise(server, requests) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  for (const [method, url, because] of requests) {
    const status = await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: url, timeout: 2000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', () => resolve('error'));
      });
      req.on('timeout', () => {
        req.destroy();
        resolve('no answer (timeout)');
      });
      req.on('error', (error) => resolve(error.code ?? 'error'));
      req.end();
    });
    console.log(`${method} ${url} -> ${status}\n  the client saw ${outcomeInWords(status)}.\n  why: ${because}\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
}

// Express in 'throw' mode (for development and tests): each misuse throws a
// ResponseLifecycleError at the offending call, before anything wrong reaches the socket, and
// Express hands it to its error handler ('test' env keeps finalhandler from logging the stacks).
console.log("Express app (examples/express-buggy.js), mode 'throw':");
const app = express();
app.set('env', 'test');
app.use(responseGuard({ ...options, mode: 'throw' }));
createApp(app);
await exercise(http.createServer(app), [
  ['GET', '/users/2', 'the 404 went out first; the guard threw at the second `res.json()` before it wrote anything.'],
  ['GET', '/report', 'the body went out with `res.send()`; the guard threw at the late `res.set()`, so X-Report-Id is not in the response.'],
  ['GET', '/stream', "part 1 and part 2 arrived; the guard threw at the late `res.write()`, so part 3 never did."],
  ['GET', '/items/broken', 'the catch only logged ("database down" above) and nothing answered; the guard reported it after its 500 ms endTimeout.'],
  ['GET', '/greeting', 'the guard threw at `res.end(body)`: the 14-byte body does not fit the declared Content-Length of 11.'],
]);

// node:http in 'report' mode: the guard reports and Node then behaves exactly as without it
// (here: setHeader after writeHead throws ERR_HTTP_HEADERS_SENT, which this small wrapper catches
// the way a framework's error handling would, instead of letting it crash the demo).
console.log("\nnode:http server (examples/node-buggy.js), mode 'report':");
const catching = (handler) => (req, res) => {
  // Without a listener, Node's 'error' event for a write after end crashes the process.
  res.on('error', (error) => console.log(`  (the response emitted ${error.code}, as Node does without the guard)`));
  try {
    handler(req, res);
  } catch (error) {
    console.log(`  (the handler threw ${error.code ?? error.name}, as Node does without the guard)`);
    if (!res.writableEnded) res.destroy();
  }
};
await exercise(createServer((handler) => guard(catching(handler), { ...options, mode: 'report' })), [
  ['GET', '/double', "the 401 went out first; the second `res.end('welcome')` failed in Node (ERR_STREAM_WRITE_AFTER_END), so 'welcome' never arrived."],
  [
    'GET',
    '/late-header',
    'Node threw ERR_HTTP_HEADERS_SENT at `res.setHeader()`; the wrapper standing in for a framework\'s error handling destroyed the response mid-answer.',
  ],
  ['GET', '/hang', 'that branch only logs ("received /hang" above); the guard reported it after its 500 ms endTimeout.'],
  [
    'GET',
    '/json',
    'Content-Length said 17 (the string\'s .length) but the body was 18 bytes: the client read 17 as the body and took the last byte for the start of a next response.',
  ],
]);

const rules = [...new Set(reports.map((r) => r.rule))].sort();
console.log(`\nThe guard reported ${reports.length} violations (${rules.join(', ')}).`);
heading('Done');
