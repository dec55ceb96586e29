import type http from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guard, ResponseLifecycleError, type GuardOptions, type Violation } from '../../src/guard/index.js';
import { makeApp } from './express-app.js';
import { raw, settle, start, until, withoutDate } from './helpers.js';

/**
 * Hostile requests: header names and values, URLs and methods chosen to reach object keys
 * (`__proto__`, `constructor`, `prototype`), fed by a handler into misuses of the response. The
 * guard must not pollute a prototype, must not put request data or a stack into the response, and
 * a failing `onViolation` must not change the response.
 */
const TOKEN = 'HOSTILE7d1f';
const KEY_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'polluted'];
const longQuery = `__proto__[polluted]=${TOKEN}&constructor[prototype][polluted]=${TOKEN}&pad=${'a'.repeat(7000)}`;
const hostileHeaders = KEY_NAMES.map((name) => `${name}: ${TOKEN}\r\n`).join('') + `x-${TOKEN}: __proto__\r\n`;

const requests: Record<string, string> = {
  'GET, hostile header names and values, long URL': request('GET', `/${TOKEN}/__proto__/constructor?${longQuery}`),
  'HEAD, hostile headers': request('HEAD', `/__proto__?${TOKEN}`),
  'PROPFIND (a WebDAV method)': request('PROPFIND', `/constructor/prototype?${TOKEN}`),
  'M-SEARCH (an SSDP method)': request('M-SEARCH', `/prototype?${TOKEN}`),
  'many hostile headers and a long header value': request(
    'GET',
    `/many?${TOKEN}`,
    '',
    Array.from({ length: 200 }, (_, i) => `x-${i}-__proto__: constructor ${TOKEN}\r\n`).join('') + `x-long: ${TOKEN}${'\u00e9'.repeat(4000)}\r\n`,
  ),
  'POST with a hostile body': request('POST', `/__proto__?${TOKEN}`, `{"__proto__":{"polluted":"${TOKEN}"}}`),
};

function request(method: string, path: string, body = '', moreHeaders = ''): string {
  const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${hostileHeaders}${moreHeaders}${length}Connection: close\r\n\r\n${body}`;
}

const attempt = (fn: () => unknown): void => {
  try {
    fn();
  } catch {
    // Node's own ERR_HTTP_HEADERS_SENT (and, in 'throw' mode, the guard's error): the program goes on
  }
};

/**
 * A handler that answers with constant bytes, then drives request data into every misuse: header
 * names and values from the request, the URL as status message and as body, a header object parsed
 * from the request body (with an own `__proto__` key) given to `writeHead`.
 */
function misuseWithRequestData(req: http.IncomingMessage, res: http.ServerResponse, done: () => void): void {
  res.on('error', () => undefined); // write after end emits 'error', guard or not
  let body = '';
  req.setEncoding('latin1');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    res.setHeader('content-type', 'text/plain');
    res.end('constant answer');
    for (const [name, value] of Object.entries(req.headers)) attempt(() => res.setHeader(name, value ?? ''));
    attempt(() => res.writeHead(200, body ? (JSON.parse(body) as http.OutgoingHttpHeaders) : req.headers));
    attempt(() => (res.statusMessage = req.url ?? ''));
    attempt(() => res.write(req.url ?? ''));
    attempt(() => res.end(JSON.stringify(req.headers)));
    done();
  });
}

interface Server {
  port: number;
  close: () => Promise<void>;
}

const servers: Record<string, (options: GuardOptions | undefined, done: () => void) => Promise<Server>> = {
  'node:http': (options, done) => {
    const handler: http.RequestListener = (req, res) => misuseWithRequestData(req, res, done);
    return start(options ? guard(handler, options) : handler);
  },
  'Express 5': (options, done) => {
    const app = makeApp(options, (a) => {
      a.use((req: Request, res: Response) => misuseWithRequestData(req, res, done));
      // Express's own error handler writes err.stack into the page unless env is 'production'.
      a.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => next(error));
    });
    // In 'production' Express's error page is the status text only, never a stack.
    app.set('env', 'production');
    return start(app as unknown as http.RequestListener);
  },
};

/** The bytes the client got for `text`, after the handler ran. */
async function exchange(framework: string, options: GuardOptions | undefined, text: string): Promise<string> {
  let handled = false;
  const server = await servers[framework]!(options, () => (handled = true));
  const answer = await raw(server.port, text);
  await until(() => handled);
  await settle();
  await server.close();
  return withoutDate(answer);
}

const prototypes = [Object.prototype, Function.prototype, Array.prototype, String.prototype];
const ownKeys = (): string[][] => prototypes.map((p) => Reflect.ownKeys(p).map(String).sort());

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(Object.keys(servers))('hostile requests: %s', (framework) => {
  // Express logs each error it handles in 'production'; keep the test output readable.
  const quiet = (): void => void vi.spyOn(console, 'error').mockImplementation(() => undefined);

  for (const [name, text] of Object.entries(requests)) {
    it(`${name}: 'report' changes no byte, pollutes nothing, reports without echoing`, async () => {
      quiet();
      const before = ownKeys();
      const violations: Violation[] = [];
      const bare = await exchange(framework, undefined, text);
      const guarded = await exchange(framework, { mode: 'report', onViolation: (v) => violations.push(v) }, text);
      expect(guarded).toBe(bare);
      expect(guarded).not.toContain(TOKEN);
      expect(guarded).not.toMatch(/ {4}at |ResponseLifecycleError|response-lifecycle/u);
      expect(ownKeys()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Every hostile request reached the handler; its data went to onViolation, and only there.
      expect(guarded).toMatch(/^HTTP\/1\.1 200 OK\r\n/u);
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.request.url?.includes(TOKEN))).toBe(true);
    });

    it(`${name}: 'throw' puts neither a stack nor request data into the response`, async () => {
      quiet();
      const before = ownKeys();
      const answer = await exchange(framework, { mode: 'throw', onViolation: () => undefined }, text);
      expect(answer).not.toContain(TOKEN);
      expect(answer).not.toMatch(/ {4}at |ResponseLifecycleError|response-lifecycle/u);
      expect(ownKeys()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});

describe.each(Object.keys(servers))('onViolation that fails: %s', (framework) => {
  const text = requests['GET, hostile header names and values, long URL']!;
  const reporters: Record<string, () => unknown> = {
    throws: () => {
      throw new Error('reporter down');
    },
    'throws a non-error': () => {
      // a reporter may throw anything
      throw 'reporter down';
    },
    'returns a rejected promise (an async reporter)': () => Promise.reject(new Error('reporter down')),
  };

  for (const [how, onViolation] of Object.entries(reporters)) {
    it(`${how}: the client gets the same bytes, the failure goes to console.error, no process-level error`, async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const faults: unknown[] = [];
      const onFault = (error: unknown): void => void faults.push(error);
      process.on('unhandledRejection', onFault);
      process.on('uncaughtException', onFault);
      try {
        const bare = await exchange(framework, undefined, text);
        logged.mockClear();
        let calls = 0;
        const guarded = await exchange(
          framework,
          {
            mode: 'report',
            onViolation: () => {
              calls += 1;
              return onViolation();
            },
          },
          text,
        );
        // Unhandled rejections are detected after the microtask queue drains.
        await settle();
        expect(guarded).toBe(bare);
        expect(calls).toBeGreaterThan(0);
        const surfaced = logged.mock.calls.filter((args) => String(args[0]).includes('onViolation threw'));
        expect(surfaced).toHaveLength(calls);
        expect(faults).toEqual([]);
      } finally {
        process.off('unhandledRejection', onFault);
        process.off('uncaughtException', onFault);
      }
    });
  }
});

describe('onViolation that fails, in throw mode', () => {
  const text = requests['GET, hostile header names and values, long URL']!;
  it("throws, in 'throw' mode: the program still gets the ResponseLifecycleError, not the reporter's error", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const caught: unknown[] = [];
    const server = await start(
      guard(
        (_req, res) => {
          res.on('error', () => undefined);
          res.end('ok');
          try {
            res.write('late');
          } catch (error) {
            caught.push(error);
          }
        },
        {
          mode: 'throw',
          onViolation: () => {
            throw new Error('reporter down');
          },
        },
      ),
    );
    const answer = await raw(server.port, text);
    await until(() => caught.length > 0);
    await server.close();
    expect(answer).toMatch(/\r\n\r\nok$/u);
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(ResponseLifecycleError);
  });
});

describe("a refused call answered by an error page that shows the error ('throw' mode)", () => {
  const text = requests['GET, hostile header names and values, long URL']!;
  /** A Content-Length mismatch on a body made of request data: refused before the head is sent. */
  const refused = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('Content-Length', 3);
    res.end(`${req.url ?? ''} ${JSON.stringify(req.headers)}`);
  };
  /** What a development error page shows: the error's message and stack. */
  const errorPage = (res: http.ServerResponse, error: unknown): void => {
    res.statusCode = 500;
    res.end(`${(error as Error).message}\n${(error as Error).stack ?? ''}`);
  };

  it('node:http: the error the guard throws carries no request data', async () => {
    const caught: unknown[] = [];
    const server = await start(
      guard(
        (req, res) => {
          try {
            refused(req, res);
          } catch (error) {
            caught.push(error);
            errorPage(res, error);
          }
        },
        { mode: 'throw', onViolation: () => undefined },
      ),
    );
    const answer = await raw(server.port, text);
    await server.close();
    expect(caught[0]).toBeInstanceOf(ResponseLifecycleError);
    expect(answer).toMatch(/^HTTP\/1\.1 500 [^]*declared 3 bytes/u);
    expect(answer).not.toContain(TOKEN);
  });

  it('Express 5: the error the guard throws carries no request data', async () => {
    const app = makeApp({ mode: 'throw', onViolation: () => undefined }, (a) => {
      a.use(refused);
      a.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => errorPage(res, error));
    });
    const server = await start(app as unknown as http.RequestListener);
    const answer = await raw(server.port, text);
    await server.close();
    expect(answer).toMatch(/^HTTP\/1\.1 500 [^]*declared 3 bytes/u);
    expect(answer).not.toContain(TOKEN);
  });
});

describe('options inherited from a polluted Object.prototype', () => {
  it('an inherited mode is not used: the default applies', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    const caught: unknown[] = [];
    let listener: http.RequestListener;
    const reported: Violation[] = [];
    // What another library's prototype pollution would leave behind.
    polluted.mode = 'throw';
    try {
      listener = guard(
        (_req, res) => {
          res.end('ok');
          try {
            res.write('late');
          } catch (error) {
            caught.push(error);
          }
        },
        { onViolation: (v) => reported.push(v) },
      );
    } finally {
      delete polluted.mode;
    }
    const server = await start(listener);
    await raw(server.port, requests['HEAD, hostile headers']!);
    await until(() => reported.length > 0);
    await server.close();
    // The default mode, 'drop': reported, nothing thrown.
    expect(reported.map((v) => v.rule)).toEqual(['no-write-after-end']);
    expect(caught).toEqual([]);
  });

  it('an inherited reporter is not used when the options object has none', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    const stolen: Violation[] = [];
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let listener: http.RequestListener;
    polluted.onViolation = (v: Violation) => stolen.push(v);
    try {
      listener = guard(
        (_req, res) => {
          res.end('ok');
          res.write('late');
        },
        {},
      );
    } finally {
      delete polluted.onViolation;
    }
    const server = await start(listener);
    await raw(server.port, requests['HEAD, hostile headers']!);
    await until(() => logged.mock.calls.length > 0 || stolen.length > 0);
    await server.close();
    expect(stolen).toEqual([]);
    expect(String(logged.mock.calls[0]?.[0])).toContain('[response guard] no-write-after-end');
  });
});
