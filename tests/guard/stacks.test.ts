import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guard, ResponseLifecycleError, type GuardOptions, type Violation } from '../../src/guard/index.js';
import { makeApp } from './express-app.js';
import { get, recorder, settle, start } from './helpers.js';

const thisFile = fileURLToPath(import.meta.url);
const source = readFileSync(thisFile, 'utf8').split('\n');

/** "stacks.test.ts:<line>" of the line carrying a marker comment. */
function at(marker: string): string {
  const index = source.findIndex((line) => line.includes(`// ${marker}`));
  expect(index).toBeGreaterThanOrEqual(0);
  return `stacks.test.ts:${index + 1}:`;
}

/** The first stack frame, i.e. the offending call. */
function top(stack: string | undefined): string {
  return stack?.split('\n').find((line) => line.startsWith('    at ')) ?? '';
}

/** Serve `listener` and send it `requests` GETs, one after the other. */
async function serve(listener: Parameters<typeof start>[0], requests = 1): Promise<void> {
  const server = await start((req, res) => {
    res.on('error', () => undefined);
    listener(req, res);
  });
  for (let i = 0; i < requests; i += 1) await get(server.port, '/');
  await settle();
  await server.close();
}

/** A guarded listener that ends the response, then sets the status; what the guard throws lands in `caught`. */
function endThenLateHeader(options: GuardOptions, caught: unknown[]): ReturnType<typeof guard> {
  return guard((_req, res) => {
    res.end('first'); // FIRST-END
    try {
      // An assignment: thrown at once in 'throw' mode (a late setHeader() on a finished response may
      // start a send chain, so it is reported after the handler's synchronous code instead).
      res.statusCode = 500; // LATE-HEADER
    } catch (error) {
      caught.push(error);
    }
  }, options);
}

/** A report of `endThenLateHeader`'s misuse that points at the late call and at the first end, as does the error thrown with it. */
function expectPointsAtFirstEnd(violation: Violation | undefined, thrown: unknown): void {
  expect(top(violation?.stack)).toContain(at('LATE-HEADER'));
  expect(top(violation?.firstStack)).toContain(at('FIRST-END'));
  expect(violation?.message).toContain(at('FIRST-END'));
  expect((thrown as ResponseLifecycleError).firstStack).toBe(violation?.firstStack);
}

describe('a violation points at the misuse and at the first send', () => {
  it("node:http: setHeader after end (firstStack: 'always')", async () => {
    const rec = recorder();
    const caught: unknown[] = [];
    await serve(endThenLateHeader({ mode: 'throw', firstStack: 'always', onViolation: rec.onViolation }, caught));
    const [violation] = rec.violations;
    expectPointsAtFirstEnd(violation, caught[0]);
    const error = caught[0] as ResponseLifecycleError;
    expect(error).toBeInstanceOf(ResponseLifecycleError);
    expect(top(error.stack)).toContain(at('LATE-HEADER'));
  });

  it("node:http: statusCode assignment after a write points at the assignment and the write (firstStack: 'always')", async () => {
    const rec = recorder();
    await serve(
      guard(
        (_req, res) => {
          res.write('partial'); // FIRST-WRITE
          try {
            res.statusCode = 500; // LATE-STATUS
          } catch {
            // thrown in throw mode
          }
          res.end();
        },
        { mode: 'throw', firstStack: 'always', onViolation: rec.onViolation },
      ),
    );
    expect(top(rec.violations[0]?.stack)).toContain(at('LATE-STATUS'));
    expect(top(rec.violations[0]?.firstStack)).toContain(at('FIRST-WRITE'));
  });

  it('Express: a second send, and next() after a send', async () => {
    const rec = recorder();
    const app = makeApp({ mode: 'report', firstStack: 'always', onViolation: rec.onViolation }, (a) => {
      a.get('/', (req, res, next) => {
        if (req.headers['x-case'] === 'next') {
          res.json({ first: true }); // FIRST-JSON
          next(); // LATE-NEXT
          return;
        }
        res.send('first'); // FIRST-SEND
        res.send('second'); // SECOND-SEND
      });
    });
    const server = await start(app);
    await get(server.port, '/');
    await new Promise<void>((resolve) => {
      void fetch(`http://127.0.0.1:${server.port}/`, { headers: { 'x-case': 'next' } })
        .then((r) => r.text())
        .then(() => resolve());
    });
    await settle();
    await server.close();
    const [send, next] = rec.violations;
    expect(top(send?.stack)).toContain(at('SECOND-SEND'));
    expect(top(send?.firstStack)).toContain(at('FIRST-SEND'));
    expect(top(next?.stack)).toContain(at('LATE-NEXT'));
    expect(top(next?.firstStack)).toContain(at('FIRST-JSON'));
  });

  it("report mode records the first send once it has seen a violation (firstStack: 'after-first-violation')", async () => {
    const rec = recorder();
    await serve(
      guard(
        (_req, res) => {
          res.end('first'); // REPEAT-FIRST
          res.end('second'); // REPEAT-SECOND
        },
        { mode: 'report', onViolation: rec.onViolation },
      ),
      2,
    );
    const [first, second] = rec.violations;
    expect(first?.firstStack).toBeUndefined();
    // No placeholder for the call that was not recorded, and how to get it.
    expect(first?.message).toMatch(/^`res\.end\(\)` writes to a response that was already ended \(where it was first answered is not recorded: pass `firstStack: 'always'`/u);
    expect(first?.message).not.toContain('an earlier call');
    expect(top(first?.stack)).toContain(at('REPEAT-SECOND'));
    expect(top(second?.firstStack)).toContain(at('REPEAT-FIRST'));
  });

  it("throw mode by default ('always'): every report, the first included, points at the first send", async () => {
    const rec = recorder();
    const caught: unknown[] = [];
    await serve(endThenLateHeader({ mode: 'throw', onViolation: rec.onViolation }, caught), 3);
    expect(rec.violations).toHaveLength(3);
    expect(caught).toHaveLength(3);
    for (const [i, violation] of rec.violations.entries()) expectPointsAtFirstEnd(violation, caught[i]);
  });

  it("throw mode with firstStack 'after-first-violation': the first report says the first send was not recorded, later ones point at it", async () => {
    const rec = recorder();
    const caught: unknown[] = [];
    await serve(endThenLateHeader({ mode: 'throw', firstStack: 'after-first-violation', onViolation: rec.onViolation }, caught), 3);
    expect(rec.violations).toHaveLength(3);
    const [first, ...later] = rec.violations;
    expect(first?.firstStack).toBeUndefined();
    expect(first?.message).toContain('changes the head after it was already sent (where it was first answered is not recorded');
    expect(top(first?.stack)).toContain(at('LATE-HEADER'));
    expect(caught).toHaveLength(3);
    for (const [i, violation] of later.entries()) expectPointsAtFirstEnd(violation, caught[i + 1]);
  });

  it('a head violation points at the call that sent the head, an end violation at the call that ended', async () => {
    const rec = recorder();
    let request = 0;
    await serve(
      guard(
        (_req, res) => {
          request += 1;
          res.write('head and a chunk'); // HEAD-SENT
          res.end(); // ENDED
          try {
            if (request === 1) res.setHeader('x-late', '1'); // HEAD-LATE
            else res.end('again'); // END-LATE
          } catch {
            // thrown in throw mode
          }
        },
        { mode: 'throw', firstStack: 'always', onViolation: rec.onViolation },
      ),
      2,
    );
    const [head, end] = rec.violations;
    expect(head?.rule).toBe('no-header-after-send');
    expect(top(head?.stack)).toContain(at('HEAD-LATE'));
    expect(top(head?.firstStack)).toContain(at('HEAD-SENT'));
    expect(end?.rule).toBe('no-write-after-end');
    expect(top(end?.stack)).toContain(at('END-LATE'));
    expect(top(end?.firstStack)).toContain(at('ENDED'));
  });

  it("Express, firstStack 'after-first-violation': after the first violation, the first send is the program's call, not Express's nested ones", async () => {
    const rec = recorder();
    const app = makeApp({ mode: 'throw', firstStack: 'after-first-violation', onViolation: rec.onViolation }, (a) => {
      a.get('/', (_req, res) => {
        res.json({ first: true }); // EXPRESS-FIRST
        res.json({ second: true }); // EXPRESS-SECOND
      });
    });
    const server = await start(app);
    await get(server.port, '/');
    await get(server.port, '/');
    await settle();
    await server.close();
    const [first, second] = rec.violations;
    expect(first?.rule).toBe('no-double-send');
    expect(first?.firstStack).toBeUndefined();
    expect(top(second?.stack)).toContain(at('EXPRESS-SECOND'));
    expect(top(second?.firstStack)).toContain(at('EXPRESS-FIRST'));
    expect(second?.message).toContain(at('EXPRESS-FIRST'));
  });
});
