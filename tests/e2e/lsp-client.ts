import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

// A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length framing),
// enough to drive a real language server the way an editor does: requests with replies,
// notifications, answers to the server's own requests, and waiting for a notification.

type Message = { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
type Waiter = { test: (message: Message) => boolean; resolve: (message: Message) => void };

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly waiters: Waiter[] = [];
  /** Every notification received so far, in order. */
  readonly notifications: Message[] = [];
  /** What the server wrote to stderr (for failure messages). */
  stderr = '';

  /** `answer` replies to the server's requests (`workspace/configuration`, …); `null` for any it does not know. */
  constructor(command: string, args: readonly string[], cwd: string, private readonly answer: (method: string, params: unknown) => unknown) {
    this.child = spawn(command, args, { cwd, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or still to come) that passes `test`. */
  waitFor(method: string, test: (params: unknown) => boolean, timeoutMs: number): Promise<unknown> {
    const matches = (message: Message) => message.method === method && test(message.params);
    const seen = this.notifications.find(matches);
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr:\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test: matches,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message.params);
        },
      });
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 2000))]);
      this.notify('exit', null);
    } finally {
      const timer = setTimeout(() => this.child.kill(), 2000);
      await exited;
      clearTimeout(timer);
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/iu.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.send({ jsonrpc: '2.0', id: message.id, result: this.answer(message.method, message.params) ?? null });
    } else if (message.method !== undefined) {
      this.notifications.push(message);
      for (const [index, waiter] of this.waiters.entries()) {
        if (!waiter.test(message)) continue;
        this.waiters.splice(index, 1);
        waiter.resolve(message);
        break;
      }
    } else if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
    }
  }
}
