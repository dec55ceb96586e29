import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guard, guardResponse, responseGuard } from '../../src/guard/index.js';
import { makeApp } from './express-app.js';
import { get, recorder, settle, start } from './helpers.js';

const setUps = {
  guard: (options: unknown) => guard(() => undefined, options as never),
  responseGuard: (options: unknown) => responseGuard(options as never),
};

describe('options are validated at set-up', () => {
  for (const [name, setUp] of Object.entries(setUps)) {
    it(`${name}: an unknown key is a TypeError naming it and the accepted keys`, () => {
      expect(() => setUp({ mode: 'throw', onViolaton: () => undefined })).toThrow(
        new TypeError(
          'response guard: unknown option "onViolaton"; accepted options are mode, onViolation, fullStacks, endTimeout, contentLength, firstStack',
        ),
      );
    });

    it.each([
      ['mode', 'warn', `option "mode" must be 'drop', 'throw' or 'report', got "warn"`],
      ['fullStacks', 1, 'option "fullStacks" must be true or false, got 1'],
      ['onViolation', 'console', 'option "onViolation" must be a function (violation) => void, got "console"'],
      ['endTimeout', -5, 'option "endTimeout" must be a positive finite number of milliseconds, or false, got -5'],
      ['endTimeout', '100', 'option "endTimeout" must be a positive finite number of milliseconds, or false, got "100"'],
      ['contentLength', 'yes', 'option "contentLength" must be true or false, got "yes"'],
      ['firstStack', true, `option "firstStack" must be 'always' or 'after-first-violation', got true`],
    ])(`${name}: %s = %j is a TypeError naming the key and the accepted values`, (key, value, message) => {
      expect(() => setUp({ [key]: value })).toThrow(new TypeError(`response guard: ${message}`));
    });

    it(`${name}: options must be an object`, () => {
      expect(() => setUp('throw')).toThrow(TypeError);
      expect(() => setUp(null)).toThrow(TypeError);
    });

    it(`${name}: valid options and no options are accepted`, () => {
      expect(() => setUp(undefined)).not.toThrow();
      expect(() => setUp({ mode: 'report', onViolation: () => undefined, endTimeout: false, contentLength: false, firstStack: 'always' })).not.toThrow();
    });
  }
});

describe('defaults', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  /** A handler that answers, then sends again: what the guard threw (caught by the handler) and what the client got. */
  async function sendTwice(listener: (res: http.ServerResponse) => void): Promise<{ caught: unknown[]; body: string }> {
    const caught: unknown[] = [];
    const server = await start(
      guard((_req, res) => {
        res.end('first');
        try {
          listener(res);
        } catch (error) {
          caught.push(error);
        }
      }),
    );
    const { body } = await get(server.port, '/');
    await settle();
    await server.close();
    return { caught, body };
  }

  for (const env of ['production', 'test', 'development', undefined]) {
    it(`mode is 'drop' with NODE_ENV=${env ?? '(unset)'}: reported on stderr once, nothing thrown, the first answer stands`, async () => {
      vi.stubEnv('NODE_ENV', env);
      const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const { caught, body } = await sendTwice((res) => res.end('second'));
      expect(caught).toEqual([]);
      expect(body).toBe('first');
      expect(printed).toHaveBeenCalledTimes(1);
      expect(String(printed.mock.calls[0]?.[0])).toMatch(/^\[response guard\] no-write-after-end \(GET \/\): `res\.end\(\)` writes to a response that was already ended/u);
    });
  }

  it('the default report is one line and the two call sites; fullStacks prints both stacks', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const fullStacks of [false, true]) {
      const server = await start(
        guard(
          (_req, res) => {
            res.end('first');
            res.write('late');
          },
          { firstStack: 'always', fullStacks },
        ),
      );
      await get(server.port, '/');
      await settle();
      await server.close();
    }
    const [short, full] = printed.mock.calls.map((call) => String(call[0]).split('\n'));
    expect(short).toHaveLength(3);
    expect(short?.[1]).toMatch(/^ {2}late call: {4}.*options\.test\.ts:\d+:\d+\)?$/u);
    expect(short?.[2]).toMatch(/^ {2}first answer: .*options\.test\.ts:\d+:\d+\)?$/u);
    expect(full?.filter((line) => line.startsWith('    at ')).length).toBeGreaterThan(2);
    expect(full).toContain('  late call:');
    expect(full).toContain('  first answer:');
  });

  it('an onViolation that throws does not break the response', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await start(
      guard(
        (_req, res) => {
          res.end('kept');
          res.setHeader('x-late', '1');
        },
        {
          onViolation: () => {
            throw new Error('reporter down');
          },
        },
      ),
    );
    const response = await get(server.port, '/');
    await server.close();
    expect(response).toMatchObject({ status: 200, body: 'kept', complete: true });
  });

  it('contentLength: false turns the byte check off', async () => {
    const rec = recorder();
    const server = await start(
      guard(
        (_req, res) => {
          res.setHeader('content-length', 3);
          res.end('lon');
        },
        { mode: 'report', contentLength: false, onViolation: rec.onViolation },
      ),
    );
    await get(server.port, '/');
    await server.close();
    expect(rec.violations).toEqual([]);
  });
});

describe('set-up', () => {
  it('guardResponse guards one response, keeping a status assigned before', async () => {
    const rec = recorder();
    const server = await start((_req, res) => {
      res.statusCode = 202;
      guardResponse(res, { mode: 'report', onViolation: rec.onViolation });
      res.end('accepted');
      res.statusCode = 500;
    });
    const response = await get(server.port, '/');
    await settle();
    await server.close();
    expect(response.status).toBe(202);
    expect(rec.violations.map((v) => v.operation)).toEqual(['res.statusCode =']);
  });

  it('responseGuard leaves the global express.response and other apps alone', async () => {
    const before = Object.getOwnPropertyDescriptors(express.response);
    const rec = recorder();
    const guarded = makeApp({ mode: 'report', onViolation: rec.onViolation }, (app) =>
      app.get('/', (_req, res) => {
        res.on('error', () => undefined);
        res.end('a');
        res.end('b');
      }),
    );
    const plain = makeApp(undefined, (app) =>
      app.get('/', (_req, res) => {
        res.on('error', () => undefined);
        res.end('a');
        res.end('b');
      }),
    );
    for (const app of [guarded, plain]) {
      const server = await start(app);
      await get(server.port, '/');
      await settle();
      await server.close();
    }
    expect(rec.violations).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptors(express.response)).toEqual(before);
    expect(Object.getPrototypeOf(express.response)).toBe(http.ServerResponse.prototype);
  });

  it('responseGuard guards the responses of a mounted sub-app', async () => {
    const rec = recorder();
    const sub = express();
    sub.get('/inner', (_req, res) => {
      res.send('a');
      res.status(500);
    });
    const app = makeApp({ mode: 'report', onViolation: rec.onViolation }, (a) => a.use('/sub', sub));
    const server = await start(app);
    const response = await get(server.port, '/sub/inner');
    await settle();
    await server.close();
    expect(response).toMatchObject({ status: 200, body: 'a' });
    expect(rec.violations.map((v) => [v.rule, v.operation, v.request.url])).toEqual([
      ['no-header-after-send', 'res.status()', '/sub/inner'],
    ]);
  });

  it("guard() also guards responses of a server built with the program's own ServerResponse class", async () => {
    class OwnResponse extends http.ServerResponse {}
    const rec = recorder();
    const listener = guard(
      (_req, res) => {
        res.end('a');
        res.write('b');
      },
      { onViolation: rec.onViolation },
    );
    const server = http.createServer({ ServerResponse: OwnResponse }, listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    await get(port, '/');
    await get(port, '/');
    await settle();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    expect(rec.violations.map((v) => v.rule)).toEqual(['no-write-after-end', 'no-write-after-end']);
  });

  it('adds no listener and no own property of its own to a response', async () => {
    const seen: { listeners: number; keys: string[] }[] = [];
    const probe: http.RequestListener = (_req, res) => {
      res.end('x');
      seen.push({
        listeners: res.eventNames().reduce((n, e) => n + res.listenerCount(e), 0),
        // The guard keeps the status Node would keep in an own `statusCode` under a symbol of that name.
        keys: Reflect.ownKeys(res)
          .map((key) => String(key).replace(/^Symbol\((statusCode|statusMessage)\)$/u, '$1'))
          .sort(),
      });
    };
    for (const listener of [probe, guard(probe, { mode: 'report', firstStack: 'always', endTimeout: 1000 })]) {
      const server = await start(listener);
      await get(server.port, '/');
      await server.close();
    }
    expect(seen[1]).toEqual(seen[0]);
  });
});
