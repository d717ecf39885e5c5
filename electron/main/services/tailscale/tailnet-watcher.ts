// Keeping the tailnet fresh while someone looks at it: the status is read on an interval only while at least one
// subscriber watches, subscribers hear about it only when the model changed, and the last one leaving stops the
// polling with no timer left behind.
import type { Result } from '../../../shared/errors';
import type { Clock, TimerHandle } from '../system/clock';
import type { TailnetStatus } from './status';

export type TailnetListener = (status: Result<TailnetStatus>) => void;

export interface TailnetWatcher {
  /** Calls `listener` with the tailnet as it is and then after each change, until the returned function is called. */
  watch(listener: TailnetListener): () => void;
  /** Reads the tailnet now (after a switch, say), tells the watchers if it changed, and returns it. */
  refresh(): Promise<Result<TailnetStatus>>;
}

export interface WatcherOptions {
  read: () => Promise<Result<TailnetStatus>>;
  intervalMs?: number;
  clock: Clock;
}

/** Often enough to see a device come online while the picker is open; each poll is one short CLI run. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

export function createTailnetWatcher(options: WatcherOptions): TailnetWatcher {
  const { clock } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const listeners = new Set<TailnetListener>();
  let last: { key: string; value: Result<TailnetStatus> } | undefined;
  let timer: TimerHandle;
  let looping = false;
  // Reads one after another, so a refresh after a switch cannot be overtaken by an older poll's answer.
  let queue: Promise<unknown> = Promise.resolve();

  const read = (): Promise<Result<TailnetStatus>> => {
    const next = queue.then(async () => {
      const value = await options.read();
      const key = JSON.stringify(value);
      if (listeners.size > 0 && key !== last?.key) {
        last = { key, value };
        for (const listener of [...listeners]) listener(value);
      }
      return value;
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const loop = () => {
    looping = true;
    const again = () => {
      looping = false;
      if (listeners.size > 0) {
        timer = clock.setTimeout(() => {
          timer = undefined;
          loop();
        }, intervalMs);
      }
    };
    void read().then(again, again);
  };

  return {
    watch(listener) {
      listeners.add(listener);
      if (!looping && timer === undefined) {
        loop();
      } else if (last) {
        // A latecomer gets the tailnet as already known rather than waiting for the next change.
        const { value } = last;
        queueMicrotask(() => {
          if (listeners.has(listener)) listener(value);
        });
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        if (timer !== undefined) clock.clearTimeout(timer);
        timer = undefined;
        // Whoever watches next starts afresh and is told the tailnet as it is then, changed or not.
        last = undefined;
      };
    },
    refresh: read,
  };
}
