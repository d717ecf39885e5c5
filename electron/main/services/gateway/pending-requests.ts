// Requests waiting for their reply on one connection: each has a unique id and its own deadline, and replies
// may come back in any order. A connection that ends fails everything still waiting, so no caller hangs.
import { randomUUID } from 'node:crypto';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Clock, TimerHandle } from '../system/clock';
import type { ResponseFrame } from './frames';

interface Waiting {
  resolve: (frame: ResponseFrame) => void;
  reject: (error: AppFailure) => void;
  timer: TimerHandle;
}

export class PendingRequests {
  readonly #waiting = new Map<string, Waiting>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** A fresh id and a promise of the reply frame (ok or not); rejects when the deadline passes first. */
  add(method: string, timeoutMs: number): { id: string; reply: Promise<ResponseFrame> } {
    const id = randomUUID();
    const reply = new Promise<ResponseFrame>((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        this.#waiting.delete(id);
        reject(
          new AppFailure(
            appError(
              'gateway-request-timeout',
              `The Gateway did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`,
              'Try again; if it keeps happening the Gateway host may be overloaded.',
            ),
          ),
        );
      }, timeoutMs);
      this.#waiting.set(id, { resolve, reject, timer });
    });
    return { id, reply };
  }

  /** Hands a reply to its request; false when nothing waits for that id (late or unknown reply). */
  settle(frame: ResponseFrame): boolean {
    const waiting = this.#waiting.get(frame.id);
    if (!waiting) return false;
    this.#waiting.delete(frame.id);
    this.#clock.clearTimeout(waiting.timer);
    waiting.resolve(frame);
    return true;
  }

  /** Fails one request that could not be sent. */
  fail(id: string, error: AppError): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#waiting.delete(id);
    this.#clock.clearTimeout(waiting.timer);
    waiting.reject(new AppFailure(error));
  }

  failAll(error: AppError): void {
    for (const id of [...this.#waiting.keys()]) this.fail(id, error);
  }
}
