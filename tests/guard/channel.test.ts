import diagnostics_channel from 'node:diagnostics_channel';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { guard, recordViolations, responseGuard, VIOLATION_CHANNEL, type GuardMode, type Violation } from '../../src/guard/index.js';
import { makeApp } from './express-app.js';
import { get, recorder, settle, start, until } from './helpers.js';

describe("every violation is published on diagnostics_channel 'response-lifecycle:violation'", () => {
  const published: unknown[] = [];
  const subscriber = (message: unknown): void => void published.push(message);
  afterEach(() => {
    diagnostics_channel.unsubscribe(VIOLATION_CHANNEL, subscriber);
    published.length = 0;
  });

  it('the channel name', () => {
    expect(VIOLATION_CHANNEL).toBe('response-lifecycle:violation');
  });

  for (const mode of ['drop', 'throw', 'report'] as const) {
    it(`node:http, '${mode}': the message is the violation onViolation receives`, async () => {
      diagnostics_channel.subscribe('response-lifecycle:violation', subscriber);
      const rec = recorder();
      const server = await start(
        guard(
          (_req, res) => {
            res.on('error', () => undefined);
            res.end('first');
            try {
              res.write('late');
            } catch {
              // thrown in 'throw' mode
            }
          },
          { mode, onViolation: rec.onViolation },
        ),
      );
      await get(server.port, '/p?x=1');
      await settle();
      await server.close();
      expect(rec.violations).toHaveLength(1);
      expect(published).toHaveLength(1);
      expect(published[0]).toBe(rec.violations[0]);
      expect(published[0]).toMatchObject({ rule: 'no-write-after-end', operation: 'res.write()', request: { method: 'GET', url: '/p?x=1' } });
    });
  }

  it('Express, with the default reporter: a send chain is one message', async () => {
    diagnostics_channel.subscribe(VIOLATION_CHANNEL, subscriber);
    const app = makeApp({ onViolation: () => undefined }, (a) =>
      a.get('/twice', (_req, res) => {
        res.json({ a: 1 });
        res.status(500).json({ b: 2 });
      }),
    );
    const server = await start(app);
    const response = await get(server.port, '/twice');
    await settle();
    await server.close();
    expect(response).toMatchObject({ status: 200, body: '{"a":1}' });
    expect((published as Violation[]).map((v) => [v.rule, v.operation])).toEqual([['no-double-send', 'res.json()']]);
  });

  it('nothing is published for a correct response', async () => {
    diagnostics_channel.subscribe(VIOLATION_CHANNEL, subscriber);
    const server = await start(guard((_req, res) => res.end('ok')));
    await get(server.port, '/');
    await settle();
    await server.close();
    expect(published).toEqual([]);
  });
});

describe('recordViolations()', () => {
  it("collects from every guard, makes them record the first answer, and assertNone() waits for late calls", async () => {
    const violations = recordViolations();
    try {
      // Default options: 'after-first-violation' would leave the first report without a first answer.
      const server = await start(
        guard(
          (_req, res) => {
            res.end('first');
            setImmediate(() => res.end('late'));
          },
          { onViolation: () => undefined },
        ),
      );
      await get(server.port, '/late');
      await server.close();
      const error = await violations.assertNone().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'ResponseLifecycleViolations' });
      const { message, violations: listed } = error as { message: string; violations: Violation[] };
      expect(listed.map((v) => v.rule)).toEqual(['no-write-after-end']);
      expect(listed[0]?.firstStack).toContain('channel.test.ts');
      expect(message.split('\n')).toEqual([
        '1 response lifecycle violation:',
        expect.stringMatching(/^1\) no-write-after-end \(GET \/late\): `res\.end\(\)` writes to a response that `res\.end\(\)` already ended at \S+channel\.test\.ts:\d+:\d+/u),
        expect.stringMatching(/^ {2}late call: {4}.*channel\.test\.ts:\d+:\d+\)?$/u),
        expect.stringMatching(/^ {2}first answer: .*channel\.test\.ts:\d+:\d+\)?$/u),
      ]);
      // Reported once: the next check is clean.
      await expect(violations.assertNone()).resolves.toBeUndefined();
    } finally {
      violations.stop();
    }
  });
});

describe('a guard installed too late warns once', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
    warnings.length = 0;
  });
  const late = (): Error[] => warnings.filter((w) => (w as { code?: string }).code === 'RESPONSE_GUARD_INSTALLED_LATE');
  /** Two requests to `path`, then wait for the (one) warning. */
  async function requestTwice(listener: http.RequestListener, path: string): Promise<void> {
    const server = await start(listener);
    await get(server.port, path);
    await get(server.port, path);
    await until(() => late().length > 0);
    await settle();
    await server.close();
  }

  it('Express: routes registered before the guard', async () => {
    process.on('warning', onWarning);
    const app = makeApp(undefined, (a) => {
      a.get('/early', (_req, res) => res.send('unguarded'));
      a.post('/also-early', (_req, res) => res.send('unguarded'));
    });
    app.use(responseGuard());
    app.get('/after', (_req, res) => res.send('guarded'));
    await requestTwice(app as unknown as http.RequestListener, '/after');
    expect(late()).toHaveLength(1);
    expect(late()[0]?.name).toBe('ResponseGuardWarning');
    expect(late()[0]?.message).toMatch(/^response guard: responseGuard\(\) was registered after 2 routes \(\/early, \/also-early\): /u);
  });

  it('Express: a response already answered when the guard first sees it', async () => {
    process.on('warning', onWarning);
    const app = makeApp(undefined, (a) => {
      a.use((_req: unknown, res: http.ServerResponse, next: () => void) => {
        res.end('answered before the guard');
        next();
      });
    });
    app.use(responseGuard({ onViolation: () => undefined }));
    await requestTwice(app as unknown as http.RequestListener, '/');
    expect(late().map((w) => w.message)).toEqual([expect.stringMatching(/^response guard: a response was already answered when the guard first saw it/u)]);
  });

  it('node:http: a response answered before the guarded listener runs', async () => {
    process.on('warning', onWarning);
    const guarded = guard(() => undefined, { onViolation: () => undefined });
    await requestTwice((req, res) => {
      res.end('answered first');
      guarded(req, res);
    }, '/');
    expect(late()).toHaveLength(1);
  });

  it.each(['drop', 'throw', 'report'] as GuardMode[])("no warning when the guard comes first ('%s')", async (mode) => {
    process.on('warning', onWarning);
    const app = makeApp({ mode }, (a) => a.get('/', (_req, res) => res.send('ok')));
    const server = await start(app);
    await get(server.port, '/');
    await settle();
    await server.close();
    expect(late()).toEqual([]);
  });
});
