import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guard, type GuardMode, type GuardOptions, type Violation } from '../../src/guard/index.js';
import { makeApp, files } from '../guard/express-app.js';
import { get, start } from '../guard/helpers.js';
import { agreementCases, chainCases, type AgreementCase } from './cases.js';

// Every classified member, used in every state on a real response, is reported by the guard
// ('report' mode) exactly as the lifecycle model's violation table says: the rule it names once,
// or nothing. Express 5 runs every member; node:http runs the node members.
// Send chains, bare end(), end(data) and next() after a finish get the verdict the lint rules give
// (one per chain), in 'drop' and 'throw' mode, where a refused head change returns the response
// and the chain goes on. (In 'report' mode Node itself throws at `setHeader()` on a finished
// response, so a chain after it never runs: the guard reports the head change that did.)
const cases = agreementCases();
const chains = chainCases();

/** Run a case's statements on a real response; Node's own throws are the handler's business. */
function runCase(c: AgreementCase, res: http.ServerResponse, next: (err?: unknown) => void = () => undefined): void {
  const code = c.code.replace("'/tmp/x'", JSON.stringify(files.small)).replace("'view'", "'page'");
  const run = new Function('res', 'next', `${c.prefix}\n${code};`) as (res: http.ServerResponse, next: (err?: unknown) => void) => void;
  res.on('error', () => undefined); // a write after end emits 'error'; without a listener it would crash
  // Express 5 always renders on a later tick and then calls res.send(), which throws
  // ERR_HTTP_HEADERS_SENT there when the head is already out: Express's behaviour, guard or not.
  // Catch it on this one response so it is not an uncaught exception of the test process.
  const express = res as http.ServerResponse & { send?: (...args: unknown[]) => unknown };
  if (c.member === 'render' && typeof express.send === 'function') {
    const send = express.send;
    express.send = function sendCatching(this: unknown, ...args: unknown[]) {
      try {
        return send.apply(this, args);
      } catch {
        return this;
      }
    };
  }
  try {
    run(res, next);
  } catch {
    // e.g. ERR_HTTP_HEADERS_SENT from setHeader after writeHead: Node's behaviour, unchanged
  }
  // Finish what the case left open, once asynchronous finishes (sendFile, render) had their time.
  setTimeout(() => {
    if (!res.writableEnded && !res.destroyed) res.end();
  }, 100);
}

function harness(kind: 'express' | 'node', mode: GuardMode, list: readonly AgreementCase[]) {
  const seen: Violation[] = [];
  let server: Awaited<ReturnType<typeof start>>;
  const options: GuardOptions = { mode, onViolation: (v) => seen.push(v), contentLength: false };
  beforeAll(async () => {
    if (kind === 'express') {
      const app = makeApp(options, (app) => {
        app.get('/case/:i', (req, res, next) => runCase(list[Number(req.params.i)]!, res, next));
      });
      server = await start(app);
    } else {
      server = await start(
        guard((req, res) => runCase(list[Number(req.url!.split('/')[2])]!, res), options),
      );
    }
  });
  afterAll(() => server.close());
  return {
    async violationsOf(index: number): Promise<string[]> {
      await get(server.port, `/case/${index}`);
      await new Promise((resolve) => setTimeout(resolve, 150)); // reports after the response
      return seen.filter((v) => v.request.url === `/case/${index}`).map((v) => v.rule);
    },
  };
}

const suites: { mode: GuardMode; list: readonly AgreementCase[]; what: string }[] = [
  { mode: 'report', list: cases, what: 'the lifecycle model' },
  { mode: 'drop', list: chains, what: 'the lint rules on send chains and calls after a finish' },
  { mode: 'throw', list: chains, what: 'the lint rules on send chains and calls after a finish' },
];
for (const { mode, list, what } of suites) {
  for (const kind of ['express', 'node'] as const) {
    // Concurrent: each case has its own URL, and its violations are picked by that URL.
    describe.concurrent(`the guard ('${mode}') agrees with ${what} (${kind})`, () => {
      const h = harness(kind, mode, list);
      list.forEach((c, index) => {
        if (kind === 'node' && c.framework === 'express') return;
        it(`${c.prefix || c.state}: ${c.code} -> ${c.expectedAtRuntime ?? 'legal'}`, async () => {
          expect(await h.violationsOf(index)).toEqual(c.expectedAtRuntime ? [c.expectedAtRuntime] : []);
        });
      });
    });
  }
}
