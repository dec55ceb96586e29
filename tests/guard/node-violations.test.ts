import type http from 'node:http';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guard, ResponseLifecycleError, type GuardMode, type GuardOptions } from '../../src/guard/index.js';
import { get, raw, recorder, requestText, settle, start, until, withoutDate } from './helpers.js';

type Attempt = (fn: () => void) => void;
interface Scenario {
  name: string;
  rule: string;
  operation: string;
  handler: (req: http.IncomingMessage, res: http.ServerResponse, attempt: Attempt) => void;
  /** Text the message must contain. */
  says?: string;
}

const scenarios: Scenario[] = [
  {
    name: 'setHeader after writeHead',
    rule: 'no-header-after-send',
    operation: 'res.setHeader()',
    handler: (_req, res, attempt) => {
      res.writeHead(200);
      attempt(() => res.setHeader('x-late', '1'));
      res.end('ok');
    },
  },
  {
    name: 'removeHeader after write',
    rule: 'no-header-after-send',
    operation: 'res.removeHeader()',
    handler: (_req, res, attempt) => {
      res.write('a');
      attempt(() => res.removeHeader('x'));
      res.end('b');
    },
  },
  {
    name: 'statusCode assigned after end',
    rule: 'no-header-after-send',
    operation: 'res.statusCode =',
    handler: (_req, res, attempt) => {
      res.end('ok');
      attempt(() => {
        res.statusCode = 500;
      });
    },
  },
  {
    name: 'statusMessage assigned after write',
    rule: 'no-header-after-send',
    operation: 'res.statusMessage =',
    handler: (_req, res, attempt) => {
      res.write('a');
      attempt(() => {
        res.statusMessage = 'Late';
      });
      res.end();
    },
  },
  {
    name: 'writeHead twice',
    rule: 'no-header-after-send',
    operation: 'res.writeHead()',
    handler: (_req, res, attempt) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      attempt(() => res.writeHead(201));
      res.end('ok');
    },
  },
  {
    name: 'flushHeaders after a write',
    rule: 'no-header-after-send',
    operation: 'res.flushHeaders()',
    handler: (_req, res, attempt) => {
      res.write('a');
      attempt(() => res.flushHeaders());
      res.end();
    },
  },
  {
    name: 'writeEarlyHints after writeHead',
    rule: 'no-header-after-send',
    operation: 'res.writeEarlyHints()',
    handler: (_req, res, attempt) => {
      res.writeHead(200);
      attempt(() => res.writeEarlyHints({ link: '</style.css>; rel=preload' }));
      res.end('ok');
    },
  },
  {
    name: 'write after end',
    rule: 'no-write-after-end',
    operation: 'res.write()',
    handler: (_req, res, attempt) => {
      res.end('ok');
      attempt(() => res.write('more'));
    },
  },
  {
    name: 'end(data) after end',
    rule: 'no-write-after-end',
    operation: 'res.end()',
    handler: (_req, res, attempt) => {
      res.end('ok');
      attempt(() => res.end('again'));
    },
  },
  {
    name: 'addTrailers after end',
    rule: 'no-write-after-end',
    operation: 'res.addTrailers()',
    handler: (_req, res, attempt) => {
      res.end('ok');
      attempt(() => res.addTrailers({ 'x-t': '1' }));
    },
  },
  {
    name: 'write after the connection closed',
    rule: 'no-write-after-end',
    operation: 'res.write()',
    handler: (_req, res, attempt) => {
      res.on('close', () => attempt(() => res.write('late')));
      res.end('ok');
    },
  },
  {
    name: 'a second stream piped in',
    rule: 'no-double-send',
    operation: 'stream.pipe(res)',
    handler: (_req, res, attempt) => {
      const first = new PassThrough();
      const second = new PassThrough();
      first.pipe(res);
      attempt(() => second.pipe(res));
      first.end('one');
    },
  },
  {
    name: 'Content-Length larger than the body',
    rule: 'content-length-in-bytes',
    operation: 'res.end()',
    says: 'declared 20 bytes but 5 were written',
    handler: (_req, res, attempt) => {
      res.setHeader('Content-Length', 20);
      attempt(() => res.end('short'));
    },
  },
  {
    name: 'Content-Length smaller than a write',
    rule: 'content-length-in-bytes',
    operation: 'res.write()',
    says: 'declared 3 bytes but at least 11 were written',
    handler: (_req, res, attempt) => {
      res.writeHead(200, { 'Content-Length': 3 });
      attempt(() => res.write('longer body'));
      attempt(() => res.end());
    },
  },
  {
    name: "Content-Length from a string's .length",
    rule: 'content-length-in-bytes',
    operation: 'res.end()',
    says: "equals the string's .length",
    handler: (_req, res, attempt) => {
      const body = 'héllo wörld ✓';
      res.setHeader('Content-Length', body.length);
      attempt(() => res.end(body));
    },
  },
];

/** Run one scenario on a guarded server; returns the violations, the errors the handler caught, and the client's view. */
async function run(scenario: Scenario, mode: GuardMode) {
  const rec = recorder();
  const caught: unknown[] = [];
  let closed = false;
  const server = await start(
    guard(
      (req, res) => {
        res.on('error', () => undefined); // as without a guard, Node's write-after-end 'error' would crash
        res.on('close', () => (closed = true));
        scenario.handler(req, res, (fn) => {
          try {
            fn();
          } catch (error) {
            caught.push(error);
          }
        });
      },
      { mode, onViolation: rec.onViolation },
    ),
  );
  const client = await get(server.port, '/x?q=1');
  await until(() => closed);
  await settle();
  await server.close();
  return { violations: rec.violations, caught, client };
}

describe('node:http: every violation, in both modes', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: 'throw' throws a ResponseLifecycleError at the misuse`, async () => {
      const { violations, caught, client } = await run(scenario, 'throw');
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      expect(violations[0]?.request).toEqual({ method: 'GET', url: '/x?q=1' });
      if (scenario.says) expect(violations[0]?.message).toContain(scenario.says);
      const thrown = caught.filter((e) => e instanceof ResponseLifecycleError);
      expect(thrown).toHaveLength(1);
      expect(thrown[0]).toMatchObject({ rule: scenario.rule, operation: scenario.operation, message: violations[0]?.message });
      // The client is never left hanging: it got a response or a fast failure.
      expect(client.complete || client.error !== undefined).toBe(true);
    });

    it(`${scenario.name}: 'report' reports once and the client gets the same bytes as without the guard`, async () => {
      const { violations, caught } = await run(scenario, 'report');
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      expect(caught.some((e) => e instanceof ResponseLifecycleError)).toBe(false);
      const bare = await rawResponse(scenario, undefined);
      const guarded = await rawResponse(scenario, 'report');
      expect(withoutDate(guarded)).toBe(withoutDate(bare));
    });

    it(`${scenario.name}: 'drop' (the default) reports once, throws nothing, and the late call is a no-op`, async () => {
      const { violations, caught, client } = await run(scenario, 'drop');
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      expect(caught).toEqual([]);
      expect(client.complete || client.error !== undefined).toBe(true);
      // The client gets what the handler sends without its late call. A Content-Length mismatch is
      // no late call: 'drop' reports it and lets it through, as 'report' does.
      const lengthCheck = scenario.rule === 'content-length-in-bytes';
      const expected = await rawResponse(scenario, undefined, { skipLateCall: !lengthCheck });
      const guarded = await rawResponse(scenario, undefined, { guardOptions: {} });
      expect(withoutDate(guarded)).toBe(withoutDate(expected));
    });
  }
});

async function rawResponse(
  scenario: Scenario,
  mode: GuardMode | undefined,
  { skipLateCall = false, guardOptions = mode && { mode } }: { skipLateCall?: boolean; guardOptions?: GuardOptions } = {},
): Promise<string> {
  const handler: http.RequestListener = (req, res) => {
    res.on('error', () => undefined);
    scenario.handler(req, res, (fn) => {
      if (skipLateCall) return;
      try {
        fn();
      } catch {
        // as the handler would, without a guard
      }
    });
  };
  const server = await start(guardOptions ? guard(handler, { ...guardOptions, onViolation: () => undefined }) : handler);
  const text = await raw(server.port, requestText('/x'));
  await server.close();
  return text;
}

describe('node:http: a bare end() after the end is a no-op, as in Node (no violation in any mode)', () => {
  for (const mode of ['drop', 'throw', 'report'] as const) {
    it(mode, async () => {
      const rec = recorder();
      const handler: http.RequestListener = (_req, res) => {
        res.end('ok');
        res.end();
        res.end(() => undefined);
      };
      const server = await start(guard(handler, { mode, onViolation: rec.onViolation }));
      const guarded = await raw(server.port, requestText('/x'));
      await settle();
      await server.close();
      const bare = await start(handler);
      const unguarded = await raw(bare.port, requestText('/x'));
      await bare.close();
      expect(rec.violations).toEqual([]);
      expect(withoutDate(guarded)).toBe(withoutDate(unguarded));
    });
  }
});

describe('node:http: responses never finished (require-end)', () => {
  for (const mode of ['throw', 'report'] as const) {
    it(`${mode}: endTimeout reports a response not finished in time`, async () => {
      const rec = recorder();
      const server = await start(guard(() => undefined, { mode, endTimeout: 20, onViolation: rec.onViolation }));
      const client = get(server.port, '/slow');
      await until(() => rec.violations.length > 0);
      await server.close();
      await client;
      expect(rec.violations.map((v) => [v.rule, v.request.url])).toEqual([['require-end', '/slow']]);
      expect(rec.violations[0]?.message).toContain('within 20 ms');
    });

    it(`${mode}: a client that gives up before any response is reported`, async () => {
      const rec = recorder();
      let arrived = false;
      const server = await start(
        guard(
          () => {
            arrived = true;
          },
          { mode, onViolation: rec.onViolation },
        ),
      );
      const socket = net.connect(server.port, '127.0.0.1');
      socket.write(requestText('/abandoned', { close: false }));
      await until(() => arrived);
      socket.destroy();
      await until(() => rec.violations.length > 0);
      await server.close();
      expect(rec.violations.map((v) => [v.rule, v.request.url])).toEqual([['require-end', '/abandoned']]);
      expect(rec.violations[0]?.message).toContain('before the connection closed');
    });
  }
});
