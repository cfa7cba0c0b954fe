import { Injectable, Logger } from '@nestjs/common';

export type LifecycleState = 'starting' | 'ready' | 'draining';

/** How long a stopping process waits for in-flight requests and background jobs (the contract's 10 s). */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Where this process is in its life (readiness answers 503 unless `ready`), and the work in
 * flight that a shutdown waits for: HTTP requests (counted by hooks in bootstrap.ts) and
 * background job runs (started through `runJob`). A job that leases rows registers how to give
 * them back, for when the drain deadline passes before it is done.
 */
@Injectable()
export class Lifecycle {
  private readonly logger = new Logger(Lifecycle.name);
  private current: LifecycleState = 'starting';
  private requests = 0;
  private readonly jobs = new Set<Promise<void>>();
  private readonly releasers: (() => Promise<void>)[] = [];
  private idle: (() => void) | undefined;

  get state(): LifecycleState {
    return this.current;
  }

  /** Called once the process listens. */
  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  get draining(): boolean {
    return this.current === 'draining';
  }

  requestStarted(): void {
    this.requests++;
  }

  requestEnded(): void {
    this.requests--;
    this.notifyIfIdle();
  }

  /** Runs one background job run, or nothing once the process drains (no new work is claimed then). */
  async runJob(work: () => Promise<void>): Promise<void> {
    if (this.draining) return;
    const run = work().finally(() => {
      this.jobs.delete(run);
      this.notifyIfIdle();
    });
    this.jobs.add(run);
    await run;
  }

  /** `release` gives back what a job holds (its leases) when the drain ends before the job does. */
  onUnfinishedDrain(release: () => Promise<void>): void {
    this.releasers.push(release);
  }

  /**
   * Stops taking work and waits up to `timeoutMs` for the requests and job runs in flight; when
   * some are still running then, their claims are released so another process picks them up.
   * Returns whether everything finished.
   */
  async drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<boolean> {
    this.current = 'draining';
    const settled = new Promise<true>((resolve) => {
      this.idle = () => resolve(true);
      this.notifyIfIdle();
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = await Promise.race([settled, deadline]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn(
        `Drain deadline passed with ${this.requests} request(s) and ${this.jobs.size} job run(s) in flight; releasing their claims`,
      );
      await Promise.all(this.releasers.map((release) => release()));
    }
    return finished;
  }

  private notifyIfIdle(): void {
    if (this.idle && this.requests === 0 && this.jobs.size === 0) this.idle();
  }
}
