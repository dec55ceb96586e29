import type { ServerResponse } from 'node:http';

/**
 * One shared sweeper per guard for `endTimeout`: a Map of pending responses and one unref'd
 * interval, instead of a timer per response (cheaper, and no timer churn). A response leaves the
 * map when it closes or when the sweep finds it finished, so nothing outlives its response.
 */
export class Watchdog {
  private readonly pending = new Map<ServerResponse, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly period: number;

  constructor(
    private readonly timeout: number,
    private readonly onLate: (res: ServerResponse) => void,
    private readonly isFinished: (res: ServerResponse) => boolean,
  ) {
    this.period = Math.min(1000, Math.max(10, Math.floor(timeout / 4)));
  }

  add(res: ServerResponse): void {
    this.pending.set(res, Date.now());
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), this.period);
      this.timer.unref();
    }
  }

  remove(res: ServerResponse): void {
    this.pending.delete(res);
  }

  sweep(): void {
    const now = Date.now();
    for (const [res, arrived] of this.pending) {
      if (this.isFinished(res)) this.pending.delete(res);
      else if (now - arrived >= this.timeout) {
        this.pending.delete(res);
        this.onLate(res);
      }
    }
    if (this.pending.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
