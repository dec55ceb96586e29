import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { guard, responseGuard, type Violation } from '../../../src/guard/index.js';
import { makeApp } from '../express-app.js';
import { settle } from '../helpers.js';
import { collectedHeap } from './heap.js';
import { expressKinds, expressRoutes, kindOf, nodeApp, nodeKinds, type LoadKind } from './kinds.js';
import { buildJobs, drive, listen, type Job, type LoadServer } from './run.js';

/**
 * The guard under load, in 'report' mode: every kind of request of kinds.ts, many times, on
 * keep-alive, pipelined, aborted, slow and 100-continue connections, against the guarded server
 * and an unguarded twin ('report' mode), and the same in 'throw' mode. `npm test` sends a few
 * thousand requests; `npm run stress` (STRESS=1) 30k per framework in 'report' and 10k in 'throw' mode.
 */
const STRESS = process.env.STRESS === '1';
/** Requests per framework and mode. */
const REQUESTS = { report: STRESS ? 30_000 : 2_500, drop: STRESS ? 10_000 : 1_000, throw: STRESS ? 10_000 : 1_000 } as const;
/** Heap growth allowed across the run, after GC. */
const HEAP_SLACK = 4 * 1024 * 1024;
/** One response in this many is watched with a WeakRef: none may survive the run. */
const SAMPLE = 7;

interface Setup {
  readonly kinds: readonly LoadKind<unknown>[];
  /** The application, guarded (with `onViolation` and the options given) or not. */
  app(guardOptions: Parameters<typeof guard>[1] | undefined): http.RequestListener;
}

const setups: Record<string, Setup> = {
  'node:http': {
    kinds: nodeKinds,
    app: (options) => (options ? guard(nodeApp(), options) : nodeApp()),
  },
  'Express 5': {
    kinds: expressKinds,
    app: (options) => {
      const app = makeApp(undefined, (a) => {
        if (options) a.use(responseGuard(options));
        expressRoutes(a);
      });
      return app as unknown as http.RequestListener;
    },
  },
};

/** Requests per kind: those the jobs send. */
function sentByKind(jobs: readonly Job[]): Map<string, number> {
  const sent = new Map<string, number>();
  for (const job of jobs) for (const kind of job.kinds) sent.set(kind, (sent.get(kind) ?? 0) + 1);
  return sent;
}

/** The violations `requests` (per kind) must be reported with. */
function expectedViolations(kinds: readonly LoadKind<unknown>[], requests: Map<string, number>): Map<string, number> {
  const expected = new Map<string, number>();
  for (const kind of kinds) {
    const n = kind.violations * (requests.get(kind.name) ?? 0);
    if (n > 0) expected.set(kind.name, n);
  }
  return expected;
}

/** Violations counted per kind as they are reported (kept as counts: stored reports would weigh on the heap figure). */
function violationCounter(): { counts: Map<string, number>; total: () => number; onViolation: (v: Violation) => void } {
  const counts = new Map<string, number>();
  return {
    counts,
    total: () => sum(counts),
    onViolation: (v) => {
      const kind = kindOf(v.request.url);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    },
  };
}

function connections(server: LoadServer): Promise<number> {
  return new Promise((resolve, reject) => server.server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
}

/** Waits until the server has no connection left, then lets 'close' handlers (and late reports) run. */
async function drained(server: LoadServer): Promise<void> {
  for (;;) {
    if ((await connections(server)) === 0) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await settle();
}

function listenerCounts(emitter: NodeJS.EventEmitter): string {
  return emitter
    .eventNames()
    .map((name) => `${String(name)}=${emitter.listenerCount(name)}`)
    .join(' ');
}

describe.each(Object.entries(setups))('the guard under load: %s', (framework, setup) => {
  it.each(['report', 'drop', 'throw'] as const)(
    // 'drop' and 'throw' change the answers on purpose (they refuse the misuse): their runs check the
    // rest. 'drop' runs every kind: no misuse, not even one in an event listener, may crash it.
    `%s mode: the twin's answers ('report'), each violation once, no crash, no client left waiting, no leak`,
    async (mode) => {
      const requests = REQUESTS[mode];
      // A misuse inside an event listener throws out of the emitter in 'throw' mode, like Node's own errors.
      const kinds = mode === 'throw' ? setup.kinds.filter((k) => k.uncaughtInThrowMode !== true) : setup.kinds;
      const faults: unknown[] = [];
      const onFault = (error: unknown): void => void faults.push(error);
      process.on('uncaughtException', onFault);
      process.on('unhandledRejection', onFault);
      const processListeners = listenerCounts(process);

      const violations = violationCounter();
      const watched: WeakRef<object>[] = [];
      let seenResponses = 0;
      /** Requests per kind that reached the application. */
      const arrived = new Map<string, number>();
      const guarded = setup.app({ mode, onViolation: violations.onViolation, endTimeout: 600_000 });
      const server = await listen((req, res) => {
        seenResponses += 1;
        if (seenResponses % SAMPLE === 0) watched.push(new WeakRef(res));
        const kind = kindOf(req.url);
        arrived.set(kind, (arrived.get(kind) ?? 0) + 1);
        guarded(req, res);
      });
      const twin = await listen(setup.app(undefined));

      try {
        // Warm up (JIT, lazily built prototypes, Express's router, V8's tables sized by the load),
        // then measure from a collected heap. Measured over 180k requests: the guarded heap grows by
        // ~3 MB over the first ~30k, then stays flat, so a warm-up of half the run absorbs most of that.
        const warmJobs = buildJobs(kinds, Math.max(400, requests / 2));
        await drive(server, warmJobs, 'warm');
        await drained(server);
        expect(byKind(violations.counts)).toEqual(byKind(expectedViolations(kinds, arrived)));
        violations.counts.clear();
        arrived.clear();
        watched.length = 0;
        const serverListeners = listenerCounts(server.server);
        // The jobs (request texts, closures) are built first: they must not count as growth.
        const jobs = buildJobs(kinds, requests);
        const heapBefore = await collectedHeap();

        const run = await drive(server, jobs, 'run');
        await drained(server);
        const heapAfter = await collectedHeap();
        const twinRun = mode === 'report' ? await drive(twin, jobs, 'twin') : undefined;
        await drained(twin);
        // For scale: what the same requests leave behind without a guard.
        const heapAfterTwin = await collectedHeap();

        // In 'throw' mode the application cuts connections after refused calls, so a request an
        // Agent had already queued on such a connection never arrives: count what arrived.
        const expected = expectedViolations(kinds, arrived);
        const expectedTotal = sum(expected);
        // A response whose socket is still closing (refused calls cut connections on a later tick)
        // is legitimately alive for a moment: collect again for up to a second before counting. A
        // real leak stays alive however long we wait.
        const countAlive = () => watched.filter((ref) => ref.deref() !== undefined).length;
        let alive = countAlive();
        for (let round = 0; round < 20 && alive > 0; round += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          await collectedHeap();
          alive = countAlive();
        }
        console.log(
          `[load] ${framework}, '${mode}': ${run.requests} requests in ${Math.round(run.ms)} ms guarded` +
            `${twinRun ? `, ${Math.round(twinRun.ms)} ms unguarded twin` : ''}; ${sum(arrived)} reached the application; violations expected ${expectedTotal}, reported ${violations.total()}; ` +
            `heap before ${mb(heapBefore)} MB, after ${mb(heapAfter)} MB (${sign(heapAfter - heapBefore)} MB; ` +
            `${twinRun ? `the unguarded twin's run then ${sign(heapAfterTwin - heapAfter)} MB` : 'no twin run'}); ` +
            `${watched.length} sampled responses, ${alive} still alive`,
        );

        // Every job came back (no client left waiting).
        expect(run.requests).toBe(requests);
        // Every answer the guarded server gave is the answer the unguarded twin gave, job by job.
        if (twinRun) expect(answers(run.seen)).toEqual(answers(twinRun.seen));
        if (mode === 'report') expect(byKind(arrived)).toEqual(byKind(sentByKind(jobs)));
        // Every violation reported exactly once, per kind.
        expect(byKind(violations.counts)).toEqual(byKind(expected));
        expect(faults).toEqual([]);
        // Nothing per response outlives it.
        expect(alive).toBe(0);
        expect(listenerCounts(server.server)).toBe(serverListeners);
        expect(listenerCounts(process)).toBe(processListeners);
        expect(heapAfter - heapBefore).toBeLessThan(HEAP_SLACK);
      } finally {
        process.off('uncaughtException', onFault);
        process.off('unhandledRejection', onFault);
        await server.close();
        await twin.close();
      }
    },
    STRESS ? 1_200_000 : 120_000,
  );
});

/** Counts per kind as a plain object, for a readable diff. */
function byKind(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** The answers per job key, in a stable order for a readable diff. */
function answers(seen: Map<string, Set<string>>): Record<string, string[]> {
  return Object.fromEntries([...seen].sort(([a], [b]) => a.localeCompare(b)).map(([key, set]) => [key, [...set].sort()]));
}

const sum = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const sign = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;
