import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { viaAgent, viaSocket, type Seen } from './clients.js';
import type { LoadKind } from './kinds.js';

/** Requests pipelined on one connection (the last says `Connection: close`). */
const PIPELINE_DEPTH = 6;
/** Jobs (a request, or one pipelined connection) in flight at once. */
const CONCURRENCY = 32;

export interface LoadServer {
  readonly server: http.Server;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(listener: http.RequestListener): Promise<LoadServer> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One unit of client work: `key` names what was sent, so the twin's answer to the same key can be compared. */
export interface Job {
  readonly key: string;
  /** The kind of each request the job sends. */
  readonly kinds: readonly string[];
  readonly requests: number;
  run(port: number, agent: http.Agent, id: string): Promise<Seen>;
}

function requestText(kind: LoadKind<unknown>, i: number, extra = '', close = true): string {
  const method = kind.method ?? 'GET';
  // An HTTP/1.0 request closes its connection after the answer without being told.
  const version = kind.http10 === true ? '1.0' : '1.1';
  const connection = close && kind.http10 !== true ? 'Connection: close\r\n' : '';
  return `${method} /k/${kind.name}?i=${i} HTTP/${version}\r\nHost: 127.0.0.1\r\n${extra}${connection}\r\n`;
}

/**
 * The mix: `rounds` rounds of every kind, each kind `weight` times per round, in a fixed order, so
 * the guarded server and its twin get exactly the same requests. Pipelined kinds are grouped
 * PIPELINE_DEPTH to a connection.
 */
export function buildJobs(kinds: readonly LoadKind<unknown>[], requests: number): Job[] {
  const round = kinds.flatMap((k) => Array.from({ length: k.weight ?? 3 }, () => k));
  const jobs: Job[] = [];
  let batch: LoadKind<unknown>[] = [];
  let count = 0;
  for (let i = 0; count < requests; i += 1) {
    const kind = round[i % round.length] as LoadKind<unknown>;
    count += 1;
    if (kind.channel === 'pipeline') {
      batch.push(kind);
      if (batch.length === PIPELINE_DEPTH) {
        jobs.push(pipelined(batch, i));
        batch = [];
      }
      continue;
    }
    jobs.push(single(kind, i));
  }
  if (batch.length > 0) jobs.push(pipelined(batch, requests));
  return jobs;
}

function pipelined(batch: readonly LoadKind<unknown>[], i: number): Job {
  const text = batch.map((k, j) => requestText(k, i * 10 + j, '', j === batch.length - 1)).join('');
  return {
    key: `pipeline ${batch.map((k) => k.name).join(',')}`,
    kinds: batch.map((k) => k.name),
    requests: batch.length,
    run: (port) => viaSocket(port, text),
  };
}

function single(kind: LoadKind<unknown>, i: number): Job {
  const key = `${kind.channel} ${kind.name}`;
  const base = { key, kinds: [kind.name], requests: 1 };
  switch (kind.channel) {
    case 'agent':
      return { ...base, run: (port, agent) => viaAgent(port, agent, kind.method ?? 'GET', `/k/${kind.name}?i=${i}`) };
    case 'expect': {
      const body = 'x'.repeat(1000 + (i % 7));
      const head = `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n`;
      return { ...base, key: `${key} ${body.length}`, run: (port) => viaSocket(port, requestText(kind, i, head), { bodyAfterContinue: body }) };
    }
    case 'slow':
      return { ...base, run: (port) => viaSocket(port, requestText(kind, i), { slow: true }) };
    case 'abort':
      return { ...base, run: (port) => viaSocket(port, requestText(kind, i), { abortAfterHead: true }) };
    case 'abandon':
      return {
        ...base,
        run: (port, _agent, id) => viaSocket(port, requestText(kind, i, `x-load-id: ${id}\r\n`, false), { abandonId: id }),
      };
    default:
      return { ...base, run: (port) => viaSocket(port, requestText(kind, i)) };
  }
}

export interface LoadResult {
  readonly requests: number;
  /** Every distinct answer seen per job key. */
  readonly seen: Map<string, Set<Seen>>;
  readonly ms: number;
}

/** Send every job to the server, CONCURRENCY at a time, through one keep-alive Agent and raw sockets. */
export async function drive(server: LoadServer, jobs: readonly Job[], label: string): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const seen = new Map<string, Set<Seen>>();
  const started = performance.now();
  let next = 0;
  let requests = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next;
      next += 1;
      const job = jobs[index] as Job;
      const answer = await job.run(server.port, agent, `${label}-${index}`);
      requests += job.requests;
      let set = seen.get(job.key);
      if (!set) seen.set(job.key, (set = new Set()));
      set.add(answer);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  return { requests, seen, ms: performance.now() - started };
}
