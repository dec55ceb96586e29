import type { Request, Response, NextFunction } from 'express';
import { describe, expect, it } from 'vitest';
import { ResponseLifecycleError, type GuardMode, type GuardOptions } from '../../src/guard/index.js';
import { files, makeApp } from './express-app.js';
import { get, raw, recorder, requestText, settle, start, until, withoutDate } from './helpers.js';

type Attempt = (fn: () => unknown) => void;
interface Scenario {
  name: string;
  rule: string;
  operation: string;
  handler: (req: Request, res: Response, next: NextFunction, attempt: Attempt) => unknown;
  /** A second route that answers what `next()` passes on. */
  fallThrough?: boolean;
  /** Express itself crashes the process on this misuse, so 'report' mode (which changes nothing) cannot be run. */
  reportCrashesWithoutGuard?: boolean;
  /**
   * A head change by a method call on a finished response: it may start a send chain
   * (`res.status(500).json(b)`), so it is reported after the handler's synchronous code, and
   * dropped, not thrown, in 'throw' mode.
   */
  maybeChain?: boolean;
  /** The misuse runs after the response closed (in a timer). */
  late?: boolean;
}

const scenarios: Scenario[] = [
  {
    name: 'send twice',
    rule: 'no-double-send',
    operation: 'res.send()',
    handler: (_req, res) => {
      res.send('one');
      res.send('two');
    },
  },
  {
    name: 'send twice after await',
    rule: 'no-double-send',
    operation: 'res.send()',
    handler: async (_req, res) => {
      res.send('one');
      await Promise.resolve();
      res.send('two');
    },
  },
  {
    name: 'send twice from a timer',
    late: true,
    rule: 'no-double-send',
    operation: 'res.send()',
    // Outside Express's reach a throw would crash the process, guard or not: the handler catches.
    handler: (_req, res, _next, attempt) => {
      res.send('one');
      setTimeout(() => attempt(() => res.send('two')), 1);
    },
  },
  {
    name: 'json after send',
    rule: 'no-double-send',
    operation: 'res.json()',
    handler: (_req, res) => {
      res.send('one');
      res.json({ two: 2 });
    },
  },
  {
    name: 'redirect after send',
    rule: 'no-double-send',
    operation: 'res.redirect()',
    handler: (_req, res) => {
      res.send('one');
      res.redirect('/elsewhere');
    },
  },
  {
    name: 'sendStatus after end',
    rule: 'no-double-send',
    operation: 'res.sendStatus()',
    handler: (_req, res) => {
      res.end('one');
      res.sendStatus(500);
    },
  },
  {
    name: 'status after send',
    maybeChain: true,
    rule: 'no-header-after-send',
    operation: 'res.status()',
    handler: (_req, res) => {
      res.send('one');
      res.status(500);
    },
  },
  {
    name: 'status(500).json() after send: one send chain, one no-double-send (as the lint rule says)',
    rule: 'no-double-send',
    operation: 'res.json()',
    handler: (_req, res) => {
      res.send('one');
      res.status(500).json({ two: 2 });
    },
  },
  {
    name: 'status(500).json() after send, from a timer',
    late: true,
    rule: 'no-double-send',
    operation: 'res.json()',
    // Without a guard (or in 'throw' mode) this throw is uncaught: the handler catches it.
    handler: (_req, res, _next, attempt) => {
      res.send('one');
      setImmediate(() => attempt(() => res.status(500).json({ two: 2 })));
    },
  },
  {
    name: 'set after send',
    maybeChain: true,
    rule: 'no-header-after-send',
    operation: 'res.set()',
    handler: (_req, res) => {
      res.send('one');
      res.set('x-late', '1');
    },
  },
  {
    name: 'json after writeHead',
    rule: 'no-header-after-send',
    operation: 'res.json()',
    handler: (_req, res) => {
      res.writeHead(200);
      res.json({ late: true });
    },
  },
  {
    name: 'write after send',
    rule: 'no-write-after-end',
    operation: 'res.write()',
    handler: (_req, res, _next, attempt) => {
      res.send('one');
      attempt(() => res.write('more'));
    },
  },
  {
    name: 'format after send',
    rule: 'no-double-send',
    operation: 'res.format()',
    handler: (_req, res) => {
      res.send('one');
      res.format({ default: () => res.send('two') });
    },
  },
  {
    name: 'next() after send',
    rule: 'no-double-send',
    operation: 'next()',
    fallThrough: true,
    handler: (_req, res, next) => {
      res.send('one');
      next();
    },
  },
  {
    name: 'next(err) after send',
    rule: 'no-double-send',
    operation: 'next()',
    handler: (_req, res, next) => {
      res.send('one');
      next(new Error('late'));
    },
  },
  {
    name: 'sendFile twice',
    rule: 'no-double-send',
    operation: 'res.sendFile()',
    handler: (_req, res) => {
      res.sendFile(files.large);
      res.sendFile(files.large);
    },
  },
  {
    name: 'render after send',
    rule: 'no-double-send',
    operation: 'res.render()',
    handler: (_req, res) => {
      res.send('one');
      res.render('page', { name: 'a' }, () => undefined);
    },
  },
  {
    name: 'send while render is still rendering',
    // Without a guard, render's own send later throws ERR_HTTP_HEADERS_SENT outside Express: a crash.
    reportCrashesWithoutGuard: true,
    rule: 'no-double-send',
    operation: 'res.send()',
    handler: (_req, res) => {
      res.render('page', { name: 'a' });
      res.send('too early');
    },
  },
];

function routes(scenario: Scenario, caught: unknown[]) {
  const attempt: Attempt = (fn) => {
    try {
      fn();
    } catch (error) {
      caught.push(error);
    }
  };
  return (app: ReturnType<typeof makeApp>) => {
    app.get('/x', (req, res, next) => {
      res.on('error', () => undefined); // Express adds no 'error' listener: write after end would crash
      return scenario.handler(req, res, next, attempt);
    });
    if (scenario.fallThrough) app.get('/x', (_req, res) => res.send('fell through'));
    // Express's own error handler sees what the guard threw
    app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
      caught.push(error);
      next(error);
    });
  };
}

async function run(scenario: Scenario, mode: GuardMode | undefined) {
  const rec = recorder();
  const caught: unknown[] = [];
  let closed = false;
  const app = makeApp({ ...(mode && { mode }), onViolation: rec.onViolation }, routes(scenario, caught));
  const server = await start((req, res) => {
    res.on('close', () => (closed = true));
    app(req, res);
  });
  const client = await get(server.port, '/x');
  await until(() => closed && (!scenario.late || rec.violations.length > 0));
  await settle();
  await server.close();
  return { violations: rec.violations, caught, client };
}

async function rawResponse(scenario: Scenario, guardOptions: GuardOptions | undefined): Promise<string> {
  const app = makeApp(guardOptions, routes(scenario, []));
  const server = await start(app);
  const text = await raw(server.port, requestText('/x'));
  await server.close();
  return text;
}

describe('Express 5: every violation, in both modes', () => {
  for (const scenario of scenarios) {
    it(`${scenario.name}: 'throw' ${scenario.maybeChain ? 'reports it and drops the call' : 'throws a ResponseLifecycleError at the misuse'}`, async () => {
      const { violations, caught, client } = await run(scenario, 'throw');
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      expect(violations[0]?.request).toEqual({ method: 'GET', url: '/x' });
      const thrown = caught.filter((e) => e instanceof ResponseLifecycleError);
      if (scenario.maybeChain) expect(thrown).toEqual([]);
      else expect(thrown.length).toBeGreaterThan(0);
      if (!scenario.maybeChain) expect(thrown[0]).toMatchObject({ rule: scenario.rule, operation: scenario.operation });
      expect(client.complete || client.error !== undefined).toBe(true);
    });

    it.skipIf(scenario.reportCrashesWithoutGuard)(`${scenario.name}: 'report' reports once and changes no byte the client gets`, async () => {
      const { violations, caught } = await run(scenario, 'report');
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      expect(caught.some((e) => e instanceof ResponseLifecycleError)).toBe(false);
      if (scenario.name === 'sendFile twice') return; // two streams interleave nondeterministically, guard or not
      const bare = await rawResponse(scenario, undefined);
      const guarded = await rawResponse(scenario, { mode: 'report', onViolation: () => undefined });
      expect(withoutDate(guarded)).toBe(withoutDate(bare));
    });
  }
});

describe("Express 5: every violation in 'drop' mode (the default): reported once, the first answer stands", () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const { violations, caught, client } = await run(scenario, undefined);
      expect(violations.map((v) => [v.rule, v.operation])).toEqual([[scenario.rule, scenario.operation]]);
      // Nothing thrown, so nothing reaches the error handler but what the program passes on itself.
      expect(caught).toEqual(scenario.name === 'next(err) after send' ? [new Error('late')] : []);
      // The client gets the first answer, complete, on a connection nobody had to cut.
      expect(client.error).toBeUndefined();
      expect(client).toMatchObject({ status: 200, complete: true });
      expect(client.body).toBe(FIRST_ANSWER[scenario.name] ?? 'one');
    });
  }
});

/** The body of the first answer, where it is not 'one'. */
const FIRST_ANSWER: Record<string, string> = {
  'json after writeHead': '', // the head went out with writeHead; the refused json() ends the response
  'sendFile twice': 'x'.repeat(2_000_000), // one copy of the file, not two interleaved
  'send while render is still rendering': 'rendered page.txt for a',
};

describe('Express 5: responses never finished (require-end)', () => {
  for (const mode of ['throw', 'report'] as const) {
    it(`${mode}: endTimeout reports a handler that never answers`, async () => {
      const rec = recorder();
      const app = makeApp({ mode, endTimeout: 20, onViolation: rec.onViolation }, (a) => {
        a.get('/stuck', () => undefined);
      });
      const server = await start(app);
      const client = get(server.port, '/stuck');
      await until(() => rec.violations.length > 0);
      await server.close();
      await client;
      expect(rec.violations.map((v) => [v.rule, v.request])).toEqual([['require-end', { method: 'GET', url: '/stuck' }]]);
    });
  }
});
